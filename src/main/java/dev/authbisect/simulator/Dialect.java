package dev.authbisect.simulator;

import dev.authbisect.core.KeyedMac;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One venue's face of the simulator: how its requests look on the wire and how its answers
 * and errors are rendered. Everything else is the venue-neutral core's, the same for every
 * venue and configured by the scenario file: keys with permissions and allowlists, the clock,
 * the nonce/timestamp window, per-method policies, rate limits, seeded faults and timed events
 * (revocations, rotations).
 *
 * <h2>What the core does for you</h2>
 * For each HTTP request the core ({@code Exchange}, {@code ExchangeHandler}):
 * <ol>
 *   <li>asks {@link #route} where it goes (no route: a plain 404);</li>
 *   <li>draws the scenario's faults for that method (latency, 5xx, reset, timeout);</li>
 *   <li>reads the body (at most 64 KiB, else {@link Rejection.Kind#BAD_REQUEST}) and the egress IP
 *       (the TCP peer, or the relay's claim when it carries the relay's token);</li>
 *   <li>has {@link #parse} read the request;</li>
 *   <li>for a public method: the rate limit per egress IP. For a private one (a {@link SignedClaim}):
 *       the rate limit per key, the key known and active at the scenario clock, the signature
 *       ({@link #signatureMismatch}, and again with the secret from before a rotation, to name
 *       that cause), the time window, the IP allowlist (unless the method's policy says not to
 *       enforce it) and the permission — each failure a {@link Rejection} of its kind;</li>
 *   <li>has {@link #answer} answer it, or {@link #reject} render the first rejection;</li>
 *   <li>sends the reply with the reason in {@link SimulatorServer#REASON_HEADER}.</li>
 * </ol>
 * A dialect never sees secrets it does not need, keeps no clock, and never writes to the wire.
 *
 * <h2>What a dialect must do</h2>
 * Each method below says its part. Verify signatures with the same verifier the relay uses for
 * the venue (one implementation, so the relay's check and the simulator's answer never
 * disagree), and render numbers and errors the way the real venue does, so an unmodified client
 * (ccxt, the venue's own examples) works with only scheme, host and port changed.
 *
 * <h2>Adding a venue</h2>
 * One package ({@code dev.authbisect.venue.<name>}) holds the venue ({@code dev.authbisect.venue.Venue}:
 * reference signer, verifier, answer classifier) and its dialect. Register the venue in
 * {@code Venues} and the dialect in
 * {@code src/main/resources/META-INF/services/dev.authbisect.simulator.Dialect} (one class name a
 * line; it needs a public no-argument constructor). A scenario picks its dialect with
 * {@code venue: <id>} ({@link #venue()}; {@code crypto-com-exchange-v1} when absent). Run the
 * contract test ({@code DialectContract} in the tests) on it. {@code venue.cryptocom.CryptoComDialect}
 * is the model.
 *
 * <h2>Lifecycle</h2>
 * {@link Dialects#create} makes a new instance per simulator (and one to validate a scenario), so a
 * dialect may keep the exchange's state (open orders); it is called from several threads at once.
 *
 * @param <R> the dialect's own parsed request
 */
public interface Dialect<R extends DialectRequest> {

    /** The venue id a scenario names in {@code venue:}, the same as the relay's {@code Venue.id()}. */
    String venue();

    /**
     * The base paths the venue's API lives under on its hosts ({@code /exchange/v1}, {@code /v2}),
     * the first being the one a client's base URL normally names: {@link SimulatorServer#apiUrl()}.
     */
    List<String> basePaths();

    /** Every method name the dialect serves, under any API generation; scenario {@code policies} and {@code faults} must name one. */
    Set<String> methods();

    /**
     * The codes an allowlist violation may be answered with (scenario {@code ip_violation_code}),
     * in order, the default first, with their names for messages. Default: none to choose, the
     * dialect renders {@link Rejection.Kind#IP_NOT_ALLOWED} its one way and the key is refused in
     * scenarios.
     */
    default Map<Integer, String> ipViolationCodes() {
        return Map.of();
    }

    /** The default of the scenario's {@code nonce_window} (Crypto.com: 60 s). */
    Duration defaultWindow();

    /**
     * How far ahead of the clock a request's time may be, given the window behind it (a nonce
     * window is symmetric, the default; Binance allows 1 s ahead whatever its recvWindow).
     */
    default Duration aheadLimit(Duration window) {
        return window;
    }

    /**
     * Where a request goes, from its HTTP method and raw path alone: empty when the path is
     * outside the venue's API (the core answers 404 without drawing a fault). A path inside the
     * API naming an unknown method still routes; {@link #parse} then rejects it as the venue does.
     */
    Optional<Route> route(String httpMethod, String rawPath);

    /**
     * Reads the request the way the venue does, in the venue's order of checks (format, HTTP
     * method, method known, fields present and typed), and says what it claims
     * ({@link DialectRequest#signed()}) — or throws the first {@link Rejection}. Numbers are read
     * exactly (never through a {@code double}). Must not check keys, signatures, time or
     * permissions: the core does.
     */
    R parse(Route route, HttpCall call) throws Rejection;

    /**
     * Checks the request's signature under {@code key}: empty when it matches, else the reason,
     * naming what differs (a rendering, a field) and never the secret. Uses the venue's one
     * verifier (the relay's), with {@code key.mac()} to avoid keying an HMAC per request.
     */
    Optional<String> signatureMismatch(R request, SigningKey key);

    /**
     * The answer of a request that passed every check: the endpoint's result in the venue's
     * success envelope. Throws {@link Rejection} ({@link Rejection#venue} for the venue's own
     * codes) for arguments the endpoint refuses.
     */
    Reply answer(R request, long nowMillis) throws Rejection;

    /**
     * Renders a rejection as the venue's error: code, HTTP status, envelope (echoing what the venue
     * echoes from {@code call}, e.g. the request id), and {@link Reply#name()} for the reason header.
     * {@code ipViolationCode} is the scenario's choice from {@link #ipViolationCodes()} (0 when the
     * dialect offers none). Must not throw.
     */
    Reply reject(Route route, HttpCall call, Rejection rejection, int ipViolationCode);

    /**
     * Requests that exercise the request path, for warming a new simulator up (signed with
     * {@code mac} as {@code apiKey}, at {@code nowMillis}; vary them with {@code round}). Sent to a
     * private world of the core's, never to the scenario's. Default: none (the core warms itself only).
     */
    default List<HttpCall> warmupCalls(String apiKey, KeyedMac mac, long nowMillis, int round) {
        return List.of();
    }
}
