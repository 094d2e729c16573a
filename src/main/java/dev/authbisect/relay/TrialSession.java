package dev.authbisect.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One trial's view of the relay: its unguessable URL prefix, its control URL, its own egress
 * sentinel, and what it recorded. {@link #finish()} (or {@link #close()}) unregisters the
 * prefix: later requests with it get 404.
 */
public final class TrialSession implements AutoCloseable {
    private final Relay relay;
    private final String token;
    private final TrialTarget target;
    private final EgressSentinel sentinel;
    private final List<String> announced = new ArrayList<>();
    /** Exchanges in arrival order; a slot is null while its upstream has not answered yet. */
    private final List<RecordedExchange> exchanges = new ArrayList<>();
    private final List<RecordedExchange> pending = new ArrayList<>();
    private final Map<String, JsonNode> results = new LinkedHashMap<>();
    private final List<Refusal> refused = new ArrayList<>();
    /** The calls the config has; empty: any name is accepted. */
    private final java.util.Set<String> knownCalls;
    private String currentCall = "";
    private TrialRecord finished;

    TrialSession(Relay relay, String token, TrialTarget target, EgressSentinel sentinel, java.util.Collection<String> knownCalls) {
        this.relay = Objects.requireNonNull(relay);
        this.token = Objects.requireNonNull(token);
        this.target = Objects.requireNonNull(target);
        this.sentinel = Objects.requireNonNull(sentinel);
        this.knownCalls = java.util.Set.copyOf(knownCalls);
    }

    /** The base URL the code under test uses instead of the venue's ({@code http://127.0.0.1:port/<token>}). */
    public URI relayUrl() {
        return URI.create(relay.baseUri() + "/" + token);
    }

    /** Where the probe announces calls ({@code POST <control>/call/<name>}) and reports results. */
    public URI controlUrl() {
        return URI.create(relayUrl() + "/" + Relay.CONTROL_SEGMENT);
    }

    /** The egress sentinel, for the probe's {@code HTTP_PROXY}/{@code HTTPS_PROXY}. */
    public URI proxyUrl() {
        return sentinel.proxyUri();
    }

    /** The only host the probe may reach directly ({@code NO_PROXY}). */
    public String relayHost() {
        return relay.baseUri().getHost();
    }

    public TrialTarget target() {
        return target;
    }

    String token() {
        return token;
    }

    /** Requests after this belong to {@code call} (what the probe's control request does). */
    public synchronized void announce(String call) {
        announced.add(call);
        currentCall = call;
    }

    synchronized String currentCall() {
        return currentCall;
    }

    /** The calls the config has (what an announcement may name), sorted; empty when any name is accepted. */
    java.util.List<String> knownCalls() {
        return knownCalls.stream().sorted().toList();
    }

    /** True when {@code call} may be announced. */
    boolean knows(String call) {
        return knownCalls.isEmpty() || knownCalls.contains(call);
    }

    /**
     * The probe announced a call the config does not have: recorded, and the requests after it belong to
     * no announced call, so they are attributed by venue method (never filed under the unknown name).
     */
    synchronized void unknownCall(Refusal refusal) {
        refused.add(refusal);
        currentCall = "";
    }

    /** A request the relay answered 400 itself and did not forward. */
    synchronized void refuse(Refusal refusal) {
        refused.add(refusal);
    }

    /**
     * Takes a slot for a request that just arrived, with what it will be recorded as if the trial ends
     * before the upstream answers; {@link #complete} fills it in.
     */
    synchronized int begin(RecordedExchange unanswered) {
        exchanges.add(null);
        pending.add(unanswered);
        return exchanges.size() - 1;
    }

    /** Records the answer of slot {@code slot}; ignored once the trial has finished (the record is closed). */
    synchronized void complete(int slot, RecordedExchange exchange) {
        if (finished == null) {
            exchanges.set(slot, exchange);
        }
    }

    synchronized void result(String call, JsonNode value) {
        results.put(call, value);
    }

    /** Unregisters the prefix, stops the sentinel, and returns what the trial did. Idempotent. */
    public synchronized TrialRecord finish() {
        if (finished == null) {
            relay.unregister(token);
            sentinel.close();
            List<RecordedExchange> all = new ArrayList<>();
            for (int i = 0; i < exchanges.size(); i++) {
                all.add(exchanges.get(i) != null ? exchanges.get(i) : pending.get(i));
            }
            finished = new TrialRecord(announced, all, results, sentinel.attempts(), refused);
        }
        return finished;
    }

    @Override
    public void close() {
        finish();
    }
}
