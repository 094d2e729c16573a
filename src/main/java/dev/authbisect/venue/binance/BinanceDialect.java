package dev.authbisect.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.KeyedMac;
import dev.authbisect.core.Secret;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.simulator.Dialect;
import dev.authbisect.simulator.HttpCall;
import dev.authbisect.simulator.Permission;
import dev.authbisect.simulator.Rejection;
import dev.authbisect.simulator.Reply;
import dev.authbisect.simulator.Route;
import dev.authbisect.simulator.SignedClaim;
import dev.authbisect.simulator.SigningKey;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.VenueError;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binance spot as the simulator speaks it: the real paths ({@code /api/v3/time}, {@code exchangeInfo},
 * {@code ticker/24hr}, {@code ticker/price}, {@code account}, {@code openOrders}, {@code allOrders},
 * {@code order} GET/POST/DELETE …) on the host root, parameters in the query string or a form body,
 * the key in {@code X-MBX-APIKEY}, answers in Binance's shapes (amounts as 8-decimal strings) and
 * errors as {@code {"code":-1022,"msg":"…"}} with Binance's HTTP statuses. Signatures are checked by
 * the relay's {@link SignatureVerifier}, so what the relay calls VALID the simulator accepts.
 *
 * <p>Read in Binance's order: endpoint, parameters sent once, then for a signed endpoint the key's
 * format (-2014), {@code signature} and {@code timestamp} present (-1102), {@code recvWindow} at most
 * 60000 (-1131). The core then checks the key (-2015), the signature (-1022), the time window
 * (-1021: {@code recvWindow}, else the scenario's {@code nonce_window}, default 5 s, behind; 1 s
 * ahead), the IP allowlist and the permission (-2015); the endpoint checks its arguments.
 */
public final class BinanceDialect implements Dialect<BinanceRequest> {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Binance's API keys are 64 letters and digits; the simulator accepts scenario keys of 1 to 128. */
    private static final java.util.regex.Pattern KEY_FORMAT = java.util.regex.Pattern.compile("[A-Za-z0-9]{1,128}");
    private static final long MAX_RECV_WINDOW = 60_000;

    private final BinanceBook book = new BinanceBook();

    /** A dialect with a fresh account (the seeded orders only). */
    public BinanceDialect() {
    }

    @Override
    public String venue() {
        return BinanceSpotVenue.ID;
    }

    /** The host root: a client's base URL is {@code http://127.0.0.1:PORT}, as {@code https://api.binance.com}. */
    @Override
    public List<String> basePaths() {
        return List.of("");
    }

    @Override
    public Set<String> methods() {
        Set<String> names = new TreeSet<>();
        BinanceEndpoints.all().stream().filter(BinanceDialect::served).forEach(e -> names.add(e.method()));
        return names;
    }

    private static boolean served(BinanceEndpoints.Endpoint e) {
        return e.security() != BinanceEndpoints.Security.API_KEY;
    }

    @Override
    public Duration defaultWindow() {
        return BinanceSpotVenue.DEFAULT_RECV_WINDOW;
    }

    /** Binance refuses a timestamp more than 1 s ahead of its clock, whatever the recvWindow. */
    @Override
    public Duration aheadLimit(Duration window) {
        return Duration.ofSeconds(1);
    }

    @Override
    public Optional<Route> route(String httpMethod, String rawPath) {
        if (!rawPath.startsWith("/api/")) {
            return Optional.empty();
        }
        return Optional.of(new Route(httpMethod.toUpperCase(Locale.ROOT) + " " + rawPath, "spot"));
    }

    @Override
    public BinanceRequest parse(Route route, HttpCall call) throws Rejection {
        String path = route.method().substring(route.method().indexOf(' ') + 1);
        BinanceEndpoints.Endpoint endpoint = BinanceEndpoints.find(call.httpMethod(), path).filter(BinanceDialect::served)
                .orElseThrow(() -> new Rejection(Rejection.Kind.METHOD_NOT_FOUND, "no endpoint " + printable(route.method())));
        RawRequest raw = new RawRequest(call.httpMethod(), call.rawPath(), call.rawQuery(), call.headers(), call.body());
        BinanceParams params = BinanceParams.of(raw);
        Set<String> seen = new TreeSet<>();
        for (BinanceParams.Pair p : params.pairs()) {
            if (!seen.add(p.key())) {
                throw Rejection.venue("TOO_MANY_PARAMETERS", "Duplicate values for a parameter detected.");
            }
        }
        if (endpoint.security() != BinanceEndpoints.Security.SIGNED) {
            return new BinanceRequest(endpoint, params, Optional.empty(), raw);
        }
        String key = call.header(ReferenceSigner.API_KEY_HEADER).orElse("");
        if (!KEY_FORMAT.matcher(key).matches()) {
            throw Rejection.venue("BAD_API_KEY_FMT", "API-key format invalid.");
        }
        String signature = params.get(BinanceParams.SIGNATURE).orElse("");
        if (signature.isEmpty()) {
            throw mandatory(BinanceParams.SIGNATURE);
        }
        String timestamp = params.get(BinanceParams.TIMESTAMP).orElse("");
        if (!timestamp.matches("[0-9]{1,18}")) {
            throw mandatory(BinanceParams.TIMESTAMP);
        }
        Optional<Duration> window = Optional.empty();
        Optional<String> recvWindow = params.get(BinanceParams.RECV_WINDOW);
        if (recvWindow.isPresent()) {
            BigDecimal ms = number(recvWindow.get()).orElseThrow(() -> Rejection.venue("INVALID_PARAMETER",
                    "Invalid value for parameter 'recvWindow'."));
            if (ms.compareTo(BigDecimal.valueOf(MAX_RECV_WINDOW)) > 0 || ms.signum() <= 0) {
                throw Rejection.venue("BAD_RECV_WINDOW", "recvWindow must be less than 60000");
            }
            window = Optional.of(Duration.ofNanos(ms.multiply(BigDecimal.valueOf(1_000_000)).longValue()));
        }
        SignedClaim claim = new SignedClaim(key, BinanceParams.TIMESTAMP, timestamp, Long.parseLong(timestamp),
                endpoint.trades() ? Permission.TRADE : Permission.READ, window);
        return new BinanceRequest(endpoint, params, Optional.of(claim), raw);
    }

