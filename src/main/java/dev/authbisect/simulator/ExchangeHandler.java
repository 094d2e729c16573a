package dev.authbisect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.authbisect.venue.VenueError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Serves one request the way the exchange does: route by path, faults, then the checks in the
 * exchange's order — JSON, method/path, rate limit, api_key known and not revoked, signature,
 * nonce window, IP allowlist, permission — and finally the endpoint. Every answer carries the
 * reason in {@link SimulatorServer#REASON_HEADER}.
 */
final class ExchangeHandler implements HttpHandler {
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final Scenario scenario;
    private final KeyRing keyRing;
    private final RateLimiter rateLimiter;
    private final FaultInjector faults;
    private final Endpoints endpoints = new Endpoints();
    private final byte[] trustToken;
    private final CountDownLatch closing;
    /** Allowlist entries as parsed, by their text (parsed once, not per request). */
    private final java.util.concurrent.ConcurrentHashMap<String, Optional<IpRange>> ranges = new java.util.concurrent.ConcurrentHashMap<>();

    ExchangeHandler(Scenario scenario, String trustToken, CountDownLatch closing) {
        this.scenario = scenario;
        this.keyRing = new KeyRing(scenario.keys(), scenario.events());
        this.rateLimiter = new RateLimiter(scenario.rateLimit(), System::nanoTime);
        this.faults = new FaultInjector(scenario.faults());
        this.trustToken = trustToken.getBytes(StandardCharsets.UTF_8);
        this.closing = closing;
    }

    /** What the handler answers: HTTP status, envelope and reason. */
    private record Answer(int status, ObjectNode envelope, String reason) {
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            serve(exchange);
        } catch (IOException e) {
            // the client went away; nothing to answer
        } catch (RuntimeException e) {
            // a bug must not look like an exchange answer: 500 without an envelope, reason in the header
            try {
                sendText(exchange, 500, "text/plain", "internal simulator error", "simulator bug: " + e.getClass().getSimpleName());
            } catch (IOException ignored) {
                // the client went away
            }
        } finally {
            exchange.close();
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Optional<ApiVersion> version = version(path);
        if (version.isEmpty()) {
            drain(exchange.getRequestBody());
            sendText(exchange, 404, "text/plain", "Not Found", "no such path " + RequestParser.printable(path)
                    + "; expected /exchange/v1/{method} or /v2/{method}");
            return;
        }
        String method = java.net.URLDecoder.decode(path.substring(version.get().prefix.length()), StandardCharsets.UTF_8);
        Optional<Fault> fault = faults.draw(method);
        if (fault.isPresent() && !applyFault(exchange, fault.get())) {
            return;
        }
        String egressIp = egressIp(exchange);
        Answer answer;
        try {
            answer = process(exchange, version.get(), method, egressIp);
        } catch (Rejection r) {
            answer = rejection(version.get(), method, null, r);
        }
        byte[] body = RequestParser.MAPPER.writeValueAsBytes(answer.envelope());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set(SimulatorServer.REASON_HEADER, headerValue(answer.reason()));
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** True when the request goes on to be answered normally. */
    private boolean applyFault(HttpExchange exchange, Fault fault) throws IOException {
        switch (fault.kind()) {
            case LATENCY -> {
                await(fault.delay().toMillis());
                return true;
            }
            case HTTP_ERROR -> {
                drain(exchange.getRequestBody());
                String title = fault.httpStatus() + " " + statusText(fault.httpStatus());
                sendText(exchange, fault.httpStatus(), "text/html",
                        "<html><head><title>" + title + "</title></head><body><center><h1>" + title
                                + "</h1></center></body></html>\n",
                        "fault: http_" + fault.httpStatus() + " (rate " + fault.rate() + ", seed " + fault.seed() + ")");
                return false;
            }
            case TIMEOUT -> {
                await(fault.delay().toMillis());
                return false; // closing the exchange without a response closes the connection
            }
            default -> {
                return false; // RESET: close the connection without an answer
            }
        }
    }

    private void await(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Answer process(HttpExchange exchange, ApiVersion version, String method, String egressIp) throws Rejection, IOException {
        byte[] raw = readCapped(exchange.getRequestBody());
        if (raw == null) {
            throw new Rejection(Rejection.Kind.BAD_REQUEST, "request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        Optional<ObjectNode> body = RequestParser.body(raw);
        try {
            return checked(exchange, version, method, egressIp, body);
        } catch (Rejection r) {
            JsonNode id = body.map(b -> b.get("id")).filter(n -> n.isIntegralNumber() || n.isTextual()).orElse(null);
            return rejection(version, method, id, r);
        }
    }

    private Answer checked(HttpExchange exchange, ApiVersion version, String method, String egressIp,
                           Optional<ObjectNode> body) throws Rejection {
        MethodCatalog.Spec spec = MethodCatalog.find(version, method).orElseThrow(() -> new Rejection(
                Rejection.Kind.METHOD_NOT_FOUND, "method '" + RequestParser.printable(method) + "' does not exist under "
                + version.prefix + "{method}"));
        long now = scenario.nowMillis();
        if (!spec.isPrivate()) {
            SignedRequest request = RequestParser.publicRequest(method, exchange.getRequestURI().getRawQuery(), body);
            limit(egressIp, "ip " + egressIp);
            return success(version, request, now, "ok: public " + method + " from " + egressIp);
        }
        if (!"POST".equalsIgnoreCase(exchange.getRequestMethod())) {
            throw new Rejection(Rejection.Kind.BAD_REQUEST, "private methods take POST with a JSON body, got "
                    + RequestParser.printable(exchange.getRequestMethod()));
        }
        SignedRequest request = RequestParser.privateRequest(method, body);
        return authorizedAnswer(version, spec, request, egressIp, now);
    }

    private Answer authorizedAnswer(ApiVersion version, MethodCatalog.Spec spec, SignedRequest request, String egressIp,
                                    long now) throws Rejection {
        limit("key " + request.apiKey(), "this api_key");
        KeyRing.Lookup lookup = keyRing.find(request.apiKey(), now);
        if (lookup instanceof KeyRing.Refused refused) {
            throw new Rejection(Rejection.Kind.UNAUTHORIZED, refused.reason());
        }
        KeyRing.Active active = (KeyRing.Active) lookup;
        SimKey key = active.key();
        Optional<String> mismatch = SignatureVerifier.mismatch(request, active);
        if (mismatch.isPresent()) {
            throw new Rejection(Rejection.Kind.UNAUTHORIZED, mismatch.get());
        }
        long drift = request.nonce() - now;
        if (Math.abs(drift) > scenario.nonceWindow().toMillis()) {
            throw new Rejection(Rejection.Kind.INVALID_NONCE, "nonce " + request.nonceText() + " is "
                    + Math.abs(drift) / 1000 + "s " + (drift < 0 ? "behind" : "ahead of") + " the clock "
                    + Instant.ofEpochMilli(now) + " (window " + scenario.nonceWindow().toSeconds() + "s)");
        }
        boolean enforce = scenario.policy(spec.name()).enforceIpAllowlist();
        if (!key.ipAllowlist().isEmpty() && !allowed(key, egressIp)) {
            if (enforce) {
                throw new Rejection(Rejection.Kind.IP_ILLEGAL, "ip " + egressIp + " not in allowlist of key '" + key.label() + "'");
            }
        }
        if (!key.permissions().contains(spec.permission())) {
            throw new Rejection(Rejection.Kind.USER_TIER_INVALID, "key '" + key.label() + "' lacks the "
                    + spec.permission().yamlName() + " permission " + spec.name() + " needs");
        }
        String note = !key.ipAllowlist().isEmpty() && !allowed(key, egressIp)
                ? " (ip " + egressIp + " not in allowlist, but " + spec.name() + " does not enforce it)" : "";
        return success(version, request, now, "ok: key '" + key.label() + "' from " + egressIp + note);
    }

    private boolean allowed(SimKey key, String ip) {
        for (String entry : key.ipAllowlist()) {
            Optional<IpRange> range = ranges.computeIfAbsent(entry, IpRange::parse);
            if (range.isPresent() && range.get().contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private void limit(String subject, String who) throws Rejection {
        if (!rateLimiter.tryAcquire(subject)) {
            throw new Rejection(Rejection.Kind.TOO_MANY_REQUESTS, "rate limit of " + scenario.rateLimit().get().perSecond()
                    + " requests/s exceeded for " + who);
        }
    }

    private Answer success(ApiVersion version, SignedRequest request, long now, String reason) throws Rejection {
        Optional<ObjectNode> result = endpoints.answer(version, request, now);
        ObjectNode envelope = RequestParser.EXACT.objectNode();
        envelope.set("id", request.id());
        envelope.put("method", request.method());
        envelope.put("code", 0);
        result.ifPresent(r -> envelope.set("result", r));
        return new Answer(200, envelope, reason);
    }

    private Answer rejection(ApiVersion version, String method, JsonNode id, Rejection r) {
        VenueError error = version.error(r.kind(), scenario.ipViolationCode());
        ObjectNode envelope = RequestParser.EXACT.objectNode();
        if (id != null) {
            envelope.set("id", id);
        } else {
            envelope.put("id", -1);
        }
        envelope.put("method", method);
        envelope.put("code", error.code());
        envelope.put("message", error.name());
        return new Answer(error.httpStatus(), envelope, error.name() + ": " + r.reason());
    }

    private String egressIp(HttpExchange exchange) {
        String token = exchange.getRequestHeaders().getFirst(SimulatorServer.RELAY_TOKEN_HEADER);
        String claimed = exchange.getRequestHeaders().getFirst(SimulatorServer.EGRESS_IP_HEADER);
        if (token != null && claimed != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), trustToken)
                && IpRange.literal(claimed.trim()).isPresent()) {
            return claimed.trim();
        }
        return exchange.getRemoteAddress().getAddress().getHostAddress();
    }

    private static Optional<ApiVersion> version(String path) {
        for (ApiVersion v : ApiVersion.values()) {
            if (path.startsWith(v.prefix) && path.length() > v.prefix.length()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The body, or null when it is larger than {@link #MAX_BODY_BYTES}. */
    private static byte[] readCapped(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        return bytes.length > MAX_BODY_BYTES ? null : bytes;
    }

    private static void drain(InputStream in) throws IOException {
        in.readNBytes(MAX_BODY_BYTES);
    }

    private static void sendText(HttpExchange exchange, int status, String type, String text, String reason) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set(SimulatorServer.REASON_HEADER, headerValue(reason));
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Header values stay printable ASCII (clients reject others): '…' becomes '.', any other code point outside it '?'. */
    static String headerValue(String s) {
        StringBuilder clean = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            clean.append(cp == '…' ? '.' : cp >= 0x20 && cp <= 0x7e ? (char) cp : '?');
        }
        return clean.length() > 400 ? clean.substring(0, 400) + "..." : clean.toString();
    }

    private static String statusText(int status) {
        return switch (status) {
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Server Error";
        };
    }
}
