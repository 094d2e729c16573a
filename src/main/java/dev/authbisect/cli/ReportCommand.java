package dev.authbisect.cli;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code authbisect report}: being built (see the open issues). */
@Command(name = "report", description = "(not available yet)")
public final class ReportCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new ExitException(ExitCodes.INTERNAL, "'report' is not available in this build yet");
    }
}
