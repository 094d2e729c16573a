package dev.authbisect.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
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
    /** Per slot: 0 waiting (rate limit), 1 handed to the forwarder (may reach the upstream), 2 done without reaching it, 3 done, reached. */
    private final List<Integer> progress = new ArrayList<>();
    private final Path caBundle;
    /** How long the end of a trial waits for the probe's last proxy connections to end on their own. */
    static final java.time.Duration SENTINEL_GRACE = java.time.Duration.ofSeconds(2);
    private final Map<String, JsonNode> results = new LinkedHashMap<>();
    private final List<Refusal> refused = new ArrayList<>();
    /** The calls the config has; empty: any name is accepted. */
    private final java.util.Set<String> knownCalls;
    private String currentCall = "";
    private TrialRecord finished;

    TrialSession(Relay relay, String token, TrialTarget target, EgressSentinel sentinel, Path caBundle,
                 java.util.Collection<String> knownCalls) {
        this.relay = Objects.requireNonNull(relay);
        this.token = Objects.requireNonNull(token);
        this.target = Objects.requireNonNull(target);
        this.sentinel = Objects.requireNonNull(sentinel);
        this.caBundle = Objects.requireNonNull(caBundle);
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

    /**
     * The run's CA certificate (PEM): the probe's {@code SSL_CERT_FILE}, {@code REQUESTS_CA_BUNDLE},
     * {@code CURL_CA_BUNDLE}, {@code NODE_EXTRA_CA_CERTS} and {@code AUTHBISECT_CA_FILE}. Deleted when the relay closes.
     */
    public Path caBundle() {
        return caBundle;
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
        progress.add(0);
        return exchanges.size() - 1;
    }

    /** Slot {@code slot} is being sent: from now on it may reach the upstream. */
    synchronized void dispatched(int slot) {
        if (finished == null && progress.get(slot) == 0) {
            progress.set(slot, 1);
        }
    }

    /**
     * Records the answer of slot {@code slot}; ignored once the trial has finished (the record is closed).
     *
     * @param reached whether the request may have reached the upstream
     */
    synchronized void complete(int slot, RecordedExchange exchange, boolean reached) {
        if (finished == null) {
            exchanges.set(slot, exchange);
            progress.set(slot, reached ? 3 : 2);
        }
    }

    /** Records what happened to a captured connection that never carried a request (the code refused the run's CA …). */
    synchronized void captureFailed(RecordedExchange failure) {
        if (finished == null) {
            exchanges.add(failure);
            pending.add(failure);
            progress.add(2);
        }
    }

    /** How many requests (and failed captured connections) the trial has recorded so far. */
    synchronized int recorded() {
        return exchanges.size();
    }

    synchronized void result(String call, JsonNode value) {
        results.put(call, value);
    }

    /**
     * Unregisters the prefix, stops the sentinel (letting connections the probe left end first, at most
     * {@link #SENTINEL_GRACE}), and returns what the trial did. Idempotent.
     */
    public TrialRecord finish() {
        synchronized (this) {
            if (finished != null) {
                return finished;
            }
        }
        relay.unregister(token);
        sentinel.drain(SENTINEL_GRACE); // outside the lock: a handler may still record a refused certificate
        return seal();
    }

    private synchronized TrialRecord seal() {
        if (finished == null) {
            List<RecordedExchange> all = new ArrayList<>();
            boolean reached = false;
            for (int i = 0; i < exchanges.size(); i++) {
                all.add(exchanges.get(i) != null ? exchanges.get(i) : pending.get(i));
                reached |= progress.get(i) == 1 || progress.get(i) == 3; // in flight when the trial ended counts as reached
            }
            finished = new TrialRecord(announced, all, results, sentinel.attempts(), reached, target.capture(), refused);
        }
        return finished;
    }

    @Override
    public void close() {
        finish();
    }
}
