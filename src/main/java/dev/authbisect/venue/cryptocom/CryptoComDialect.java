package dev.authbisect.venue.cryptocom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.KeyedMac;
import dev.authbisect.core.Secret;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.simulator.Dialect;
import dev.authbisect.simulator.HttpCall;
import dev.authbisect.simulator.Rejection;
import dev.authbisect.simulator.Reply;
import dev.authbisect.simulator.Route;
import dev.authbisect.simulator.SigningKey;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.VenueError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Crypto.com Exchange as the simulator speaks it: the real paths {@code /exchange/v1/{method}}
 * and {@code /v2/{method}}, JSON bodies {@code {id, method, params, api_key, sig, nonce}} read
 * with exact numbers, the documented codes and HTTP statuses of each API generation, and
 * signatures checked by the relay's {@link SignatureVerifier} against the canonical rendering —
 * so what the relay calls VALID the simulator accepts, and nothing else (an upper-case hex
 * {@code sig} included: 40101).
 *
 * <p>The model for the next venue's dialect: route by path, parse in the venue's order, verify
 * with the venue's verifier, render answers and errors; everything else is the core's.
 */
public final class CryptoComDialect implements Dialect<CryptoComRequest> {
    private static final Map<Integer, String> IP_CODES = ipCodes();

    private final Endpoints endpoints = new Endpoints();
    private final SignatureVerifier verifier = new SignatureVerifier(ParamStyle.CANONICAL);

    /** A dialect with a fresh account book (no orders). */
    public CryptoComDialect() {
    }

    private static Map<Integer, String> ipCodes() {
        Map<Integer, String> codes = new LinkedHashMap<>();
        codes.put(CryptoComErrors.IP_ILLEGAL, "IP_ILLEGAL");
        codes.put(CryptoComErrors.UNAUTHORIZED, "UNAUTHORIZED");
        return java.util.Collections.unmodifiableMap(codes);
    }

    @Override
    public String venue() {
        return CryptoComVenue.ID;
    }

    @Override
    public List<String> basePaths() {
        return List.of(ApiVersion.V1.base, ApiVersion.V2.base);
    }

    @Override
    public Set<String> methods() {
        return MethodCatalog.allNames();
    }

    /** 40103 IP_ILLEGAL (the documented code, default) or 40101 UNAUTHORIZED (what the seed incident's team saw). */
    @Override
    public Map<Integer, String> ipViolationCodes() {
        return IP_CODES;
    }

    @Override
    public Duration defaultWindow() {
        return CryptoComVenue.NONCE_WINDOW;
    }

    @Override
    public Optional<Route> route(String httpMethod, String rawPath) {
        for (ApiVersion v : ApiVersion.values()) {
            String prefix = v.base + "/";
            if (rawPath.startsWith(prefix) && rawPath.length() > prefix.length()) {
                return Optional.of(new Route(URLDecoder.decode(rawPath.substring(prefix.length()), StandardCharsets.UTF_8), v.api()));
            }
        }
        return Optional.empty();
    }

    /** JSON first, then the method under this version, then (private) POST and every field typed. */
    @Override
    public CryptoComRequest parse(Route route, HttpCall call) throws Rejection {
        ApiVersion version = ApiVersion.of(route.api());
        Optional<ObjectNode> body = RequestParser.body(call.body());
        String method = route.method();
        MethodCatalog.Spec spec = MethodCatalog.find(version, method).orElseThrow(() -> new Rejection(
                Rejection.Kind.METHOD_NOT_FOUND, "method '" + RequestParser.printable(method) + "' does not exist under "
                + version.base + "/{method}"));
        RawRequest raw = new RawRequest(call.httpMethod(), call.rawPath().substring(version.base.length()), call.rawQuery(),
                call.headers(), call.body());
        if (!spec.isPrivate()) {
            return RequestParser.publicRequest(version, method, call.rawQuery(), body, raw);
        }
        if (!"POST".equalsIgnoreCase(call.httpMethod())) {
            throw new Rejection(Rejection.Kind.BAD_REQUEST, "private methods take POST with a JSON body, got "
                    + RequestParser.printable(call.httpMethod()));
        }
        return RequestParser.privateRequest(version, method, spec.permission(), body, raw);
    }

