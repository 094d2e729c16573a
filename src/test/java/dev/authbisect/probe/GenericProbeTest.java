package dev.authbisect.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.authbisect.config.ProbeSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.Redactor;
import dev.authbisect.process.ExecutableLookup;
import dev.authbisect.process.ProcessOutcome;
import dev.authbisect.process.ProcessResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs harness-config/probes/generic_probe.py against a control endpoint on 127.0.0.1. */
class GenericProbeTest {
    private static final Path PROBE = Path.of("harness-config/probes/generic_probe.py").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FIXED_TIME_MS = 1_766_131_200_000L;

    /** A request the control endpoint (or the sentinel) received: "POST /call/x" and its body. */
    record Received(String request, String body) {
    }

    private static HttpServer control;
    private static HttpServer sentinel;
    private static final List<Received> controlReceived = Collections.synchronizedList(new ArrayList<>());
    private static final List<Received> sentinelReceived = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path tmp;

    @BeforeAll
    static void servers() throws IOException {
        control = recording(controlReceived, "/control/tok");
        sentinel = recording(sentinelReceived, "/");
    }

    private static HttpServer recording(List<Received> into, String prefix) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            into.add(new Received(exchange.getRequestMethod() + " " + (path.startsWith(prefix) ? path.substring(prefix.length()) : path), body));
            byte[] ok = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(path.startsWith(prefix) ? 200 : 404, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        control.stop(0);
        sentinel.stop(0);
    }

    @BeforeEach
    void reset() {
        assumeTrue(ExecutableLookup.resolve("python3", System.getenv("PATH"), Path.of(".")).isPresent(), "python3 is needed");
        controlReceived.clear();
        sentinelReceived.clear();
    }

