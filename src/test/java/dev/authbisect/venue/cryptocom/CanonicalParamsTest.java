package dev.authbisect.venue.cryptocom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class CanonicalParamsTest {
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private static JsonNode vectors() throws Exception {
        try (InputStream in = CanonicalParamsTest.class.getResourceAsStream("/vectors/crypto-com-v1-signatures.json")) {
            return EXACT.readTree(in);
        }
    }

    @Test
    void ccxtVectorsRenderTheirParamStringAndSignature() throws Exception {
        for (JsonNode c : vectors().path("ccxt").path("cases")) {
            String params = CanonicalParams.render(c.get("params"));
            assertEquals(c.get("param_string").asText(), params, c.get("method").asText());
            String toSign = CanonicalParams.stringToSign(c.get("method").asText(), c.get("id").asText(),
                    c.get("api_key").asText(), params, c.get("nonce").asText());
            assertEquals(c.get("string_to_sign").asText(), toSign);
            assertEquals(c.get("sig").asText(), CanonicalParams.hmacHex(c.get("api_secret").asText(), toSign));
        }
    }

    @Test
    void floatsRenderWithoutTrailingZerosCanonically() throws Exception {
        JsonNode params = EXACT.readTree("{\"start_time\": 1764000000000.0, \"price\": 8000.000, \"q\": 0.1230, \"ok\": true, \"n\": null}");
        assertEquals("n" + "null" + "oktrue" + "price8000" + "q0.123" + "start_time1764000000000", CanonicalParams.render(params));
    }
}
