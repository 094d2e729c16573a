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
 */
public record TrialRecord(List<String> announced, List<RecordedExchange> exchanges, Map<String, JsonNode> results,
                          List<EgressAttempt> egress, boolean upstreamReached, CapturePolicy capture) {
    public TrialRecord {
        announced = List.copyOf(announced);
        exchanges = List.copyOf(exchanges);
        results = Map.copyOf(results);
        egress = List.copyOf(egress);
        capture = capture == null ? CapturePolicy.off() : capture;
    }

    /** A record whose upstream was reached when an exchange has an HTTP status; capture off. */
    public TrialRecord(List<String> announced, List<RecordedExchange> exchanges, Map<String, JsonNode> results,
                       List<EgressAttempt> egress) {
        this(announced, exchanges, results, egress, exchanges.stream().anyMatch(e -> e.status().isPresent()),
                CapturePolicy.off());
    }

    public List<RecordedExchange> exchangesFor(String call) {
        return exchanges.stream().filter(e -> e.call().equals(call)).toList();
    }
}
