package dev.authbisect.analysis;

import dev.authbisect.core.ClockCheck;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import java.util.List;
import java.util.Objects;

/**
 * (row, environment, call) → outcome, with the evidence the report shows. Every text field
 * is already redacted; renderers must still escape it.
 *
 * @param row          the row id
 * @param env          environment name
 * @param call         call name
 * @param outcome      the outcome class (FLAKY when repetitions disagree)
 * @param venueCode    the venue's envelope code, or null
 * @param venueName    the code's name, or empty
 * @param httpStatus   the HTTP status, or null when nothing was answered
 * @param signature    the relay's signature check of the (last) signed request of this call
 * @param diagnosis    one line explaining the outcome (signature diagnosis, probe exit, transport error …)
 * @param latencyMs    latency of the (last) request, or null
 * @param repetitions  per-repetition outcomes (one entry per repetition; empty when run once)
 * @param request      redacted request (method, path, body), bounded
 * @param response     redacted response (status, body), bounded
 * @param egress       hosts the code tried to reach outside the relay during this trial ("GET http://api.ipify.org/")
 * @param probeTail    redacted tail of the probe's output for this trial
 * @param simReason    the simulator's diagnostic reason header (simulator environments only), or empty
 * @param clock        the relay's clock check of the (last) signed request: its nonce against the upstream's clock
 */
public record Cell(String row, String env, String call, Outcome outcome, Integer venueCode, String venueName,
                   Integer httpStatus, SignatureCheck signature, String diagnosis, Long latencyMs,
                   List<Repetition> repetitions, String request, String response, List<String> egress,
                   String probeTail, String simReason, ClockCheck clock) {
    /** How a SKIPPED cell's diagnosis starts when the probe exited 125. */
    public static final String PROBE_CANNOT_TEST = "probe exited 125";
    /** How a SKIPPED cell's diagnosis starts when the module version did not build. */
    public static final String BUILD_FAILED = "build failed";
    /** In a NOT_SENT or PROBE_ERROR cell's diagnosis: requests of its trial reached the relay, none counted for this call. */
    public static final String OTHER_REQUESTS = " that reached the relay ";
    /** In a cell's diagnosis: the relay itself refused requests of its trial (a bad path, an unknown call announced). */
    public static final String RELAY_REFUSED = "; the relay refused ";

    public Cell {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(outcome, "outcome");
        venueName = venueName == null ? "" : venueName;
        signature = signature == null ? SignatureCheck.notChecked("no signed request") : signature;
        diagnosis = diagnosis == null ? "" : diagnosis;
        repetitions = repetitions == null ? List.of() : List.copyOf(repetitions);
        request = request == null ? "" : request;
        response = response == null ? "" : response;
        egress = egress == null ? List.of() : List.copyOf(egress);
        probeTail = probeTail == null ? "" : probeTail;
        simReason = simReason == null ? "" : simReason;
        clock = clock == null ? ClockCheck.notChecked("no signed request") : clock;
    }

    /** A cell without a clock check (cells that never reached the relay, results written before clock checks). */
    public Cell(String row, String env, String call, Outcome outcome, Integer venueCode, String venueName,
                Integer httpStatus, SignatureCheck signature, String diagnosis, Long latencyMs,
                List<Repetition> repetitions, String request, String response, List<String> egress,
                String probeTail, String simReason) {
        this(row, env, call, outcome, venueCode, venueName, httpStatus, signature, diagnosis, latencyMs, repetitions,
                request, response, egress, probeTail, simReason, null);
    }

    /** A cell with only an outcome (tests, and cells that never reached the relay). */
    public static Cell of(String row, String env, String call, Outcome outcome, Integer venueCode, String venueName) {
        return new Cell(row, env, call, outcome, venueCode, venueName, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** The same cell with another clock check. */
    public Cell withClock(ClockCheck check) {
        return new Cell(row, env, call, outcome, venueCode, venueName, httpStatus, signature, diagnosis, latencyMs,
                repetitions, request, response, egress, probeTail, simReason, check);
    }

    /** The same cell with another signature check. */
    public Cell withSignature(SignatureCheck check) {
        return new Cell(row, env, call, outcome, venueCode, venueName, httpStatus, check, diagnosis, latencyMs,
                repetitions, request, response, egress, probeTail, simReason, clock);
    }

    /** The same cell with another diagnosis. */
    public Cell withDiagnosis(String text) {
        return new Cell(row, env, call, outcome, venueCode, venueName, httpStatus, signature, text, latencyMs,
                repetitions, request, response, egress, probeTail, simReason, clock);
    }

    /** The same cell with egress attempts. */
    public Cell withEgress(List<String> attempts) {
        return new Cell(row, env, call, outcome, venueCode, venueName, httpStatus, signature, diagnosis, latencyMs,
                repetitions, request, response, attempts, probeTail, simReason, clock);
    }

    /** The same cell folded from repetitions: {@code folded} outcome, its diagnosis, every repetition listed. */
    public Cell withRepetitions(Outcome folded, String foldedDiagnosis, List<Repetition> list) {
        return new Cell(row, env, call, folded, venueCode, venueName, httpStatus, signature, foldedDiagnosis, latencyMs,
                list, request, response, egress, probeTail, simReason, clock);
    }

    /** "40101 UNAUTHORIZED", "AUTH_REJECTED" when there is no code, or the outcome name. */
    public String codeLabel() {
        if (venueCode != null) {
            return venueName.isEmpty() ? String.valueOf(venueCode) : venueCode + " " + venueName;
        }
        if (httpStatus != null && outcome != Outcome.OK) {
            return "HTTP " + httpStatus;
        }
        return outcome.name();
    }

    /**
     * Whether the relay saw requests of this cell's trial although none counted for its call (a NOT_SENT or
     * PROBE_ERROR cell whose diagnosis says so): such a cell never means "no request reached the relay".
     */
    public boolean relaySawRequests() {
        return diagnosis.contains(OTHER_REQUESTS) || diagnosis.contains(RELAY_REFUSED);
    }
}
