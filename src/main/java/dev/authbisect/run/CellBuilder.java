package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.Redactor;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.relay.EgressAttempt;
import dev.authbisect.relay.RecordedExchange;
import dev.authbisect.relay.TrialRecord;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.Venue;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns what one trial did (the relay's record and how the probe ended) into one cell per
 * call. Every text that leaves here is redacted.
 *
 * <p>A call's outcome comes from the requests attributed to it (announced before them; if it
 * was never announced, requests for its venue method): the most severe venue answer
 * (AUTH_REJECTED, then API_ERROR, then OK), or TRANSPORT_ERROR when none got an answer.
 * Without requests: NOT_SENT when the probe exited 0, otherwise PROBE_ERROR.
 */
final class CellBuilder {
    static final int MAX_TEXT = 4096;
    static final int MAX_TAIL = 2048;

    private final Redactor redactor;

    CellBuilder(Redactor redactor) {
        this.redactor = redactor;
    }

    /**
     * {@code base} that also knows every key the trial's requests carried: the code may have sent
     * another key than the environment's (a stale .env.local), and it must be redacted everywhere too.
     */
    static Redactor knowingSentKeys(Redactor base, Venue venue, TrialRecord record) {
        Redactor r = base;
        for (RecordedExchange e : record.exchanges()) {
            Optional<String> sent = venue.apiKeyOf(e.request());
            if (sent.isPresent()) {
                r = r.withKey(sent.get());
            }
        }
        return r;
    }

    List<Cell> cells(String row, String env, List<CallSpec> calls, TrialRecord record, TrialEnd end, String probeOutput) {
        return calls.stream().map(c -> cell(row, env, c, record, end, probeOutput)).toList();
    }

    Cell cell(String row, String env, CallSpec call, TrialRecord record, TrialEnd end, String probeOutput) {
        List<String> egress = record.egress().stream().map(EgressAttempt::describe).map(redactor::redact).toList();
        com.fasterxml.jackson.databind.JsonNode reported = record.results().get(call.name());
        String tail = (reported == null ? "" : "the probe reported: " + bounded(reported.toString()) + "\n")
                + redactor.redactTail(probeOutput, MAX_TAIL);
        tail = redactor.redact(tail);
        if (end instanceof TrialEnd.BuildFailed b) {
            return simple(row, env, call, Outcome.SKIPPED, Cell.BUILD_FAILED + ": " + b.detail(), egress, tail);
        }
        if (end instanceof TrialEnd.Refused r) {
            return simple(row, env, call, Outcome.SKIPPED, "module version refused: " + r.reason(), egress, tail);
        }
        if (end instanceof TrialEnd.Exited x && x.code() == 125) {
            return simple(row, env, call, Outcome.SKIPPED, Cell.PROBE_CANNOT_TEST + ": cannot test this module version", egress, tail);
        }
        if (end instanceof TrialEnd.FailedToStart f) {
            return simple(row, env, call, Outcome.PROBE_ERROR, "probe could not start: " + f.reason(), egress, tail);
        }
        List<RecordedExchange> exchanges = record.exchangesFor(call.name());
        if (exchanges.isEmpty()) {
            exchanges = record.exchanges().stream()
                    .filter(e -> e.call().isEmpty() && e.venueMethod().equals(call.method())).toList();
        }
        if (exchanges.isEmpty()) {
            String what = nothingFor(call, record);
            if (end instanceof TrialEnd.Exited x && x.code() == 0 || end instanceof TrialEnd.Reference) {
                return simple(row, env, call, Outcome.NOT_SENT, "the probe " + what, egress, tail);
            }
            String how = end instanceof TrialEnd.TimedOut t ? "timed out after " + human(t.timeout())
                    : "exited " + ((TrialEnd.Exited) end).code();
            return simple(row, env, call, Outcome.PROBE_ERROR, "probe " + how + " before the call (it " + what + ")", egress, tail);
        }
        RecordedExchange shown = pick(exchanges);
        Outcome outcome = shown.classification().outcome();
        SignatureCheck sig = redact(shown.signature());
        Redactor r = redactor;
        String diagnosis = diagnosis(shown, sig, r);
        Cell.Answer answer = new Cell.Answer(shown.classification().venueCode(), shown.classification().venueName(),
                shown.status().orElse(null), r.redact(shown.simReason()));
        Cell.Evidence evidence = new Cell.Evidence(bounded(r.redact(requestText(shown.request()))),
                bounded(r.redact(responseText(shown))), egress, tail);
        return new Cell(row, env, call.name(), outcome, diagnosis, answer, new Cell.Checks(sig, shown.clock()),
                new Cell.Timing(shown.latencyMs(), List.of()), evidence);
    }