    private static Rejection mandatory(String name) {
        return Rejection.venue("MANDATORY_PARAM_EMPTY_OR_MALFORMED",
                "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed.");
    }

    /** The relay's verifier under the key's secret: its summary is the reason (never the secret). */
    @Override
    public Optional<String> signatureMismatch(BinanceRequest request, SigningKey key) {
        SignatureCheck check = SignatureVerifier.verify(request.raw(), new Credentials(Secret.of(key.apiKey()), key.secret()), key.mac());
        return check.status() == SignatureCheck.Status.VALID ? Optional.empty() : Optional.of(check.summary());
    }

    @Override
    public Reply answer(BinanceRequest request, long nowMillis) throws Rejection {
        return Reply.json(200, write(BinanceEndpointAnswers.answer(book, request, nowMillis)), "");
    }

    @Override
    public Reply reject(Route route, HttpCall call, Rejection rejection, int ipViolationCode) {
        int status;
        int code;
        String msg;
        Map<String, String> headers = Map.of();
        switch (rejection.kind()) {
            case UNKNOWN_KEY, IP_NOT_ALLOWED, NO_PERMISSION -> {
                status = 401;
                code = BinanceErrors.REJECTED_MBX_KEY;
                msg = "Invalid API-key, IP, or permissions for action.";
            }
            case BAD_SIGNATURE -> {
                status = 400;
                code = BinanceErrors.INVALID_SIGNATURE;
                msg = "Signature for this request is not valid.";
            }
            case OUTSIDE_WINDOW -> {
                status = 400;
                code = BinanceErrors.INVALID_TIMESTAMP;
                msg = rejection.reason().contains("ahead") ? "Timestamp for this request was 1000ms ahead of the server's time."
                        : "Timestamp for this request is outside of the recvWindow.";
            }
            case RATE_LIMITED -> {
                status = 429;
                code = BinanceErrors.TOO_MANY_REQUESTS;
                msg = "Too much request weight used; current limit is 6000 request weight per 1 MINUTE. "
                        + "Please use WebSocket Streams for live updates to avoid polling the API.";
                headers = Map.of("Retry-After", "1");
            }
            case METHOD_NOT_FOUND -> {
                status = 404;
                code = -1020;
                msg = "This operation is not supported.";
            }
            case VENUE -> {
                VenueError row = rejection.venueError().flatMap(BinanceErrors::byName)
                        .orElseGet(() -> BinanceErrors.lookup(BinanceErrors.UNKNOWN).orElseThrow());
                status = row.httpStatus();
                code = row.code();
                msg = rejection.reason();
            }
            default -> { // BAD_REQUEST (too large, unreadable), INVALID_REQUEST, INVALID_ARGUMENT
                status = 400;
                code = BinanceErrors.ILLEGAL_CHARS;
                msg = "Illegal characters found in a parameter.";
            }
        }
        ObjectNode body = BinanceMarket.F.objectNode();
        body.put("code", code);
        body.put("msg", msg);
        String name = BinanceErrors.lookup(code).map(VenueError::name).orElse("UNSUPPORTED_OPERATION");
        return new Reply(status, "application/json;charset=UTF-8", write(body), headers, code + " " + name);
    }

    /** A signed account read, a badly signed one, open orders, and a public ticker. */
    @Override
    public List<HttpCall> warmupCalls(String apiKey, KeyedMac mac, long nowMillis, int round) {
        Map<String, List<String>> key = Map.of(ReferenceSigner.API_KEY_HEADER, List.of(apiKey));
        List<HttpCall> out = new ArrayList<>();
        String account = "recvWindow=5000&timestamp=" + (nowMillis + round % 500);
        out.add(new HttpCall("GET", "/api/v3/account", account + "&signature=" + mac.hex(account), key, null));
        out.add(new HttpCall("GET", "/api/v3/account", account + "&signature=" + "0".repeat(64), key, null));
        String open = "symbol=BTCUSDT&timestamp=" + nowMillis;
        out.add(new HttpCall("GET", "/api/v3/openOrders", open + "&signature=" + mac.hex(open), key, null));
        out.add(new HttpCall("GET", "/api/v3/ticker/price", "symbol=BTCUSDT", Map.of(), null));
        return out;
    }

    static Optional<BigDecimal> number(String text) {
        if (text.isEmpty() || text.length() > 40 || !text.matches("-?[0-9]+(\\.[0-9]+)?")) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(text));
    }

    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(120).forEach(c -> out.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return out.toString();
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write an answer", e);
        }
    }

    @Override
    public String toString() {
        return "BinanceDialect";
    }
}
