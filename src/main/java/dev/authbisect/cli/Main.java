package dev.authbisect.cli;

/** Entry point of {@code authbisect.jar}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(AuthBisect.commandLine().execute(args));
    }
}
