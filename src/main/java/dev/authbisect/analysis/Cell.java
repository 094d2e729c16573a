package dev.authbisect.analysis;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.authbisect.core.ClockCheck;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import java.util.List;
import java.util.Objects;

/**
 * (row, environment, call) → outcome, with the evidence the report shows, in a few named parts. Every
 * text field is already redacted; renderers must still escape it.
 *
 * <p>In {@code result.json} a cell keeps its flat form (row, env, call, outcome, venue_code, venue_name,
 * http_status, signature, diagnosis, latency_ms, repetitions, request, response, egress, probe_tail,
 * sim_reason, clock); the parts exist in memory only.
 *
 * @param row       the row id
 * @param env       environment name
 * @param call      call name
 * @param outcome   the outcome class (FLAKY when repetitions disagree)
 * @param diagnosis one line explaining the outcome (signature diagnosis, probe exit, transport error …), or empty
 * @param answer    what the upstream answered to the (last) request of this call
 * @param checks    the relay's checks of the (last) signed request of this call
 * @param timing    its latency and the repetitions
 * @param evidence  the redacted request, response, egress attempts and probe output
 */
public record Cell(String row, String env, String call, Outcome outcome, String diagnosis, Answer answer, Checks checks,
                   Timing timing, Evidence evidence) {
    /** How a SKIPPED cell's diagnosis starts when the probe exited 125. */
    public static final String PROBE_CANNOT_TEST = "probe exited 125";
    /** How a SKIPPED cell's diagnosis starts when the module version did not build. */
    public static final String BUILD_FAILED = "build failed";
    /** In a NOT_SENT or PROBE_ERROR cell's diagnosis: requests of its trial reached the relay, none counted for this call. */
    public static final String OTHER_REQUESTS = " that reached the relay ";
    /** In a cell's diagnosis: the relay itself refused requests of its trial (a bad path, an unknown call announced). */
    public static final String RELAY_REFUSED = "; the relay refused ";

    /**
     * What the upstream answered.
     *
     * @param venueCode  the venue's envelope code, or null
     * @param venueName  the code's name, or empty
     * @param httpStatus the HTTP status, or null when nothing was answered
     * @param simReason  the simulator's diagnostic reason header (simulator environments only), or empty
     */
    public record Answer(Integer venueCode, String venueName, Integer httpStatus, String simReason) {
        /** Nothing was answered. */
        public static final Answer NONE = new Answer(null, "", null, "");

        public Answer {
            venueName = venueName == null ? "" : venueName;
            simReason = simReason == null ? "" : simReason;
        }

        /** An answer known only by its venue code (tests, outcome-only cells). */
        public static Answer code(Integer venueCode, String venueName) {
            return new Answer(venueCode, venueName, null, "");
        }
    }

    /**
     * The relay's checks of a signed request.
     *
     * @param signature the signature against the environment's credentials
     * @param clock     its nonce or timestamp against the upstream's clock
     */
    public record Checks(SignatureCheck signature, ClockCheck clock) {
        /** No signed request was checked. */
        public static final Checks NONE = new Checks(null, null);

        public Checks {
            signature = signature == null ? SignatureCheck.notChecked("no signed request") : signature;
            clock = clock == null ? ClockCheck.notChecked("no signed request") : clock;
        }
    }

    /**
     * How long the call took.
     *
     * @param latencyMs   latency of the (last) request, or null
     * @param repetitions per-repetition outcomes (one entry per repetition; empty when run once)
     */
    public record Timing(Long latencyMs, List<Repetition> repetitions) {
        /** Not measured, run once. */
        public static final Timing NONE = new Timing(null, List.of());

        public Timing {
            repetitions = repetitions == null ? List.of() : List.copyOf(repetitions);
        }
    }

    /**
     * What the report shows as evidence, redacted and bounded.
     *
     * @param request   the request (method, path, body)
     * @param response  the response (status, body)
     * @param egress    hosts the code tried to reach outside the relay during this trial ("GET http://api.ipify.org/")
     * @param probeTail the tail of the probe's output for this trial
     */
    public record Evidence(String request, String response, List<String> egress, String probeTail) {
        /** Nothing recorded. */
        public static final Evidence NONE = new Evidence("", "", List.of(), "");

        public Evidence {
            request = request == null ? "" : request;
            response = response == null ? "" : response;
            egress = egress == null ? List.of() : List.copyOf(egress);
            probeTail = probeTail == null ? "" : probeTail;
        }
    }

    public Cell {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(outcome, "outcome");
        diagnosis = diagnosis == null ? "" : diagnosis;
        answer = answer == null ? Answer.NONE : answer;
        checks = checks == null ? Checks.NONE : checks;
        timing = timing == null ? Timing.NONE : timing;
        evidence = evidence == null ? Evidence.NONE : evidence;
    }

    /** A cell with only an outcome and a venue code (tests, and cells that never reached the relay). */
    public static Cell of(String row, String env, String call, Outcome outcome, Integer venueCode, String venueName) {
        return new Cell(row, env, call, outcome, "", Answer.code(venueCode, venueName), null, null, null);
    }

    /** The same cell with another clock check. */
    public Cell withClock(ClockCheck check) {
        return new Cell(row, env, call, outcome, diagnosis, answer, new Checks(checks.signature(), check), timing, evidence);
    }

    /** The same cell with another signature check. */
    public Cell withSignature(SignatureCheck check) {
        return new Cell(row, env, call, outcome, diagnosis, answer, new Checks(check, checks.clock()), timing, evidence);
    }

    /** The same cell with another diagnosis. */
    public Cell withDiagnosis(String text) {
        return new Cell(row, env, call, outcome, text, answer, checks, timing, evidence);
    }

    /** The same cell with other evidence. */
    public Cell withEvidence(Evidence e) {
        return new Cell(row, env, call, outcome, diagnosis, answer, checks, timing, e);
    }

    /** The same cell with egress attempts. */
    public Cell withEgress(List<String> attempts) {
        return withEvidence(new Evidence(evidence.request(), evidence.response(), attempts, evidence.probeTail()));
    }

    /** The same cell folded from repetitions: {@code folded} outcome, its diagnosis, every repetition listed. */
    public Cell withRepetitions(Outcome folded, String foldedDiagnosis, List<Repetition> list) {
        return new Cell(row, env, call, folded, foldedDiagnosis, answer, checks, new Timing(timing.latencyMs(), list), evidence);
    }

    /** This cell as one repetition of a folded cell. */
    public Repetition asRepetition() {
        return new Repetition(outcome, answer.venueCode(), answer.httpStatus(), timing.latencyMs());
    }

    /** "40101 UNAUTHORIZED", "AUTH_REJECTED" when there is no code, or the outcome name. */
    public String codeLabel() {
        if (answer.venueCode() != null) {
            return answer.venueName().isEmpty() ? String.valueOf(answer.venueCode()) : answer.venueCode() + " " + answer.venueName();
        }
        if (answer.httpStatus() != null && outcome != Outcome.OK) {
            return "HTTP " + answer.httpStatus();
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

    /** The flat form {@code result.json} has always had (schema /1 and /2): field names and order are the contract. */
    record Json(String row, String env, String call, Outcome outcome, Integer venueCode, String venueName,
                Integer httpStatus, SignatureCheck signature, String diagnosis, Long latencyMs,
                List<Repetition> repetitions, String request, String response, List<String> egress,
                String probeTail, String simReason, ClockCheck clock) {
    }

    @JsonValue
    Json json() {
        return new Json(row, env, call, outcome, answer.venueCode(), answer.venueName(), answer.httpStatus(),
                checks.signature(), diagnosis, timing.latencyMs(), timing.repetitions(), evidence.request(),
                evidence.response(), evidence.egress(), evidence.probeTail(), answer.simReason(), checks.clock());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Cell fromJson(Json j) {
        return new Cell(j.row(), j.env(), j.call(), j.outcome(), j.diagnosis(),
                new Answer(j.venueCode(), j.venueName(), j.httpStatus(), j.simReason()), new Checks(j.signature(), j.clock()),
                new Timing(j.latencyMs(), j.repetitions()), new Evidence(j.request(), j.response(), j.egress(), j.probeTail()));
    }
}
