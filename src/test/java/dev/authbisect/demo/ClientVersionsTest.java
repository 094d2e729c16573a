package dev.authbisect.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.venue.cryptocom.CanonicalParams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each version of the demo's Python client, as materialized from the demo repository,
 * against a fake exchange on 127.0.0.1 and checks what it really sends and signs.
 */
class ClientVersionsTest {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final List<String> CALLS = List.of("get_account_summary", "get_open_orders", "get_order_history");
    static final String DRIVER = """
            import json, sys, time
            fixed = int(sys.argv[1]) / 1000.0
            time.time = lambda: fixed
            from app.services.brokers.crypto_com_trade import CryptoComTradeClient
            client = CryptoComTradeClient()
            for name in sys.argv[2:]:
                try:
                    getattr(client, name)()
                    print(json.dumps({"call": name, "ok": True}))
                except Exception as error:
                    print(json.dumps({"call": name, "ok": False, "error": str(error)}))
            """;

    @TempDir
    static Path shared;
    static DemoHistory demo;
    static FakeExchange exchange;
    static RefusingProxy proxy;
    static final Map<String, Path> modules = new HashMap<>();

    @BeforeAll
    static void start() throws IOException {
        demo = DemoHistory.create(shared.resolve("repo"));
        exchange = new FakeExchange();
        proxy = new RefusingProxy();
    }

    @AfterAll
    static void stop() throws IOException {
        exchange.close();
        proxy.close();
    }

    @BeforeEach
    void reset() {
        exchange.answer(FakeExchange.Answer::ok);
    }

    @ParameterizedTest
    @ValueSource(strings = {"clientCommit", "integerFixCommit", "accountSummaryCommit", "revertCommit", "cleanEnvCommit"})
    void everyVersionButTheFloatWindowSignsEveryCallAsAStrictServerRendersIt(String key) throws Exception {
        List<JsonNode> bodies = callAll(key, Python.API_SECRET);
        assertEquals(3, bodies.size());
        for (JsonNode body : bodies) {
            assertTrue(body.get("id").isIntegralNumber() && body.get("id").asInt() == 1, body.toString());
            assertEquals(Python.FIXED_TIME_MS, body.get("nonce").longValue());
            assertEquals(canonicalSig(body, Python.API_SECRET), body.get("sig").asText(), key + " " + body.get("method"));
        }
    }

    @Test
    void theFloatWindowVersionSignsStartTimeAsPythonRendersAFloat() throws Exception {
        JsonNode body = orderHistory(callAll("floatCommit", Python.API_SECRET));
        JsonNode params = body.get("params");
        assertTrue(params.get("start_time").isFloatingPointNumber(), params.toString());
        assertTrue(params.get("end_time").isFloatingPointNumber(), params.toString());
        String pythonParamString = "end_time" + "1766131200000.0" + "limit" + "20" + "start_time" + "1766044800000.0";
        String nonce = Long.toString(Python.FIXED_TIME_MS);
        String expected = CanonicalParams.hmacHex(Python.API_SECRET,
                "private/get-order-history" + "1" + Python.API_KEY + pythonParamString + nonce);
        assertEquals(expected, body.get("sig").asText());
        assertEquals("end_time1766131200000limit20start_time1766044800000", CanonicalParams.render(params));
        assertNotEquals(canonicalSig(body, Python.API_SECRET), body.get("sig").asText());
    }

    @Test
    void theIntegerFixSendsTheSameWindowAsIntegers() throws Exception {
        JsonNode params = orderHistory(callAll("integerFixCommit", Python.API_SECRET)).get("params");
        assertTrue(params.get("start_time").isIntegralNumber(), params.toString());
        assertEquals(1_766_044_800_000L, params.get("start_time").longValue());
        assertEquals(1_766_131_200_000L, params.get("end_time").longValue());
    }

    @Test
    void theAccountSummaryVersionPostsGetAccountSummaryAndTheRevertUserBalance() throws Exception {
        int before = exchange.venueRequests().size();
        assertEquals("private/get-account-summary", callAll("accountSummaryCommit", Python.API_SECRET).get(0).get("method").asText());
        assertEquals("private/get-account-summary", exchange.venueRequests().get(before).name(), "the URL path names the method too");
        assertEquals("private/user-balance", callAll("revertCommit", Python.API_SECRET).get(0).get("method").asText());
        assertEquals("private/user-balance", callAll("clientCommit", Python.API_SECRET).get(0).get("method").asText());
    }

