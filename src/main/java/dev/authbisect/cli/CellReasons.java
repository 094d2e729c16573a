package dev.authbisect.cli;

import dev.authbisect.analysis.Cell;
import dev.authbisect.core.Outcome;
import dev.authbisect.run.MissingSupport;
import java.util.EnumSet;
import java.util.Set;

/** One line saying why a cell is undecided, for the terminal. */
final class CellReasons {
    /** The classes that say nothing about auth behaviour: counted by reason at the end of a run. */
    static final Set<Outcome> UNDECIDED = EnumSet.of(Outcome.PROBE_ERROR, Outcome.TRANSPORT_ERROR, Outcome.RATE_LIMITED,
            Outcome.NOT_SENT, Outcome.SKIPPED);
    /** The classes whose progress line carries the reason and the log file (a skip is expected, e.g. before the client existed). */
    static final Set<Outcome> EXPLAINED = EnumSet.of(Outcome.PROBE_ERROR, Outcome.TRANSPORT_ERROR, Outcome.RATE_LIMITED,
            Outcome.NOT_SENT);
    private static final int MAX = 240;

    private CellReasons() {
    }

    /**
     * The cell's diagnosis without its parenthesised detail ("probe exited 1 before the call"), and
     * for probe errors, skips and unsent calls the last line of the probe's output (a Python
     * exception's "ModuleNotFoundError: No module named 'requests'"), and the path to add to the module's
     * support when the import that failed is in the repository ({@link MissingSupport}), on one line and
     * through {@link TerminalText}.
     */
    static String of(Cell c) {
        String diagnosis = c.diagnosis();
        int mark = diagnosis.indexOf(MissingSupport.MARK);
        String hint = mark < 0 ? "" : diagnosis.substring(mark);
        diagnosis = mark < 0 ? diagnosis : diagnosis.substring(0, mark);
        int paren = diagnosis.indexOf(" (");
        String head = paren > 0 && c.outcome() != Outcome.TRANSPORT_ERROR ? diagnosis.substring(0, paren) : diagnosis;
        String last = c.outcome() == Outcome.TRANSPORT_ERROR ? "" : lastLine(c.evidence().probeTail());
        if (head.startsWith("probe exited 125") && !last.isEmpty()) {
            head = "probe exited 125";
        }
        String reason;
        if (head.isEmpty()) {
            reason = last.isEmpty() ? c.codeLabel() : last;
        } else {
            reason = last.isEmpty() ? head : head + ": " + last;
        }
        return printable(reason) + (hint.isEmpty() ? "" : printable(hint));
    }

    /** The last non-blank line of the probe output that is not the probe's reported result. */
    static String lastLine(String tail) {
        String[] lines = tail.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.startsWith("the probe reported: ")) {
                return l;
            }
        }
        return "";
    }

    /**
     * {@code s} on one line, at most {@value #MAX} characters, through the one terminal sanitizer
     * ({@link TerminalText}: controls shown as visible characters); line breaks and tabs become spaces.
     */
    static String printable(String s) {
        String line = TerminalText.clean(s.replace("\r\n", " ").replace('\n', ' ').replace('\t', ' '));
        if (line.codePointCount(0, line.length()) <= MAX) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, MAX)) + "…";
    }
}
