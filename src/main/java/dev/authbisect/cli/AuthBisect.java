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
        subcommands = {RunCommand.class, BisectCommand.class, DriftCommand.class, DemoCommand.class, SimCommand.class,
                CheckCommand.class, ReportCommand.class, MergeCommand.class, CacheCommand.class, InitCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success, no failing cell; bisect found the first bad commit",
                "1:internal error", "2:usage or config error",
                "3:failures found (run, see --fail-on), drift detected (drift), unexpected verdicts (demo); "
                        + "bisect: the good commit fails like the reference client (the environment, no commit to blame)",
                "4:incomplete: a HARNESS, provisional or INCONCLUSIVE verdict, or cells skipped or errored beyond what allows "
                        + "a verdict; bisect named no commit (premise failed, inconclusive); undecided drift cells",
                "130:interrupted by SIGINT (Ctrl-C): run wrote a partial report, --resume finishes it",
                "143:interrupted by SIGTERM: the same"})
public final class AuthBisect implements Runnable {

    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors (for bug reports).")
    boolean stacktrace;

    /** Set by a command once it knows the run's credentials, so errors are redacted too. */
    private Redactor redactor = Redactor.random();

    /** What the terminal allows (ANSI, a progress bar). */
    private Terminal terminal = Terminal.of(false, java.util.Map.of());

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required ("
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    Terminal terminal() {
        return terminal;
    }

    void redactor(Redactor r) {
        this.redactor = r;
    }

    Redactor redactor() {
        return redactor;
    }

    /** A configured command line for this process's terminal: exit-code mapping and one-line errors. */
    public static CommandLine commandLine() {
        return commandLine(Terminal.detect());
    }

    static CommandLine commandLine(Terminal terminal) {
        AuthBisect root = new AuthBisect();
        root.terminal = terminal;
        CommandLine cl = new CommandLine(root);
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(terminal.ansi() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(root, ex, TerminalText.sanitizing(commandLine.getErr())));
        // every command prints through one sanitizer: installed when it runs, on whatever out/err the caller set.
        // Help and version text is the tool's own: on a terminal that allows ANSI it keeps picocli's colours
        // (the sanitizer would show them as ␛); everywhere else it is plain text and sanitized like the rest.
        cl.setExecutionStrategy(parseResult -> {
            if (!(terminal.ansi() && helpRequest(parseResult))) {
                cl.setOut(TerminalText.sanitizing(cl.getOut()));
                cl.setErr(TerminalText.sanitizing(cl.getErr()));
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = TerminalText.sanitizing(ex.getCommandLine().getErr());
            err.println("authbisect: " + root.redactor.redact(unknownOption(ex, args).orElse(ex.getMessage() + suggestion(ex))));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /** Whether the command line asks for help or the version ({@code --help}, {@code --version}, {@code help CMD}). */
    static boolean helpRequest(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.isUsageHelpRequested() || p.isVersionHelpRequested()
                    || p.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
                return true;
            }
        }
        return false;
    }

    /**
     * "Unknown option: '--confg' (did you mean '--config'?)" when the arguments of the failing command
     * hold an option it does not know: reported even when picocli first noticed something else (a
     * required option missing because it was mistyped).
     */
    static java.util.Optional<String> unknownOption(CommandLine.ParameterException ex, String[] args) {
        CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            if (!spec.subcommands().isEmpty() && u.getUnmatched().get(0).equals(args.length > 0 ? firstWord(args) : "")) {
                String typed = u.getUnmatched().get(0);
                return java.util.Optional.of("unknown command '" + typed + "'" + suggestion(ex) + " (commands: "
                        + String.join(", ", spec.subcommands().keySet()) + ")");
            }
            return java.util.Optional.empty();
        }
        int from = 0;
        if (spec.parent() != null) {
            from = java.util.Arrays.asList(args).indexOf(spec.name()) + 1;
            if (from == 0) {
                return java.util.Optional.empty();
            }
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        spec.options().forEach(o -> names.addAll(java.util.List.of(o.names())));
        for (int i = from; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            if (!a.startsWith("--") || a.length() < 3) {
                continue;
            }
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!names.contains(name)) {
                return java.util.Optional.of("Unknown option: '" + name + "'" + dev.authbisect.core.DidYouMean.hint(name, names));
            }
        }
        return java.util.Optional.empty();
    }

    /** The first argument that is not an option of the root command. */
    private static String firstWord(String[] args) {
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return "";
    }

    /** " (did you mean '--range'?)" for a mistyped option or command, else "". */
    static String suggestion(CommandLine.ParameterException ex) {
        if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || u.getUnmatched().isEmpty()) {
            return "";
        }
        String typed = u.getUnmatched().get(0);
        CommandLine.Model.CommandSpec spec = ex.getCommandLine().getCommandSpec();
        if (typed.startsWith("-")) {
            String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
            java.util.List<String> names = new java.util.ArrayList<>();
            spec.options().forEach(o -> names.addAll(java.util.List.of(o.names())));
            return dev.authbisect.core.DidYouMean.hint(name, names);
        }
        return dev.authbisect.core.DidYouMean.hint(typed, java.util.List.copyOf(spec.subcommands().keySet()));
    }

    private static int handle(AuthBisect root, Exception ex, PrintWriter err) {
        Throwable t = ex;
        if (t instanceof java.io.UncheckedIOException u) {
            // a file that could not be written or read is the machine's state, not a bug: one line, exit 1
            t = dev.authbisect.core.IoFailure.of(u);
        }
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
}
