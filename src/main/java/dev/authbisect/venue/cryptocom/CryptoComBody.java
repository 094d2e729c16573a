package dev.authbisect.venue.cryptocom;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The JSON body of a Crypto.com Exchange request ({@code id, method, params, api_key, nonce,
 * sig}) as the client sent it: {@code id} and {@code nonce} keep their JSON type and exact text
 * ({@code 1} vs {@code "1700000000000"}), numbers in {@code params} their literal text.
 */
public record CryptoComBody(RawJson.Obj json) {
    private static final RawJson.Obj EMPTY = new RawJson.Obj(Map.of());

    public CryptoComBody {
        Objects.requireNonNull(json, "json");
    }

    /**
     * Reads a request body. An empty body reads as an empty object (a public GET).
     *
     * @throws RawJsonReader.MalformedJsonException when the body is not JSON or not a JSON object
     */
    public static CryptoComBody read(byte[] body) throws RawJsonReader.MalformedJsonException {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return new CryptoComBody(EMPTY);
        }
        RawJson json = RawJsonReader.read(body);
        if (json instanceof RawJson.Obj obj) {
            return new CryptoComBody(obj);
        }
        throw new RawJsonReader.MalformedJsonException("body is JSON but not an object, expected {\"id\":…,\"method\":…,…}");
    }

    /** {@code id} as sent (string or number), if present. */
    public Optional<RawJson> id() {
        return json.get("id");
    }

    /** {@code nonce} as sent, if present. */
    public Optional<RawJson> nonce() {
        return json.get("nonce");
    }

    /** The text {@code id} enters the signed string with: a string's content or a number's literal text. */
    public String idText() {
        return id().map(RawJson::text).orElse("");
    }

    /** The text {@code nonce} enters the signed string with. */
    public String nonceText() {
        return nonce().map(RawJson::text).orElse("");
    }

    /** {@code method}, when it is a string. */
    public Optional<String> method() {
        return string("method");
    }

    /** {@code api_key}, when it is a string. */
    public Optional<String> apiKey() {
        return string("api_key");
    }

    /** {@code sig}, when it is a non-empty string. */
    public Optional<String> sig() {
        return string("sig").filter(s -> !s.isEmpty());
    }

    /** {@code params}; absent or {@code null} reads as an empty object, anything else that is not an object too. */
    public RawJson.Obj params() {
        return json.get("params").filter(RawJson.Obj.class::isInstance).map(RawJson.Obj.class::cast).orElse(EMPTY);
    }

    /** True when {@code params} is present but not an object or null (the signature cannot be checked). */
    public boolean paramsMalformed() {
        return json.get("params").filter(p -> !(p instanceof RawJson.Obj) && !(p instanceof RawJson.Null)).isPresent();
    }

    private Optional<String> string(String name) {
        return json.get(name).filter(RawJson.Str.class::isInstance).map(RawJson::text);
    }

    @Override
    public String toString() {
        return "CryptoComBody[" + method().orElse("?") + ", " + json.members().size() + " members]";
    }
}
