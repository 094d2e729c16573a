package dev.authbisect.cli;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Redactor;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root command. Subcommands are thin adapters over the core: validate options, call one
 * core method, map the result to an exit code (see {@link ExitCodes}).
 */
@Command(name = "authbisect", mixinStandardHelpOptions = true, versionProvider = AuthBisect.Version.class,
        description = "Does a failing signed API call track the code or the environment? "
                + "Runs a probe per module version × environment and writes a matrix.",
        subcommands = {RunCommand.class, BisectCommand.class, DemoCommand.class, SimCommand.class,
                CheckCommand.class, ReportCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success, no failing cell; bisect found the first bad commit",
                "1:internal error", "2:usage or config error",
                "3:failures found (run), unexpected verdicts (demo)",
                "4:incomplete: cells skipped or errored beyond what allows a verdict; bisect inconclusive"})
public final class AuthBisect implements Runnable {

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors (for bug reports).")
    boolean stacktrace;

    /** Set by a command once it knows the run's credentials, so errors are redacted too. */
    private Redactor redactor = Redactor.random();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (run, bisect, demo, sim, check, report)");
    }

    void redactor(Redactor r) {
        this.redactor = r;
    }

    Redactor redactor() {
        return redactor;
    }

    /** A configured command line: exit-code mapping and one-line errors. */
    public static CommandLine commandLine() {
        AuthBisect root = new AuthBisect();
        CommandLine cl = new CommandLine(root);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(root, ex, commandLine.getErr()));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("authbisect: " + root.redactor.redact(ex.getMessage()));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    private static int handle(AuthBisect root, Exception ex, PrintWriter err) {
        Throwable t = ex;
        if (t instanceof ExitException e) {
            err.println("authbisect: " + root.redactor.redact(e.getMessage()));
            if (root.stacktrace) {
                printStack(root, e, err);
            }
            err.flush();
            return e.code();
        }
        err.println("authbisect: internal error: " + root.redactor.redact(String.valueOf(t))
                + (root.stacktrace ? "" : " (run again with --stacktrace for details)"));
        if (root.stacktrace) {
            printStack(root, t, err);
        }
        err.flush();
        return ExitCodes.INTERNAL;
    }

    private static void printStack(AuthBisect root, Throwable t, PrintWriter err) {
        java.io.StringWriter sw = new java.io.StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        err.println(root.redactor.redact(sw.toString()));
    }

    /** The version from the jar manifest. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Main.versionLine()};
        }
    }

    /** The tool version (from the jar manifest; "dev" when run from classes). */
    public static String toolVersion() {
        String v = AuthBisect.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
