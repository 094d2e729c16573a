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
 */
public record TrialRecord(List<String> announced, List<RecordedExchange> exchanges, Map<String, JsonNode> results,
                          List<EgressAttempt> egress) {
    public TrialRecord {
        announced = List.copyOf(announced);
        exchanges = List.copyOf(exchanges);
        results = Map.copyOf(results);
        egress = List.copyOf(egress);
    }

    public List<RecordedExchange> exchangesFor(String call) {
        return exchanges.stream().filter(e -> e.call().equals(call)).toList();
    }
}
