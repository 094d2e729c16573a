package dev.authbisect.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.venue.Classification;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.Venue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The run's relay (README "How it works" and "Live upstreams and hard-coded URLs"): one HTTP server on 127.0.0.1, random port. Each
 * trial gets an unguessable 128-bit path prefix; unknown prefixes get 404 and are never
 * forwarded. It records every request, checks its signature with the venue's verifier,
 * forwards it to the trial's upstream with OkHttp and records the answer. Requests the code sends
 * to the venue's own hosts through the egress proxy are captured (TLS terminated with a per-run
 * CA whose key never leaves memory) and take the same way. Nothing is sent twice unless it
 * provably never left ({@link Forwarder}); each environment's {@code rate_limit} paces all trials.
 */
public final class Relay implements AutoCloseable {
    /** The path segment under a trial prefix where the probe's control requests go. */
    public static final String CONTROL_SEGMENT = "_authbisect";
    /** The simulator's diagnostic header (kept in the record, not passed on to the code). */
    public static final String SIM_REASON_HEADER = "X-Authbisect-Sim-Reason";
    static final int MAX_REQUEST_BODY = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // the JDK server delays small responses by ~40 ms (Nagle) unless told otherwise; read once per JVM
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Venue venue;
    private final Forwarder forwarder;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, TrialSession> sessions = new ConcurrentHashMap<>();
    /** One rate limit per environment, shared by every trial of the run. */
    private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();
    private final CaptureAuthority authority;
    private final List<String> rejected = new CopyOnWriteArrayList<>();