    /**
     * Why no request counts for {@code call}: never "no request reached the relay" when something did —
     * then how many reached it, what they called, and what the relay refused.
     */
    static String nothingFor(CallSpec call, TrialRecord record) {
        boolean announced = record.announced().contains(call.name());
        List<RecordedExchange> all = record.exchanges();
        List<dev.authbisect.relay.Refusal> refused = record.refused();
        if (all.isEmpty() && refused.isEmpty()) {
            return announced ? "announced " + call.name() + " but no request reached the relay"
                    : "never announced " + call.name() + " and no request for " + call.method() + " reached the relay";
        }
        StringBuilder s = new StringBuilder(announced ? "announced " + call.name() : "never announced " + call.name());
        if (!all.isEmpty()) {
            s.append(announced ? " but " : " and ").append(all.size() == 1 ? "the 1 request" : "none of the " + all.size() + " requests")
                    .append(Cell.OTHER_REQUESTS).append(all.size() == 1 ? "is not " : "is ")
                    .append(announced ? "attributed to it" : "for " + call.method());
            java.util.LinkedHashSet<String> called = new java.util.LinkedHashSet<>();
            for (RecordedExchange e : all) {
                String m = e.venueMethod().isEmpty() ? e.request().method() + " " + e.request().path() : e.venueMethod();
                called.add(m + (e.call().isEmpty() ? "" : " under " + e.call()));
            }
            s.append(" (it called: ").append(bounded(String.join(", ", called.stream().limit(5).toList()))).append(')');
        } else {
            s.append(announced ? " but" : " and").append(" no request was forwarded");
        }
        if (!refused.isEmpty()) {
            s.append(Cell.RELAY_REFUSED).append(refused.size()).append(refused.size() == 1 ? " request: " : " requests, first: ")
                    .append(refused.get(0).describe());
        }
        return s.toString();
    }

    private static RecordedExchange pick(List<RecordedExchange> exchanges) {
        return exchanges.stream()
                .max(Comparator.comparingInt((RecordedExchange e) -> severity(e.classification().outcome()))
                        .thenComparingInt(exchanges::indexOf))
                .orElseThrow();
    }

    private static int severity(Outcome o) {
        return switch (o) {
            case AUTH_REJECTED -> 4;
            case API_ERROR -> 3;
            case OK -> 2;
            default -> 1;
        };
    }

    private String diagnosis(RecordedExchange e, SignatureCheck sig, Redactor r) {
        if (!e.transportError().isEmpty()) {
            return r.redact(e.transportError());
        }
        if (sig.status() == SignatureCheck.Status.INVALID || sig.status() == SignatureCheck.Status.WRONG_KEY) {
            return "signature " + sig.status() + ": " + sig.summary();
        }
        if (e.classification().outcome() == Outcome.RATE_LIMITED) {
            return "the venue's rate limit answered (" + (e.classification().venueCode() == null ? ""
                    : e.classification().venueCode() + " " + e.classification().venueName() + ", ") + "HTTP "
                    + e.status().map(String::valueOf).orElse("?") + "): not an auth result; set or lower this environment's "
                    + "rate_limit.per_second" + (e.simReason().isEmpty() ? "" : "; simulator: " + r.redact(e.simReason()));
        }
        List<String> parts = new java.util.ArrayList<>();
        if (e.clock().outside()) {
            parts.add("clock: " + e.clock().summary());
        }
        if (!e.simReason().isEmpty() && e.classification().outcome() != Outcome.OK) {
            parts.add("simulator: " + r.redact(e.simReason()));
        }
        return String.join("; ", parts);
    }

    private SignatureCheck redact(SignatureCheck s) {
        Redactor r = redactor;
        return new SignatureCheck(s.status(), r.redact(s.summary()), s.findings().stream()
                .map(f -> new SignatureCheck.Finding(f.kind(), r.redact(f.component()), r.redact(f.client()), r.redact(f.canonical())))
                .toList());
    }

    private Cell simple(String row, String env, CallSpec call, Outcome outcome, String diagnosis, List<String> egress, String tail) {
        return new Cell(row, env, call.name(), outcome, redactor.redact(diagnosis), Cell.Answer.NONE, Cell.Checks.NONE,
                Cell.Timing.NONE, new Cell.Evidence("", "", egress, tail));
    }

    static String requestText(RawRequest r) {
        return r.method() + " " + r.path() + (r.query().isEmpty() ? "" : "?" + r.query()) + "\n" + r.bodyText();
    }

    static String responseText(RecordedExchange e) {
        if (!e.transportError().isEmpty()) {
            return "(no answer: " + e.transportError() + ")";
        }
        return "HTTP " + e.status().map(String::valueOf).orElse("?") + "\n" + e.responseText();
    }

    static String bounded(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "\n…(" + (s.length() - MAX_TEXT) + " characters cut)";
    }

    static String human(java.time.Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }
}
