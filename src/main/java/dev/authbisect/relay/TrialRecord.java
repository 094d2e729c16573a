package dev.authbisect.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Everything the relay saw during one trial.
 *
 * @param announced  call names in the order the probe announced them
 * @param exchanges  requests forwarded, in order
 * @param results    what the probe reported the code returned, per call (raw JSON)
 * @param egress     refused attempts to reach other hosts
 * @param upstreamReached whether any request of the trial may have reached the upstream (it was answered, or
 *                   it was sent and got no answer): such a trial is never run again as a whole
 * @param capture    which hosts the trial's egress sentinel captured ("off" when {@code capture: false})
 * @param refused    requests the relay answered 400 itself and never forwarded (bad paths, unknown calls)
 */
public record TrialRecord(List<String> announced, List<RecordedExchange> exchanges, Map<String, JsonNode> results,
                          List<EgressAttempt> egress, boolean upstreamReached, CapturePolicy capture,
                          List<Refusal> refused) {
    public TrialRecord {
        announced = List.copyOf(announced);
        exchanges = List.copyOf(exchanges);
        results = Map.copyOf(results);
        egress = List.copyOf(egress);
        capture = capture == null ? CapturePolicy.off() : capture;
        refused = refused == null ? List.of() : List.copyOf(refused);
    }

    /** A record whose upstream was reached when an exchange has an HTTP status; capture off. */
    public TrialRecord(List<String> announced, List<RecordedExchange> exchanges, Map<String, JsonNode> results,
                       List<EgressAttempt> egress, List<Refusal> refused) {
        this(announced, exchanges, results, egress, exchanges.stream().anyMatch(e -> e.status().isPresent()),
                CapturePolicy.off(), refused);
    }

    /** A record whose upstream was reached when an exchange has an HTTP status; capture off, nothing refused. */
    public TrialRecord(List<String> announced, List<RecordedExchange> exchanges, Map<String, JsonNode> results,
                       List<EgressAttempt> egress) {
        this(announced, exchanges, results, egress, List.of());
    }

    /**
     * Whether running the trial again could help without sending anything twice: no request may have
     * reached the upstream, and one failed for a reason that can pass (a refused connect, DNS, a
     * proxy) — not the code refusing the run's CA on a captured connection, which it will do again.
     */
    public boolean repeatable() {
        return !upstreamReached && exchanges.stream().anyMatch(e -> !e.transportError().isEmpty() && !isCaptureFailure(e));
    }

    /** A captured connection that carried no request (recorded as a {@code CONNECT host:port} without a status). */
    public static boolean isCaptureFailure(RecordedExchange e) {
        return e.request().method().equals("CONNECT") && e.status().isEmpty();
    }

    /** The names the probe announced that the config does not have, in order, once each. */
    public List<String> unknownCalls() {
        return refused.stream().filter(r -> r.kind() == Refusal.Kind.UNKNOWN_CALL).map(Refusal::call).distinct().toList();
    }

    public List<RecordedExchange> exchangesFor(String call) {
        return exchanges.stream().filter(e -> e.call().equals(call)).toList();
    }
}