    private Relay(Venue venue) throws IOException {
        this.venue = venue;
        this.forwarder = new Forwarder();
        this.authority = CaptureAuthority.create();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "authbisect-relay");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a relay for {@code venue} on 127.0.0.1 and a random port. */
    public static Relay start(Venue venue) {
        try {
            return new Relay(venue);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the relay on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Registers a new trial with a fresh 128-bit prefix and its own egress sentinel, which captures
     * the hosts of {@code target.capture()}; any call name may be announced.
     */
    public TrialSession open(TrialTarget target) {
        return open(target, List.of());
    }

    /**
     * Registers a new trial whose probe may announce only {@code calls} (the config's call names):
     * announcing another name gets a 400 saying so, and the requests after it are attributed by venue method.
     */
    public TrialSession open(TrialTarget target, java.util.Collection<String> calls) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        java.util.concurrent.atomic.AtomicReference<TrialSession> self = new java.util.concurrent.atomic.AtomicReference<>();
        EgressSentinel.Capture capture = new EgressSentinel.Capture() {
            @Override
            public javax.net.ssl.SSLSocketFactory tlsFor(String host) {
                return authority.serverFor(host);
            }

            @Override
            public Reply forward(String host, RawRequest request) {
                try {
                    return forwardCaptured(self.get(), request);
                } catch (RuntimeException e) {
                    return new Reply(502, Map.of("Content-Type", List.of("text/plain")),
                            ("authbisect relay: " + e.getClass().getSimpleName() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }

            @Override
            public String currentCall() {
                return self.get().currentCall();
            }

            @Override
            public void failed(String hostPort, String call, String reason) {
                captureFailed(self.get(), hostPort, call, reason);
            }
        };
        try {
            TrialSession s = new TrialSession(this, token, target, new EgressSentinel(target.capture(), capture),
                    authority.bundle(), calls);
            self.set(s);
            sessions.put(token, s);
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start an egress sentinel on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    void unregister(String token) {
        sessions.remove(token);
    }

    /** Requests that named no live trial prefix ("POST /3f2a…/private/x → 404"), never forwarded. */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (RuntimeException e) {
                // never drop a request silently: the code gets a 502 and the trial's record says why
                reply(ex, 502, "text/plain", ("authbisect relay: " + e.getClass().getSimpleName() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String rest = path.length() > 1 ? path.substring(1) : "";
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        String sub = slash < 0 ? "/" : rest.substring(slash);
        TrialSession session = token.isEmpty() ? null : sessions.get(token);
        if (session == null) {
            drain(ex.getRequestBody());
            String shown = token.length() > 8 ? token.substring(0, 8) + "…" : token;
            rejected.add(ex.getRequestMethod() + " /" + shown + " → 404");
            reply(ex, 404, "text/plain", "authbisect relay: unknown trial prefix\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (sub.equals("/" + CONTROL_SEGMENT) || sub.startsWith("/" + CONTROL_SEGMENT + "/")) {
            control(ex, session, sub.substring(CONTROL_SEGMENT.length() + 1));
            return;
        }
        Optional<String> problem = RelayPaths.problem(sub, session.target().upstream());
        if (problem.isPresent()) {
            drain(ex.getRequestBody());
            String query = ex.getRequestURI().getRawQuery();
            session.refuse(new Refusal(Refusal.Kind.BAD_PATH, ex.getRequestMethod() + " " + RelayPaths.shown(sub)
                    + (query == null ? "" : "?…"), problem.get(), ""));
            reply(ex, 400, "text/plain", ("authbisect relay: " + problem.get() + "; not forwarded\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        forward(ex, session, sub);
    }

    private void control(HttpExchange ex, TrialSession session, String sub) throws IOException {
        byte[] body = readBounded(ex.getRequestBody(), 64 * 1024);
        String[] parts = sub.split("/", 3);
        // sub is "/call/<name>" or "/result/<name>"
        if (parts.length == 3 && !parts[2].isEmpty() && "POST".equals(ex.getRequestMethod())) {
            String name = decode(parts[2]);
            if (!session.knows(name)) {
                String reason = "the config has no call '" + RelayPaths.shown(name) + "' (expected one of: "
                        + String.join(", ", session.knownCalls()) + ")";
                if ("call".equals(parts[1])) {
                    session.unknownCall(new Refusal(Refusal.Kind.UNKNOWN_CALL, "POST /call/" + RelayPaths.shown(parts[2]),
                            reason + "; requests until the next announcement are attributed by venue method", name));
                } else {
                    session.refuse(new Refusal(Refusal.Kind.UNKNOWN_CALL, "POST /result/" + RelayPaths.shown(parts[2]),
                            reason + "; the result is not kept", name));
                }
                reply(ex, 400, "text/plain", ("authbisect relay: " + reason + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if ("call".equals(parts[1])) {
                session.announce(name);
                reply(ex, 204, null, new byte[0]);
                return;
            }
            if ("result".equals(parts[1])) {
                JsonNode value;
                try {
                    value = body.length == 0 ? JSON.nullNode() : JSON.readTree(body);
                } catch (IOException e) {
                    value = JSON.getNodeFactory().textNode(new String(body, StandardCharsets.UTF_8));
                }
                session.result(name, value);
                reply(ex, 204, null, new byte[0]);
                return;
            }
        }
        reply(ex, 404, "text/plain", ("authbisect relay: control endpoints are POST call/<name> and POST result/<name>\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private void forward(HttpExchange ex, TrialSession session, String sub) throws IOException {
        byte[] body = readBounded(ex.getRequestBody(), MAX_REQUEST_BODY + 1);
        if (body.length > MAX_REQUEST_BODY) {
            reply(ex, 413, "text/plain", "authbisect relay: request body over 1 MiB\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, new ArrayList<>(v)));
        String query = ex.getRequestURI().getRawQuery();
        RawRequest request = new RawRequest(ex.getRequestMethod(), sub, query, headers, body);
        Reply answer = forward(session, request, Forwarder.join(session.target().upstream(), sub, query));
        answer.headers().forEach((name, values) -> values.forEach(v -> ex.getResponseHeaders().add(name, v)));
        byte[] out = answer.body();
        ex.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
    }

    /**
     * What the relay answers the code: the upstream's answer without hop-by-hop headers and the
     * simulator's reason, or a 502 when there was none.
     */
    record Reply(int status, Map<String, List<String>> headers, byte[] body) {
    }

    /**
     * The one way a request of a trial reaches its upstream, whether it came to the relay URL or
     * through a captured tunnel: recorded under the announced call, signature-checked, paced by the
     * environment's rate limit, forwarded to {@code url} (sent at most once, see {@link Forwarder}),
     * and its answer classified by the venue and recorded.
     */
    Reply forward(TrialSession session, RawRequest request, String url) {
        long receivedAt = System.currentTimeMillis();
        String call = session.currentCall();
        String method = safe(() -> venue.methodOf(request)).flatMap(o -> o).orElse("");
        TrialTarget target = session.target();
        SignatureCheck sig = safe(() -> venue.verify(request, target.credentials()))
                .orElseGet(() -> SignatureCheck.notChecked("the verifier could not read this request"));

        int slot = session.begin(new RecordedExchange(call, method, request, Optional.empty(), new byte[0],
                "the trial ended before the upstream answered", sig, new Classification(Outcome.TRANSPORT_ERROR, null, "", 0),
                0, ""));
        Throttle throttle = throttles.computeIfAbsent(target.envName(), env -> new Throttle(target.ratePerSecond()));
        boolean readOnly = safe(() -> venue.readOnly(method)).orElse(false);
        Forwarder.Answer answer;
        try {
            answer = forwarder.send(target, request, url, readOnly, () -> {
                throttle.acquire();
                session.dispatched(slot);
            });
        } catch (RuntimeException e) {
            answer = Forwarder.Answer.failed("the relay could not forward the request ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", 0);
        }
        Classification cls;
        String reason = "";
        if (answer.error().isEmpty()) {
            Forwarder.Answer got = answer;
            cls = safe(() -> venue.classify(got.status(), got.headers(), got.body()))
                    .orElseGet(() -> new Classification(Outcome.API_ERROR, null, "", got.status()));
            reason = answer.header(SIM_REASON_HEADER).orElse("");
            if (cls.outcome() == Outcome.RATE_LIMITED) {
                answer.header("Retry-After").flatMap(Throttle::retryAfter).ifPresent(throttle::holdOff);
            }
        } else {
            cls = new Classification(Outcome.TRANSPORT_ERROR, null, "", 0);
        }
        session.complete(slot, new RecordedExchange(call, method, request,
                answer.error().isEmpty() ? Optional.of(answer.status()) : Optional.empty(),
                answer.body(), answer.error(), sig, cls, answer.latencyMs(), target.simulator() ? reason : "")
                .withClock(ClockChecker.check(venue, request, target.clock(), answer.headers(), receivedAt)), answer.reached());

        if (!answer.error().isEmpty()) {
            return new Reply(502, Map.of("Content-Type", List.of("application/json")),
                    "{\"authbisect\":\"upstream transport error\"}".getBytes(StandardCharsets.UTF_8));
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answer.headers().forEach((name, values) -> {
            if (!Forwarder.isHopByHop(name) && !name.equalsIgnoreCase(SIM_REASON_HEADER)) {
                headers.put(name, values);
            }
        });
        return new Reply(answer.status(), headers, answer.body());
    }

    /**
     * A request that came through a captured tunnel to {@code host}: its path on the venue's host
     * ({@code /exchange/v1/private/x}) maps onto the trial's upstream ({@code {upstream}/private/x});
     * a path outside the venue's base path ({@code /v2/private/x}) goes below the upstream's origin.
     * Recorded with the path relative to the base, like a relay-URL request.
     */
    private Reply forwardCaptured(TrialSession session, RawRequest asReceived) {
        String basePath = safe(venue::basePath).orElse("");
        String path = asReceived.path();
        URI upstream = session.target().upstream();
        String relative;
        URI base;
        if (!basePath.isEmpty() && (path.equals(basePath) || path.startsWith(basePath + "/"))) {
            relative = path.length() == basePath.length() ? "/" : path.substring(basePath.length());
            base = upstream;
        } else {
            relative = path;
            base = origin(upstream, basePath);
        }
        // the same refusals as for relay-URL requests: nothing may resolve outside where it maps to
        Optional<String> problem = RelayPaths.problem(relative, base);
        if (problem.isPresent()) {
            session.refuse(new Refusal(Refusal.Kind.BAD_PATH, asReceived.method() + " " + RelayPaths.shown(path)
                    + (asReceived.query().isEmpty() ? "" : "?…"), problem.get(), ""));
            return new Reply(400, Map.of("Content-Type", List.of("text/plain")),
                    ("authbisect relay: " + problem.get() + "; not forwarded\n").getBytes(StandardCharsets.UTF_8));
        }
        String url = Forwarder.join(base, relative, asReceived.query());
        return forward(session, new RawRequest(asReceived.method(), relative, asReceived.query(), asReceived.headers(),
                asReceived.body()), url);
    }

    /** The upstream base without the venue's base path: {@code https://api.crypto.com/exchange/v1} → {@code https://api.crypto.com}. */
    static URI origin(URI upstream, String basePath) {
        String u = upstream.toString();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        if (!basePath.isEmpty() && u.endsWith(basePath)) {
            u = u.substring(0, u.length() - basePath.length());
        }
        return URI.create(u);
    }

    /** Records a captured tunnel that carried no request (the code refused the run's CA …) under the current call. */
    private void captureFailed(TrialSession session, String hostPort, String call, String reason) {
        RawRequest connect = new RawRequest("CONNECT", hostPort, "", Map.of(), new byte[0]);
        session.captureFailed(new RecordedExchange(call, "", connect, Optional.empty(), new byte[0], reason,
                SignatureCheck.notChecked("no request came through the captured connection"),
                new Classification(Outcome.TRANSPORT_ERROR, null, "", 0), 0, ""));
    }

    /** A percent-encoded path segment as text; malformed encodings stay as they are (and match no call). */
    private static String decode(String segment) {
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    private static <T> Optional<T> safe(java.util.function.Supplier<T> s) {
        try {
            return Optional.ofNullable(s.get());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void reply(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    static byte[] readBounded(InputStream in, int max) throws IOException {
        byte[] data = in.readNBytes(max);
        drain(in);
        return data;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        while (in.read(buf) >= 0) {
            // discard
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        sessions.values().forEach(TrialSession::finish);
        forwarder.close();
        authority.close();
    }
}
