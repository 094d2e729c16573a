package dev.authbisect.cli;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code authbisect bisect}: being built (see the open issues). */
@Command(name = "bisect", description = "(not available yet)")
public final class BisectCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new ExitException(ExitCodes.INTERNAL, "'bisect' is not available in this build yet");
    }
}
