package dev.authbisect.cli;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code authbisect sim}: being built (see the open issues). */
@Command(name = "sim", description = "(not available yet)")
public final class SimCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new ExitException(ExitCodes.INTERNAL, "'sim' is not available in this build yet");
    }
}
