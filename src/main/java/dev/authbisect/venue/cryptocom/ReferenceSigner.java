package dev.authbisect.venue.cryptocom;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.venue.RawRequest;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The harness's own signer, written from the official documentation: private methods are
 * {@code POST {base}/{method}} with {@code {"id", "method", "api_key", "params", "nonce", "sig"}},
 * id and nonce both {@code nowMillis} as JSON numbers, sig over the canonical paramString;
 * {@code public/...} methods are {@code GET {base}/{method}?query}, unsigned. A method
 * configured as {@code v2/private/...} goes to {@code /v2/private/...} (the base URL then being
 * the host root, as the v2 API lives beside {@code /exchange/v1}).
 */
final class ReferenceSigner {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private ReferenceSigner() {
    }

    static RawRequest sign(CallSpec call, Credentials credentials, long nowMillis) {
        String configured = call.method();
        boolean v2 = configured.startsWith(CryptoComPaths.V2_PREFIX);
        String method = v2 ? configured.substring(CryptoComPaths.V2_PREFIX.length()) : configured;
        String path = (v2 ? "/v2/" : "/") + method;
        if (CryptoComPaths.isPublic(method)) {
            return RawRequest.get(path, query(call.params()));
        }
        String paramsJson = write(call.params());
        String paramString;
        try {
            // sign what the body says, read back exactly as the verifier will read it
            paramString = CanonicalParams.render(RawJsonReader.read(paramsJson).toJsonNode());
        } catch (RawJsonReader.MalformedJsonException e) {
            throw new IllegalStateException("params serialized to unreadable JSON", e);
        }
        String id = Long.toString(nowMillis);
        String apiKey = credentials.apiKey().reveal();
        String sig = CanonicalParams.hmacHex(credentials.apiSecret().reveal(),
                CanonicalParams.stringToSign(method, id, apiKey, paramString, id));
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("id", nowMillis);
            g.writeStringField("method", method);
            g.writeStringField("api_key", apiKey);
            g.writeFieldName("params");
            g.writeRawValue(paramsJson);
            g.writeNumberField("nonce", nowMillis);
            g.writeStringField("sig", sig);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RawRequest.post(path, out.toString());
    }

    private static String write(JsonNode params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String query(JsonNode params) {
        List<String> pairs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            pairs.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(CanonicalParams.scalar(e.getValue()), StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }
}
