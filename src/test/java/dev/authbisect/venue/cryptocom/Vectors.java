package dev.authbisect.venue.cryptocom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.core.Credentials;
import dev.authbisect.venue.RawRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The signed requests of independent clients in {@code vectors/crypto-com-v1-signatures.json}. */
final class Vectors {
    private Vectors() {
    }

    /** One signed request as a client sent it. */
    record Case(String suite, int index, String method, Credentials credentials, String apiKey, String paramString,
                String stringToSign, String sig, String body) {
        RawRequest request() {
            return RawRequest.post("/" + method, body);
        }

        @Override
        public String toString() {
            return suite + "[" + index + "] " + method;
        }
    }

    static List<Case> all() {
        List<Case> out = new ArrayList<>(suite("ccxt"));
        out.addAll(suite("python_official_style"));
        return out;
    }

    static List<Case> suite(String name) {
        JsonNode root;
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/crypto-com-v1-signatures.json")) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Case> out = new ArrayList<>();
        int i = 0;
        for (JsonNode c : root.path(name).path("cases")) {
            out.add(new Case(name, i++, c.get("method").asText(),
                    Credentials.of(c.get("api_key").asText(), c.get("api_secret").asText()), c.get("api_key").asText(),
                    c.get("param_string").asText(), c.get("string_to_sign").asText(), c.get("sig").asText(),
                    c.get("request_body").asText()));
        }
        return out;
    }
}
