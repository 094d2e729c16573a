package dev.authbisect.drift;

import dev.authbisect.core.ExitException;
import dev.authbisect.run.MatrixRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which rows a drift run re-runs and compares ({@code --rows}): {@code reference}, {@code head}
 * (the module version at the range's head), both (the default), or {@code all} (the reference row
 * and every module version of the range, matched with the baseline by module version).
 */
public record RowPins(boolean reference, boolean head, boolean all) {
    /** {@code reference,head}. */
    public static final RowPins DEFAULT = new RowPins(true, true, false);

    public RowPins {
        if (all) {
            reference = true;
            head = true;
        }
        if (!reference && !head) {
            throw ExitException.usage("--rows: expected at least one of reference, head, all");
        }
    }

    /** Parses {@code reference,head}, {@code all}, {@code reference} or {@code head}. */
    public static RowPins parse(String list) {
        boolean ref = false;
        boolean head = false;
        boolean all = false;
        for (String raw : list.split(",")) {
            switch (raw.strip().toLowerCase(Locale.ROOT)) {
                case "" -> { }
                case "reference", "ref" -> ref = true;
                case "head" -> head = true;
                case "all" -> all = true;
                default -> throw ExitException.usage("--rows: unknown row '" + raw.strip()
                        + "' (expected reference,head (the default), all, reference or head)");
            }
        }
        return new RowPins(ref, head, all);
    }

    /** Which module versions the run probes. */
    MatrixRun.Versions versions() {
        return all ? MatrixRun.Versions.ALL : head ? MatrixRun.Versions.HEAD : MatrixRun.Versions.NONE;
    }

    /** As written on the command line. */
    public String text() {
        if (all) {
            return "all";
        }
        List<String> parts = new ArrayList<>();
        if (reference) {
            parts.add("reference");
        }
        if (head) {
            parts.add("head");
        }
        return String.join(",", parts);
    }
}