    /** The relay's verifier, under the key's secret: its summary is the reason (never the secret). */
    @Override
    public Optional<String> signatureMismatch(CryptoComRequest request, SigningKey key) {
        SignatureCheck check = verifier.verify(request.raw(), new Credentials(Secret.of(key.apiKey()), key.secret()), key.mac());
        return check.status() == SignatureCheck.Status.VALID ? Optional.empty() : Optional.of(check.summary());
    }

    @Override
    public Reply answer(CryptoComRequest request, long nowMillis) throws Rejection {
        Optional<ObjectNode> result = endpoints.answer(request.version(), request, nowMillis);
        ObjectNode envelope = RequestParser.EXACT.objectNode();
        envelope.set("id", request.id());
        envelope.put("method", request.method());
        envelope.put("code", 0);
        result.ifPresent(r -> envelope.set("result", r));
        return Reply.json(200, write(envelope), "");
    }

    /** The version's code and status; the body's id echoed when it had one (a number or a string), else -1. */
    @Override
    public Reply reject(Route route, HttpCall call, Rejection rejection, int ipViolationCode) {
        ApiVersion version = ApiVersion.of(route.api());
        VenueError error = version.error(rejection, ipViolationCode);
        JsonNode id = null;
        try {
            id = RequestParser.body(call.body()).map(b -> b.get("id")).filter(n -> n.isIntegralNumber() || n.isTextual()).orElse(null);
        } catch (Rejection notJson) {
            // no id to echo
        }
        ObjectNode envelope = RequestParser.EXACT.objectNode();
        if (id != null) {
            envelope.set("id", id);
        } else {
            envelope.put("id", -1);
        }
        envelope.put("method", route.method());
        envelope.put("code", error.code());
        envelope.put("message", error.name());
        return Reply.json(error.httpStatus(), write(envelope), error.name());
    }

    /** Signed reads under both versions, one with a float the canonical rendering strips, one badly signed. */
    @Override
    public List<HttpCall> warmupCalls(String apiKey, KeyedMac mac, long nowMillis, int round) {
        long nonce = nowMillis + round % 1000;
        List<HttpCall> out = new ArrayList<>();
        out.add(signed(ApiVersion.V1, "private/get-order-history", "{\"limit\":" + round % 100 + "}", "limit" + round % 100,
                apiKey, nonce, mac, true));
        out.add(signed(ApiVersion.V1, "private/user-balance", "{}", "", apiKey, nonce, mac, true));
        out.add(signed(ApiVersion.V1, "private/get-open-orders", "{\"page\":1.0}", "page1", apiKey, nonce, mac, false));
        out.add(signed(ApiVersion.V2, "private/get-account-summary", "{\"currency\":\"CRO\"}", "currencyCRO", apiKey, nonce, mac, true));
        out.add(new HttpCall("GET", ApiVersion.V1.base + "/public/get-instruments", "", Map.of(), new byte[0]));
        return out;
    }

    private static HttpCall signed(ApiVersion version, String method, String params, String paramString, String apiKey,
                                   long nonce, KeyedMac mac, boolean good) {
        String n = Long.toString(nonce);
        String sig = good ? mac.hex(CanonicalParams.stringToSign(method, n, apiKey, paramString, n)) : "0".repeat(64);
        String body = "{\"id\":" + n + ",\"method\":\"" + method + "\",\"api_key\":\"" + apiKey + "\",\"params\":" + params
                + ",\"nonce\":" + n + ",\"sig\":\"" + sig + "\"}";
        return new HttpCall("POST", version.base + "/" + method, "", Map.of("content-type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] write(ObjectNode envelope) {
        try {
            return RequestParser.MAPPER.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an envelope", e);
        }
    }
}