    private Path module() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("module/fakeclient"));
        Files.writeString(dir.resolve("__init__.py"), String.join("\n",
                "import time",
                "class Client:",
                "    def __init__(self, base_url, api_key, api_secret):",
                "        self.base_url = base_url",
                "    def get_account_summary(self):",
                "        return {'accounts': [{'currency': 'USD', 'balance': 10}], 'base': self.base_url}",
                "    def open_orders(self, limit=5):",
                "        return {'limit': limit}",
                "    def get_order_history(self):",
                "        raise RuntimeError('40101 UNAUTHORIZED')",
                "    def big(self):",
                "        return 'x' * 10000",
                "    def now(self):",
                "        return int(time.time() * 1000)",
                ""));
        Path broken = Files.createDirectories(tmp.resolve("module/brokenclient"));
        Files.writeString(broken.resolve("__init__.py"), "import requests_is_not_installed_here\n");
        return tmp.resolve("module");
    }

    private ProcessResult run(String calls, Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PYTHONPATH", "{{module.dir}}");
        env.put("PROBE_MODULE", "fakeclient");
        env.put("PROBE_CLASS", "Client");
        env.put("PROBE_INIT_BASE_URL", "{{relay.url}}");
        env.put("PROBE_INIT_API_KEY", "{{credentials.api_key}}");
        env.put("PROBE_INIT_API_SECRET", "{{credentials.api_secret}}");
        env.putAll(extraEnv);
        String controlUrl = "http://127.0.0.1:" + control.getAddress().getPort() + "/control/tok";
        ProbeVariables vars = new ProbeVariables("http://127.0.0.1:9/t/abc", controlUrl, List.of(calls.split(",")),
                "c0ffee", "mv-1", "local", OptionalLong.of(FIXED_TIME_MS));
        ProbeSpec spec = new ProbeSpec(List.of("python3", PROBE.toString()), Duration.ofSeconds(20), env);
        URI sentinelUrl = URI.create("http://127.0.0.1:" + sentinel.getAddress().getPort());
        // NO_PROXY names a host other than 127.0.0.1: control requests must bypass the proxy on their own
        return new ProbeRunner().run(ProbeRequest.of(spec, module(), tmp.resolve("scratch"), vars,
                Credentials.of("raHZAk1MDkAWviDpcBxAWU", "probe-test-secret"), sentinelUrl, "relay.invalid",
                Redactor.create(new byte[] {3})));
    }

    private static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    @Test
    void eachCallIsAnnouncedThenItsReturnValueReported() throws Exception {
        ProcessResult r = run("get_account_summary,get_open_orders,get_order_history,big_one,now", Map.of(
                "PROBE_CALL_GET_OPEN_ORDERS", "open_orders",
                "PROBE_ARGS_GET_OPEN_ORDERS", "{\"limit\": 20}",
                "PROBE_CALL_BIG_ONE", "big",
                "PROBE_CALL_NOW", "now"));

        assertEquals(new ProcessOutcome.Exited(0), r.outcome(), r.stderrTail());
        List<String> requests = controlReceived.stream().map(Received::request).toList();
        assertEquals(List.of("POST /call/get_account_summary", "POST /result/get_account_summary",
                "POST /call/get_open_orders", "POST /result/get_open_orders",
                "POST /call/get_order_history", "POST /result/get_order_history",
                "POST /call/big_one", "POST /result/big_one",
                "POST /call/now", "POST /result/now"), requests);
        assertEquals("", controlReceived.get(0).body());
        assertEquals(json("{\"ok\": true, \"value\": {\"accounts\": [{\"currency\": \"USD\", \"balance\": 10}],"
                + " \"base\": \"http://127.0.0.1:9/t/abc\"}}"), json(controlReceived.get(1).body()));
        assertEquals(json("{\"ok\": true, \"value\": {\"limit\": 20}}"), json(controlReceived.get(3).body()));
        assertEquals(json("{\"ok\": false, \"error\": \"RuntimeError: 40101 UNAUTHORIZED\"}"), json(controlReceived.get(5).body()));
        String big = json(controlReceived.get(7).body()).get("value").asText();
        assertEquals(2001, big.length());
        assertTrue(big.endsWith("…"));
        long now = json(controlReceived.get(9).body()).get("value").asLong();
        assertTrue(now >= FIXED_TIME_MS && now < FIXED_TIME_MS + 20_000, "clock frozen to the simulator's: " + now);
        assertEquals(List.of(), sentinelReceived, "nothing went through the egress sentinel");
        assertTrue(r.stdoutTail().contains("get_order_history: RuntimeError: 40101 UNAUTHORIZED\n"), r.stdoutTail());
    }

    @Test
    void aModuleThatDoesNotExistAtThisVersionExits125() throws Exception {
        ProcessResult r = run("get_account_summary", Map.of("PROBE_MODULE", "fakeclient.v2.client"));

        assertEquals(new ProcessOutcome.Exited(125), r.outcome());
        assertEquals("cannot test this version: no module fakeclient.v2.client\n", r.stderrTail());
        assertEquals(List.of(), controlReceived);
    }

    @Test
    void aClientClassThatDoesNotExistAtThisVersionExits125() throws Exception {
        ProcessResult r = run("get_account_summary", Map.of("PROBE_CLASS", "AsyncClient"));

        assertEquals(new ProcessOutcome.Exited(125), r.outcome());
        assertEquals("cannot test this version: fakeclient has no AsyncClient\n", r.stderrTail());
    }

    @Test
    void aMissingThirdPartyDependencyIsAProbeErrorNotASkip() throws Exception {
        ProcessResult r = run("get_account_summary", Map.of("PROBE_MODULE", "brokenclient"));

        assertEquals(new ProcessOutcome.Exited(1), r.outcome());
        assertTrue(r.stderrTail().contains("No module named 'requests_is_not_installed_here'"), r.stderrTail());
    }

    @Test
    void aMissingConfigurationExits2WithAHint() throws Exception {
        ProcessResult r = run("get_account_summary", Map.of("PROBE_CLASS", ""));

        assertEquals(new ProcessOutcome.Exited(2), r.outcome());
        assertEquals("generic_probe: set PROBE_MODULE and PROBE_CLASS in probe.env\n", r.stderrTail());
    }
}
