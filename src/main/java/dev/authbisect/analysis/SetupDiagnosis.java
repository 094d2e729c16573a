package dev.authbisect.analysis;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The set-up rules ({@link SetupRules}) applied to one cell, for places that look at one module version
 * at a time (bisect's premise checks): does this cell alone show a harness mistake?
 */
public final class SetupDiagnosis {
    private SetupDiagnosis() {
    }

    /**
     * A harness mistake this cell shows (a nonce off the simulator's fixed clock that follows this host's,
     * another api_key than the environment's, no request reaching the relay), in one line: what shows it,
     * then what to do. Empty when the cell shows none, or only an environment cause (a skewed host clock).
     *
     * @param env           the environment's name
     * @param cell          the cell
     * @param configuredKey the environment's key as reports show it, or empty
     */
    public static Optional<String> harness(String env, Cell cell, String configuredKey) {
        Row row = new Row(cell.row(), Row.Kind.MODULE_VERSION, "", List.of(), "");
        List<Row> decided = cell.outcome().decisive() ? List.of(row) : List.of();
        return SetupRules.find(env, List.of(row), Map.of(row.id(), cell), decided, configuredKey == null ? "" : configuredKey)
                .filter(p -> p.reason().kind() == Cause.Kind.HARNESS)
                .filter(p -> p.reason() != Cause.Reason.PROBE_CANNOT_TEST && p.reason() != Cause.Reason.BUILD_FAILS
                        && p.reason() != Cause.Reason.NOTHING_TESTABLE) // one skipped version is just a skip
                .map(p -> lead(p.reason()) + p.evidence().replace("`", "") + "; " + fixWords(p.fix()));
    }

    private static String lead(Cause.Reason reason) {
        return switch (reason) {
            case FIXED_CLOCK_NOT_FOLLOWED -> "its nonce follows this host's clock, not the simulator's fixed clock: ";
            case NO_REQUEST_REACHED_RELAY, CODE_CALLS_HOST_DIRECTLY -> "no request reached the relay: ";
            default -> "";
        };
    }

    private static String fixWords(String fix) {
        String f = fix.startsWith(SetupRules.NOT_THE_CODE) ? fix.substring(SetupRules.NOT_THE_CODE.length()) : fix;
        f = f.replace("`", "");
        return f.endsWith(".") ? f.substring(0, f.length() - 1) : f;
    }
}
