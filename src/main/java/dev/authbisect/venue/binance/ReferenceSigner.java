package dev.authbisect.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.KeyedMac;
import dev.authbisect.venue.RawRequest;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The harness's own Binance signer, written from the official documentation: the call's params
 * in the configured order, then {@code recvWindow} (the call's, else 5000) and {@code timestamp},
 * then {@code signature} = lower-case hex HMAC-SHA256 of exactly that text under the secret; the
 * key in the {@code X-MBX-APIKEY} header. GET and DELETE carry everything in the query string,
 * POST and PUT in a form body. Public endpoints are sent unsigned, without a key.
 *
 * <p>Values render the way a strict server reads them: strings as they are, integers as digits,
 * decimals without trailing zeros ({@code 0.10} → {@code 0.1}), booleans {@code true}/{@code false},
 * lists and objects as compact JSON; everything percent-encoded as a form is.
 */
final class ReferenceSigner {
    static final String API_KEY_HEADER = "x-mbx-apikey";
    static final String FORM = "application/x-www-form-urlencoded";
    static final long DEFAULT_RECV_WINDOW = 5000;

    private ReferenceSigner() {
    }

    static RawRequest sign(CallSpec call, Credentials credentials, long nowMillis) {
        String[] parsed = BinanceEndpoints.parse(call.method()).orElseThrow(() -> new IllegalArgumentException(
                "Binance method: expected 'GET /api/v3/account' or a path such as /api/v3/account, got '" + call.method() + "'"));
        String verb = parsed[0];
        String path = parsed[1];
        BinanceEndpoints.Security security = BinanceEndpoints.find(verb, path).map(BinanceEndpoints.Endpoint::security)
                .orElse(BinanceEndpoints.Security.SIGNED);
        List<String> pairs = new ArrayList<>();
        String recvWindow = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = call.params().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals(BinanceParams.SIGNATURE) || key.equals(BinanceParams.TIMESTAMP)) {
                continue;
            }
            if (key.equals(BinanceParams.RECV_WINDOW)) {
                recvWindow = render(e.getValue());
                continue;
            }
            pairs.add(pair(key, render(e.getValue())));
        }
        Map<String, List<String>> headers = new java.util.TreeMap<>();
        if (security != BinanceEndpoints.Security.NONE) {
            headers.put(API_KEY_HEADER, List.of(credentials.apiKey().reveal()));
        }
        if (security == BinanceEndpoints.Security.SIGNED) {
            pairs.add(pair(BinanceParams.RECV_WINDOW, recvWindow == null ? Long.toString(DEFAULT_RECV_WINDOW) : recvWindow));
            pairs.add(pair(BinanceParams.TIMESTAMP, Long.toString(nowMillis)));
            String payload = String.join("&", pairs);
            pairs.add(pair(BinanceParams.SIGNATURE, KeyedMac.of(credentials.apiSecret()).hex(payload)));
        } else if (recvWindow != null) {
            pairs.add(pair(BinanceParams.RECV_WINDOW, recvWindow));
        }
        String text = String.join("&", pairs);
        boolean inBody = verb.equals("POST") || verb.equals("PUT");
        if (inBody) {
            headers.put("content-type", List.of(FORM));
            return new RawRequest(verb, path, "", headers, text.getBytes(StandardCharsets.UTF_8));
        }
        return new RawRequest(verb, path, text, headers, new byte[0]);
    }

    private static String pair(String key, String value) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A param value as a strict server reads it. */
    static String render(JsonNode value) {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "true" : "false";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return plain(value.decimalValue());
        }
        return value.toString();
    }

    /** Decimals without trailing zeros, never in exponent form: 0.10 → 0.1, 1.0 → 1, 1E-5 → 0.00001. */
    static String plain(BigDecimal number) {
        BigDecimal stripped = number.stripTrailingZeros();
        return stripped.signum() == 0 ? "0" : stripped.toPlainString();
    }

}
