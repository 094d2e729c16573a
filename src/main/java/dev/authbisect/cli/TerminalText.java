package dev.authbisect.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The one sanitizer for everything a command prints to a terminal: commit subjects, author
 * names, paths, error messages and anything else that came from a repository, a config or the
 * network cannot move the cursor, retitle the window, hide text or reorder it. Line breaks and
 * tabs stay; other C0 controls become their visible Unicode pictures ({@code ESC} → {@code ␛},
 * {@code CR} → {@code ␍}), {@code DEL} becomes {@code ␡}, and C1 controls and invisible format
 * characters (bidi overrides, zero-width joiners) become {@code �}.
 *
 * <p>Installed once on the command line's {@code out} and {@code err} (see
 * {@link AuthBisect#commandLine()}), so every command's output passes through it.
 */
final class TerminalText {
    private TerminalText() {
    }

    /** {@code text} safe to print. */
    static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char shown = shown(c);
            if (shown != c && sb == null) {
                sb = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (sb != null) {
                sb.append(shown);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /** What a single UTF-16 unit is printed as (every character sanitized here is a single unit). */
    static char shown(char c) {
        if (c == '\n' || c == '\t') {
            return c;
        }
        if (c < 0x20) {
            return (char) (0x2400 + c);
        }
        if (c == 0x7f) {
            return '\u2421';
        }
        if (c >= 0x80 && c <= 0x9f || Character.getType(c) == Character.FORMAT) {
            return '\uFFFD';
        }
        return c;
    }

    /** A writer that sanitizes everything written through it into {@code target}. */
    static PrintWriter sanitizing(PrintWriter target) {
        if (target instanceof Sanitizing) {
            return target;
        }
        return new Sanitizing(target);
    }

    private static final class Sanitizing extends PrintWriter {
        Sanitizing(PrintWriter target) {
            super(new Writer() {
                @Override
                public void write(char[] buf, int off, int len) {
                    char[] out = new char[len];
                    for (int i = 0; i < len; i++) {
                        out[i] = shown(buf[off + i]);
                    }
                    target.write(out, 0, len);
                }

                @Override
                public void flush() {
                    target.flush();
                }

                @Override
                public void close() {
                    target.close();
                }
            }, true);
        }
    }
}
