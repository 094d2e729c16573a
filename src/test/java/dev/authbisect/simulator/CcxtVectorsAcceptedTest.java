package dev.authbisect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Requests signed by independent clients (vectors/) are accepted when their key is registered and the clock sits at their nonce. */
class CcxtVectorsAcceptedTest {
    private static JsonNode vectors() throws Exception {
        try (InputStream in = CcxtVectorsAcceptedTest.class.getResourceAsStream("/vectors/crypto-com-v1-signatures.json")) {
            return SimClient.MAPPER.readTree(in);
        }
    }

    private static SimulatorServer simAt(JsonNode vector, long nonce) {
        return SimulatorServer.start(SimClient.scenario("clock: {fixed: \"" + Instant.ofEpochMilli(nonce) + "\"}\n"
                + "keys: [{label: vector key, api_key: " + vector.get("api_key").asText() + ", secret: "
                + vector.get("api_secret").asText() + ", permissions: [read, trade]}]\n"), 0);
    }

    @Test
    void everyCcxtSignedRequestIsAccepted() throws Exception {
        int checked = 0;
        for (JsonNode v : vectors().path("ccxt").path("cases")) {
            long nonce = Long.parseLong(v.get("nonce").asText());
            try (SimulatorServer sim = simAt(v, nonce)) {
                SimClient.Reply r = new SimClient(sim).post(sim.url("/exchange/v1"), v.get("method").asText(), v.get("request_body").asText());
                assertEquals(0, r.code(), v.get("method").asText() + ": " + r.reason());
                assertEquals(200, r.status());
                assertEquals(v.get("id").asText(), r.body().get("id").asText(), "the id is echoed as sent");
                checked++;
            }
        }
        assertEquals(9, checked);
    }

    @Test
    void officialStyleRequestsPassExceptTheOneThatSignsPythonFloats() throws Exception {
        JsonNode cases = vectors().path("python_official_style").path("cases");
        for (JsonNode v : cases) {
            long nonce = v.get("nonce").asLong();
            try (SimulatorServer sim = simAt(v, nonce)) {
                SimClient.Reply r = new SimClient(sim).post(sim.url("/exchange/v1"), v.get("method").asText(), v.get("request_body").asText());
                boolean floats = v.get("params_json").asText().contains(".0");
                if (floats) {
                    assertEquals(40101, r.code());
                    assertTrue(r.reason().contains("signature does not match the canonical"), r.reason());
                    assertTrue(r.reason().contains("param end_time signed as '1765000000000.0'"), r.reason());
                    assertTrue(r.reason().contains("reference '1765000000000'"), r.reason());
                } else {
                    assertEquals(0, r.code(), v.get("method").asText() + ": " + r.reason());
                }
            }
        }
        assertEquals(4, cases.size());
    }
}
