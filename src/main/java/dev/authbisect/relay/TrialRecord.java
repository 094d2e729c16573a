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
 * @param refused    requests the relay answered 400 itself and never forwarded (bad paths, unknown calls)
 */
public record TrialRecord(List<String> announced, List<RecordedExchange> exchanges, Map<String, JsonNode> results,
                          List<EgressAttempt> egress, List<Refusal> refused) {
    public TrialRecord {
        announced = List.copyOf(announced);
        exchanges = List.copyOf(exchanges);
        results = Map.copyOf(results);
        egress = List.copyOf(egress);
        refused = refused == null ? List.of() : List.copyOf(refused);
    }

    /** A record without refusals. */
    public TrialRecord(List<String> announced, List<RecordedExchange> exchanges, Map<String, JsonNode> results,
                       List<EgressAttempt> egress) {
        this(announced, exchanges, results, egress, List.of());
    }

    /** The names the probe announced that the config does not have, in order, once each. */
    public List<String> unknownCalls() {
        return refused.stream().filter(r -> r.kind() == Refusal.Kind.UNKNOWN_CALL).map(Refusal::call).distinct().toList();
    }

    public List<RecordedExchange> exchangesFor(String call) {
        return exchanges.stream().filter(e -> e.call().equals(call)).toList();
    }
}
