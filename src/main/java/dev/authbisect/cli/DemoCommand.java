package dev.authbisect.cli;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code authbisect demo}: being built (see the open issues). */
@Command(name = "demo", description = "(not available yet)")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new ExitException(ExitCodes.INTERNAL, "'demo' is not available in this build yet");
    }
}
