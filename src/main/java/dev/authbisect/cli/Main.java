package dev.authbisect.cli;

import java.util.List;

/** Entry point of {@code authbisect.jar}. */
public final class Main {
    private static final List<String> VERSION_OPTIONS = List.of("--version", "-V");

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && VERSION_OPTIONS.contains(args[0])) {
            // the same line picocli prints, without building the command line (a third of a second)
            System.out.println(versionLine());
            System.exit(0);
        }
        System.exit(AuthBisect.commandLine().execute(args));
    }

    /** What {@code authbisect --version} prints. */
    static String versionLine() {
        return "authbisect " + dev.authbisect.core.ToolVersion.current();
    }
}