    @Test
    void theCleanEnvSecretVersionTriesApiIpifyThroughTheProxyAndCarriesOn() throws Exception {
        int before = proxy.requestLines().size();
        callAll("revertCommit", Python.API_SECRET);
        assertEquals(before, proxy.requestLines().size(), "the version before it makes no other request");
        Python.Result run = runDriver("cleanEnvCommit", Python.API_SECRET, CALLS);
        List<String> lines = proxy.requestLines().subList(before, proxy.requestLines().size());
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("CONNECT api.ipify.org:443 HTTP/"), lines.toString());
        assertEquals(3, run.stdout().lines().filter(l -> l.contains("\"ok\": true")).count(), run.stdout() + run.stderr());
    }

    @Test
    void theCleanEnvSecretVersionRemovesQuotesThatStripKeeps() throws Exception {
        JsonNode cleaned = callAll("cleanEnvCommit", "\"" + Python.API_SECRET + "\"\r").get(0);
        assertEquals(canonicalSig(cleaned, Python.API_SECRET), cleaned.get("sig").asText());
        JsonNode stripped = callAll("revertCommit", "\"" + Python.API_SECRET + "\"\r").get(0);
        assertEquals(canonicalSig(stripped, "\"" + Python.API_SECRET + "\""), stripped.get("sig").asText());
    }

    @Test
    void anErrorEnvelopeRaisesWithTheVenueCode() throws Exception {
        exchange.answer(method -> FakeExchange.Answer.error(401, 40101, "UNAUTHORIZED"));
        Python.Result run = runDriver("clientCommit", Python.API_SECRET, List.of("get_open_orders"));
        assertTrue(run.stdout().contains("\"ok\": false") && run.stdout().contains("40101"), run.stdout() + run.stderr());
    }

    private static JsonNode orderHistory(List<JsonNode> bodies) {
        return bodies.stream().filter(b -> b.get("method").asText().equals("private/get-order-history")).findFirst().orElseThrow();
    }

    static String canonicalSig(JsonNode body, String secret) {
        String payload = CanonicalParams.stringToSign(body.get("method").asText(), body.get("id").asText(),
                body.get("api_key").asText(), CanonicalParams.render(body.get("params")), body.get("nonce").asText());
        return CanonicalParams.hmacHex(secret, payload);
    }

    /** Runs the three calls of one version; the request bodies the fake exchange received, in order. */
    private List<JsonNode> callAll(String key, String secret) throws Exception {
        int before = exchange.venueRequests().size();
        Python.Result run = runDriver(key, secret, CALLS);
        assertEquals(0, run.exitCode(), run.stderr());
        List<JsonNode> bodies = new ArrayList<>();
        for (FakeExchange.Received r : exchange.venueRequests().subList(before, exchange.venueRequests().size())) {
            bodies.add(JSON.readTree(r.body()));
        }
        return bodies;
    }

    private Python.Result runDriver(String key, String secret, List<String> calls) throws Exception {
        Path module = module(key);
        Map<String, String> env = new HashMap<>(Python.clientEnv(module, exchange, proxy));
        env.put("EXCHANGE_CUSTOM_API_SECRET", secret);
        List<String> args = new ArrayList<>(List.of("python3", "-c", DRIVER, Long.toString(Python.FIXED_TIME_MS)));
        args.addAll(calls);
        return Python.run(Files.createTempDirectory(shared, "cwd"), env, args);
    }

    private static synchronized Path module(String key) throws IOException {
        Path dir = modules.get(key);
        if (dir == null) {
            dir = shared.resolve("modules").resolve(key);
            try (Repository repo = Git.open(demo.dir().toFile()).getRepository()) {
                Trees.materialize(repo, demo.commit(key), "backend/app", dir.resolve("backend/app"));
            }
            modules.put(key, dir);
        }
        return dir;
    }
}
