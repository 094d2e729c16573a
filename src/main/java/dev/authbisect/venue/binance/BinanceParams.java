package dev.authbisect.venue.binance;

import dev.authbisect.venue.RawRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The parameters of a Binance request exactly as sent: the query string's pairs, then the form
 * body's (Binance reads both; {@code totalParams} is the query string followed by the body, with no
 * {@code &} between them). Each pair keeps its raw text; keys and values are decoded on demand.
 *
 * @param query the raw query string (without '?')
 * @param body  the raw form body, or empty when the request has none (or a body that is not a form)
 * @param pairs the pairs of both, query first
 */
public record BinanceParams(String query, String body, List<Pair> pairs) {
    /** The parameter that carries the signature. */
    public static final String SIGNATURE = "signature";
    /** The parameter that carries the request's time (epoch milliseconds). */
    public static final String TIMESTAMP = "timestamp";
    /** The parameter that widens the time window (milliseconds, at most 60000). */
    public static final String RECV_WINDOW = "recvWindow";

    /** Where a pair was sent. */
    public enum Part { QUERY, BODY }

    /**
     * One {@code key=value} pair as sent.
     *
     * @param raw  its raw text ({@code price=0.1}, percent-encoding kept)
     * @param part query string or body
     */
    public record Pair(String raw, Part part) {
        public String rawKey() {
            int eq = raw.indexOf('=');
            return eq < 0 ? raw : raw.substring(0, eq);
        }

        public String rawValue() {
            int eq = raw.indexOf('=');
            return eq < 0 ? "" : raw.substring(eq + 1);
        }

        public String key() {
            return decode(rawKey());
        }

        public String value() {
            return decode(rawValue());
        }

        public Pair withRaw(String newRaw) {
            return new Pair(newRaw, part);
        }
    }

    public BinanceParams {
        query = query == null ? "" : query;
        body = body == null ? "" : body;
        pairs = List.copyOf(pairs);
    }

    /** Reads a request's query string and, when it is a form (or untyped text that looks like one), its body. */
    public static BinanceParams of(RawRequest request) {
        String body = formBody(request);
        List<Pair> pairs = new ArrayList<>();
        split(request.query(), Part.QUERY, pairs);
        split(body, Part.BODY, pairs);
        return new BinanceParams(request.query(), body, pairs);
    }

    private static String formBody(RawRequest request) {
        String text = request.bodyText();
        if (text.isBlank()) {
            return "";
        }
        String type = request.header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") || type.isEmpty() && !text.strip().startsWith("{")) {
            return text;
        }
        return "";
    }

    private static void split(String text, Part part, List<Pair> out) {
        if (text.isEmpty()) {
            return;
        }
        for (String raw : text.split("&", -1)) {
            if (!raw.isEmpty()) {
                out.add(new Pair(raw, part));
            }
        }
    }

    /** The first value of {@code key}, decoded. */
    public Optional<String> get(String key) {
        return pairs.stream().filter(p -> p.key().equals(key)).map(Pair::value).findFirst();
    }

    /** The pairs that carry {@code key}. */
    public List<Pair> all(String key) {
        return pairs.stream().filter(p -> p.key().equals(key)).toList();
    }

    /** The pairs without the signature, in the order sent. */
    public List<Pair> unsigned() {
        return pairs.stream().filter(p -> !p.key().equals(SIGNATURE)).toList();
    }

    /** True when the signature pair is the very last pair sent (Binance's rule: it signs everything before it). */
    public boolean signatureLast() {
        return !pairs.isEmpty() && pairs.get(pairs.size() - 1).key().equals(SIGNATURE);
    }

    /**
     * The string the server checks the signature against: the query string followed by the body,
     * each exactly as sent with its {@code signature} pair cut out.
     */
    public String totalParams() {
        return join(unsigned());
    }

    /** The pairs before the (first) signature pair, as a signed string. */
    public String beforeSignature() {
        List<Pair> before = new ArrayList<>();
        for (Pair p : pairs) {
            if (p.key().equals(SIGNATURE)) {
                break;
            }
            before.add(p);
        }
        return join(before);
    }

    /**
     * Joins pairs the way Binance builds totalParams: the query pairs joined with {@code &}, directly
     * followed by the body pairs joined with {@code &}.
     */
    public static String join(List<Pair> pairs) {
        StringBuilder query = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (Pair p : pairs) {
            StringBuilder into = p.part() == Part.QUERY ? query : body;
            if (into.length() > 0) {
                into.append('&');
            }
            into.append(p.raw());
        }
        return query.append(body).toString();
    }

    /** Percent-decoding as a form does ({@code +} is a space); malformed escapes stay as they are. */
    public static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    @Override
    public String toString() {
        return "BinanceParams[" + pairs.size() + " pairs]";
    }
}
