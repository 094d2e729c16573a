package dev.authbisect.cli;

import java.util.Map;

/**
 * What the terminal allows: ANSI escapes (colours, a redrawn progress bar) only on a TTY, and
 * never with {@code NO_COLOR} set (https://no-color.org) or {@code TERM=dumb}; the bar also not
 * under CI.
 *
 * @param tty     stdin and stdout are a terminal ({@code System.console() != null})
 * @param noColor {@code NO_COLOR} is set to a non-empty value
 * @param dumb    {@code TERM=dumb}
 * @param ci      {@code CI} is set (CI logs want one line per trial)
 */
record Terminal(boolean tty, boolean noColor, boolean dumb, boolean ci) {

    /** This process's terminal. */
    static Terminal detect() {
        return of(System.console() != null, System.getenv());
    }

    static Terminal of(boolean tty, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return new Terminal(tty, noColor != null && !noColor.isEmpty(), "dumb".equals(env.get("TERM")), env.get("CI") != null);
    }

    /** Whether ANSI escapes may be written. */
    boolean ansi() {
        return tty && !noColor && !dumb;
    }

    /** Whether progress is a redrawn bar (else one line per trial). */
    boolean bar() {
        return ansi() && !ci;
    }
}
