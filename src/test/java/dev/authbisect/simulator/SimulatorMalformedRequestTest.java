package dev.authbisect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import okhttp3.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad requests get the exchange's error codes — never a 500, never a hang. */
class SimulatorMalformedRequestTest {
    static SimulatorServer sim;
    static SimClient client;

    @BeforeAll
    static void start() {
        sim = SimulatorServer.start(SimClient.scenario("""
                clock: {fixed: "2025-12-19T08:00:00Z"}
                keys: [{label: k, api_key: MALKEY00000001, secret: mal-secret}]
                """), 0);
        client = new SimClient(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static void assertCode(SimClient.Reply r, int http, int code, String reasonPart) {
        assertEquals(http, r.status(), r.rawBody());
        assertEquals(code, r.code(), r.rawBody());
        assertTrue(r.reason().contains(reasonPart), r.reason());
    }

    @Test
    void aBodyThatIsNotJsonIsBadRequest() {
        assertCode(client.post(sim.url("/exchange/v1"), "private/user-balance", "id=1&api_key=x"), 400, 40001, "body is not JSON");
    }

    @Test
    void truncatedJsonIsBadRequest() {
        assertCode(client.post(sim.url("/exchange/v1"), "private/user-balance", "{\"id\": 1, \"api_key\": \"MAL"), 400, 40001, "body is not JSON");
    }

    @Test
    void aJsonArrayIsBadRequest() {
        assertCode(client.post(sim.url("/exchange/v1"), "private/user-balance", "[1,2]"), 400, 40001, "not an object");
    }

    @Test
    void anOversizedBodyIsBadRequest() {
        byte[] big = new byte[70 * 1024];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        assertCode(client.postBytes(sim.url("/exchange/v1"), "private/user-balance", big), 400, 40001, "larger than 65536 bytes");
    }

    @Test
    void aMissingSignatureIsAMissingArgument() {
        assertCode(client.post(sim.url("/exchange/v1"), "private/user-balance",
                "{\"id\":1,\"method\":\"private/user-balance\",\"params\":{},\"api_key\":\"MALKEY00000001\",\"nonce\":1766131200000}"),
                400, 40004, "'sig' is missing");
    }

    @Test
    void aMissingNonceIsAMissingArgument() {
        assertCode(client.post(sim.url("/exchange/v1"), "private/user-balance",
                "{\"id\":1,\"params\":{},\"api_key\":\"MALKEY00000001\",\"sig\":\"00\"}"), 400, 40004, "'nonce' is missing");
    }

    @Test
    void aNonStringApiKeyIsAnInvalidRequest() {
        SimClient.Reply r = client.post(sim.url("/exchange/v1"), "private/user-balance",
                "{\"id\":7,\"params\":{},\"api_key\":12345,\"sig\":\"00\",\"nonce\":1766131200000}");
        assertCode(r, 400, 40003, "api_key must be a string");
        assertEquals(7, r.body().get("id").asInt(), "the id is echoed");
    }

    @Test
    void paramsThatAreNotAnObjectAreAnInvalidRequest() {
        assertCode(client.post(sim.url("/exchange/v1"), "private/user-balance",
                "{\"id\":1,\"params\":[1],\"api_key\":\"MALKEY00000001\",\"sig\":\"00\",\"nonce\":1766131200000}"),
                400, 40003, "params must be an object");
    }

    @Test
    void aNonNumericNonceIsAnInvalidRequest() {
        assertCode(client.post(sim.url("/exchange/v1"), "private/user-balance",
                "{\"id\":1,\"params\":{},\"api_key\":\"MALKEY00000001\",\"sig\":\"00\",\"nonce\":\"soon\"}"),
                400, 40003, "nonce must be a whole number");
    }

    @Test
    void aBodyMethodThatDiffersFromThePathIsAnInvalidRequest() {
        assertCode(client.post(sim.url("/exchange/v1"), "private/user-balance",
                "{\"id\":1,\"method\":\"private/get-open-orders\",\"params\":{},\"api_key\":\"MALKEY00000001\",\"sig\":\"00\",\"nonce\":1766131200000}"),
                400, 40003, "differs from the path");
    }

    @Test
    void aPrivateMethodWithoutBodyIsBadRequest() {
        assertCode(client.get("/exchange/v1/private/user-balance"), 400, 40001, "private methods take POST");
    }

    @Test
    void v2MalformedBodiesAreV2BadRequest() {
        assertCode(client.post(sim.url("/v2"), "private/get-account-summary", "not json"), 400, 10004, "body is not JSON");
    }

    @Test
    void pathsOutsideTheApiAre404WithoutEnvelope() throws Exception {
        SimClient.Reply r = client.sendOrThrow(new Request.Builder().url(sim.baseUrl() + "/api/v3/account").get());
        assertEquals(404, r.status());
        assertTrue(r.reason().contains("expected /exchange/v1/{method} or /v2/{method}"));
    }
}
