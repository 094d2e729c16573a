package dev.authbisect.cli;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code authbisect run}: being built (see the open issues). */
@Command(name = "run", description = "(not available yet)")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new ExitException(ExitCodes.INTERNAL, "'run' is not available in this build yet");
    }
}
