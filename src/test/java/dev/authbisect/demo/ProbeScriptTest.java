package dev.authbisect.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs harness-config/probes/crypto_com_probe.py itself, as the harness would, against a
 * loopback server playing the relay (venue requests) and its control endpoints.
 */
class ProbeScriptTest {
    static final Path PROBE = Path.of("harness-config/probes/crypto_com_probe.py").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static DemoHistory demo;

    @BeforeAll
    static void build() throws IOException {
        demo = DemoHistory.create(shared.resolve("repo"));
    }


    @Test
    void announcesEachCallBeforeItsRequestAndReportsWhatTheCodeReturned() throws Exception {
        try (FakeExchange relay = new FakeExchange(); RefusingProxy proxy = new RefusingProxy()) {
            relay.answer(method -> method.equals("private/get-open-orders")
                    ? FakeExchange.Answer.error(401, 40101, "UNAUTHORIZED") : FakeExchange.Answer.ok(method));
            Python.Result run = probe("cleanEnvCommit", relay, proxy, "get_account_summary,get_open_orders,get_order_history");

            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals(List.of("call:get_account_summary", "request:private/user-balance", "result:get_account_summary",
                            "call:get_open_orders", "request:private/get-open-orders", "result:get_open_orders",
                            "call:get_order_history", "request:private/get-order-history", "result:get_order_history"),
                    relay.received().stream().map(FakeExchange.Received::event).toList());
            JsonNode ok = result(relay, "get_account_summary");
            assertTrue(ok.get("ok").asBoolean(), ok.toString());
            assertEquals("{\"data\":[]}", ok.get("value").toString());
            JsonNode rejected = result(relay, "get_open_orders");
            assertEquals(false, rejected.get("ok").asBoolean());
            assertEquals(40101, rejected.get("code").asInt());
            assertTrue(rejected.get("error").asText().contains("40101"), rejected.toString());
            assertTrue(run.stdout().contains("get_open_orders: error: CryptoComAPIError"), run.stdout());
        }
    }

    @Test
    void freezesTheClientClockToTheSimulatorsFixedTime() throws Exception {
        try (FakeExchange relay = new FakeExchange(); RefusingProxy proxy = new RefusingProxy()) {
            Python.Result run = probe("integerFixCommit", relay, proxy, "get_order_history");
            assertEquals(0, run.exitCode(), run.stderr());
            JsonNode body = JSON.readTree(relay.venueRequests().get(0).body());
            assertEquals(Python.FIXED_TIME_MS, body.get("nonce").longValue());
            assertEquals(Python.FIXED_TIME_MS - 86_400_000L, body.get("params").get("start_time").longValue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"initialCommit", "skeletonCommit"})
    void exitsWith125WhereTheClientDoesNotExistYet(String key) throws Exception {
        try (FakeExchange relay = new FakeExchange(); RefusingProxy proxy = new RefusingProxy()) {
            Python.Result run = probe(key, relay, proxy, "get_account_summary");
            assertEquals(125, run.exitCode(), run.stdout() + run.stderr());
            assertEquals(List.of(), relay.received());
            assertTrue(run.stderr().contains("does not exist at this version"), run.stderr());
        }
    }

    @Test
    void aCallTheClientDoesNotHaveIsReportedAndNeverSent() throws Exception {
        try (FakeExchange relay = new FakeExchange(); RefusingProxy proxy = new RefusingProxy()) {
            Python.Result run = probe("clientCommit", relay, proxy, "get_positions");
            assertEquals(0, run.exitCode(), run.stderr());
            assertEquals(List.of("call:get_positions", "result:get_positions"),
                    relay.received().stream().map(FakeExchange.Received::event).toList());
            assertTrue(result(relay, "get_positions").get("error").asText().contains("no method get_positions"));
        }
    }

    private static JsonNode result(FakeExchange relay, String call) throws IOException {
        FakeExchange.Received r = relay.received().stream()
                .filter(e -> e.event().equals("result:" + call)).findFirst().orElseThrow();
        return JSON.readTree(r.body());
    }

    private static Python.Result probe(String key, FakeExchange relay, RefusingProxy proxy, String calls) throws Exception {
        Path module = shared.resolve("modules").resolve(key);
        if (!Files.exists(module)) {
            try (Repository repo = Git.open(demo.dir().toFile()).getRepository()) {
                Trees.materialize(repo, demo.commit(key), "backend/app", module.resolve("backend/app"));
            }
        }
        Map<String, String> env = new HashMap<>(Python.clientEnv(module, relay, proxy));
        env.put("EXCHANGE_CUSTOM_BASE_URL", relay.baseUrl());
        env.put("AUTHBISECT_RELAY_URL", relay.baseUrl());
        env.put("AUTHBISECT_CONTROL_URL", relay.controlUrl());
        env.put("AUTHBISECT_CALLS", calls);
        env.put("AUTHBISECT_MODULE_DIR", module.toString());
        env.put("AUTHBISECT_ENV", "prod");
        env.put("AUTHBISECT_FIXED_TIME_MS", Long.toString(Python.FIXED_TIME_MS));
        Path scratch = Files.createTempDirectory(shared, "scratch");
        return Python.run(scratch, env, List.of("python3", PROBE.toString()));
    }
}
