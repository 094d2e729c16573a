package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.Outcome;
import dev.authbisect.report.ResultJson;
import dev.authbisect.testkit.GitHistory;
import dev.authbisect.testkit.RawUpstream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authbisect run} against live-like upstreams on loopback (raw servers): an HTTP/1.0 one
 * that closes after every answer, a keep-alive one that drops connections idle for 200 ms, one
 * that answers 502 pages, hangs, rate-limits. Probe runs stay module versions × environments and
 * every request reaches the upstream once.
 */
class RelayRunAcceptanceTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A client module whose every call is a signed POST to {@code EX_BASE}; two module versions. */
    static final String CLIENT = """
            import hashlib, hmac, json, os, time, urllib.error, urllib.request

            class Client:
                def __init__(self):
                    self.key = os.environ["EX_KEY"]
                    self.secret = os.environ["EX_SECRET"]
                    self.base = os.environ["EX_BASE"].rstrip("/")

                def call(self, method, params):
                    nonce = int(time.time() * 1000)
                    param_str = "".join(k + str(params[k]) for k in sorted(params))
                    sig = hmac.new(self.secret.encode(), (method + str(nonce) + self.key + param_str + str(nonce)).encode(),
                                   hashlib.sha256).hexdigest()
                    body = {"id": nonce, "method": method, "params": params, "api_key": self.key, "nonce": nonce, "sig": sig}
                    req = urllib.request.Request(self.base + "/" + method, data=json.dumps(body).encode(),
                                                 headers={"Content-Type": "application/json"}, method="POST")
                    try:
                        with urllib.request.urlopen(req, timeout=10) as resp:
                            return json.loads(resp.read())
                    except urllib.error.HTTPError as err:
                        return {"http": err.code}
            """;

    /** Announces each call, makes it, pauses between calls ({@code PAUSE_MS}); logs one line per probe run. */
    static final String PROBE = """
            import json, os, sys, time, urllib.request
            with open(os.environ["PROBE_LOG"], "a") as f:
                f.write(json.dumps({"mv": os.environ["AUTHBISECT_MODULE_VERSION"], "env": os.environ["AUTHBISECT_ENV"]}) + "\\n")
            sys.path.insert(0, os.environ["AUTHBISECT_MODULE_DIR"])
            from broker.client import Client
            methods = json.loads(os.environ["CALL_METHODS"])
            control = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            client = Client()
            for i, name in enumerate(os.environ["AUTHBISECT_CALLS"].split(",")):
                if i:
                    time.sleep(int(os.environ.get("PAUSE_MS", "0")) / 1000.0)
                control.open(urllib.request.Request(os.environ["AUTHBISECT_CONTROL_URL"] + "/call/" + name, data=b"", method="POST"))
                print(name, client.call(methods[name], {}))
            """;

    private PipelineFixture fixture(Map<String, String> calls, String environments, String pauseMs) throws IOException {
        Files.writeString(dir.resolve("probe.py"), PROBE);
        Files.writeString(dir.resolve("key.txt"), PipelineFixture.KEY + "\n");
        Files.writeString(dir.resolve("secret.txt"), PipelineFixture.SECRET + "\n");
        try (GitHistory git = GitHistory.init(dir.resolve("repo"))) {
            git.commit("add client", "broker/__init__.py", "", "broker/client.py", CLIENT);
            git.commit("docs", "README.md", "# bot\n");
            git.commit("client: comment", "broker/client.py", "# v2\n" + CLIENT);
        }
        StringBuilder callYaml = new StringBuilder();
        StringBuilder methods = new StringBuilder("{");
        calls.forEach((name, method) -> {
            callYaml.append("  - {name: ").append(name).append(", method: ").append(method).append("}\n");
            methods.append(methods.length() > 1 ? ", " : "").append("\\\"").append(name).append("\\\": \\\"").append(method).append("\\\"");
        });
        methods.append("}");
        String yaml = """
                version: 1
                target:
                  repo: repo
                  module: {paths: [broker/]}
                  probe:
                    command: [python3, "${configDir}/probe.py"]
                    timeout: 60s
                    env:
                      EX_BASE: "{{relay.url}}"
                      EX_KEY: "{{credentials.api_key}}"
                      EX_SECRET: "{{credentials.api_secret}}"
                      PROBE_LOG: "${configDir}/probe-log.jsonl"
                      CALL_METHODS: "%s"
                      PAUSE_MS: "%s"
                venue: crypto-com-exchange-v1
                calls:
                %s
                environments:
                %s
                commits: {range: HEAD}
                run: {jobs: 2}
                """.formatted(methods, pauseMs, callYaml.toString().stripTrailing(), environments.stripTrailing());
        Files.writeString(dir.resolve("config.yaml"), yaml);
        return PipelineFixture.at(dir);
    }

    private static String env(String name, RawUpstream up, String extra) {
        return "  - name: " + name + "\n"
                + "    credentials: {api_key: \"${file:key.txt}\", api_secret: \"${file:secret.txt}\"}\n"
                + "    upstream: " + up.base() + "\n" + (extra.isEmpty() ? "" : "    " + extra + "\n");
    }

    private List<String> probeRuns() throws IOException {
        Path log = dir.resolve("probe-log.jsonl");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static void assertEveryRequestReceivedOnce(RawUpstream up) {
        List<String> bodies = up.received().stream().map(RawUpstream.Received::body).toList();
        assertEquals(bodies.size(), bodies.stream().distinct().count(), "a request reached the upstream twice: " + bodies);
    }

    @Test
    void http10AndIdleDroppingUpstreamsCostNoTransportErrorAndNoProbeRunsAgain() throws IOException {
        try (RawUpstream http10 = RawUpstream.http10(RawUpstream::success);
             RawUpstream idle = RawUpstream.keepAlive(Duration.ofMillis(200), RawUpstream::success)) {
            PipelineFixture fx = fixture(Map.of("open_orders", "private/get-open-orders", "balance", "private/user-balance",
                            "history", "private/get-order-history"),
                    env("http10", http10, "rate_limit: {per_second: 4}") + env("idle", idle, ""), "300");
            PipelineFixture.Result run = fx.run();
            assertEquals(0, run.code(), run.err());
            RunResult result = ResultJson.read(fx.out().resolve("result.json"));
            List<Cell> transport = result.cells().stream().filter(c -> c.outcome() == Outcome.TRANSPORT_ERROR).toList();
            assertEquals(List.of(), transport, "no transport error against upstreams that close connections");
            assertTrue(result.cells().stream().allMatch(c -> c.outcome() == Outcome.OK), result.cells().toString());
            long moduleVersions = result.rows().stream().filter(r -> !r.isReference()).count();
            assertEquals(2, moduleVersions);
            assertEquals(moduleVersions * 2, probeRuns().size(), "probe runs = module versions × environments: " + probeRuns());
            // 2 module versions × 3 calls + 3 reference calls per environment
            assertEquals(9, http10.received().size());
            assertEquals(9, idle.received().size());
            assertEveryRequestReceivedOnce(http10);
            assertEveryRequestReceivedOnce(idle);
            List<Long> at = http10.received().stream().map(RawUpstream.Received::atNanos).sorted().toList();
            for (int i = 1; i < at.size(); i++) {
                long gap = TimeUnit.NANOSECONDS.toMillis(at.get(i) - at.get(i - 1));
                // rate_limit 4/s: 250 ms apart, across both jobs and the reference row (forwarding jitter tolerated)
                assertTrue(gap >= 180, "requests " + (i - 1) + " and " + i + " to http10 only " + gap + " ms apart");
            }
        }
    }

    @Test
    void requestsThatReachedTheUpstreamAreNeverSentAgainAndEachAnswerKeepsItsClass() throws IOException {
        try (RawUpstream up = RawUpstream.keepAlive(null, r -> switch (RawUpstream.methodOf(r.path())) {
            case "private/create-order" -> new RawUpstream.Answer(502, "<html>502 Bad Gateway</html>");
            case "private/cancel-order" -> new RawUpstream.Hang();
            case "private/user-balance" -> new RawUpstream.Answer(429, RawUpstream.envelope(r, 42901, "TOO_MANY_REQUESTS"));
            case "private/get-open-orders" -> new RawUpstream.Answer(500, RawUpstream.envelope(r, 40003, "INVALID_REQUEST"));
            default -> RawUpstream.success(r);
        })) {
            PipelineFixture fx = fixture(Map.of("order", "private/create-order", "cancel", "private/cancel-order",
                            "balance", "private/user-balance", "open_orders", "private/get-open-orders"),
                    env("live", up, "timeouts: {connect: 2s, read: 1s}"), "0");
            PipelineFixture.Result run = fx.run("--repeat", "2");
            RunResult result = ResultJson.read(fx.out().resolve("result.json"));
            assertEquals(4, probeRuns().size(), "probe runs = module versions × environments × repetitions: " + probeRuns());
            // 2 module versions × 2 repetitions × 4 calls + the reference row's 4 calls × 2 repetitions
            assertEquals(24, up.received().size(), up.received().toString());
            assertEveryRequestReceivedOnce(up);
            for (Cell c : result.cells()) {
                switch (c.call()) {
                    case "order" -> {
                        assertEquals(Outcome.TRANSPORT_ERROR, c.outcome(), c.toString());
                        assertEquals(502, c.answer().httpStatus());
                    }
                    case "cancel" -> {
                        assertEquals(Outcome.TRANSPORT_ERROR, c.outcome(), c.toString());
                        assertTrue(c.diagnosis().startsWith("sent, no answer after 1 s"), c.diagnosis());
                    }
                    case "balance" -> {
                        assertEquals(Outcome.RATE_LIMITED, c.outcome(), c.toString());
                        assertEquals(42901, c.answer().venueCode());
                        assertTrue(c.diagnosis().startsWith("the venue's rate limit answered (42901 TOO_MANY_REQUESTS, HTTP 429)"),
                                c.diagnosis());
                    }
                    case "open_orders" -> {
                        assertEquals(Outcome.API_ERROR, c.outcome(), c.toString());
                        assertEquals(40003, c.answer().venueCode());
                    }
                    default -> throw new AssertionError(c.call());
                }
            }
            List<JsonNode> trials = new ArrayList<>();
            for (String line : Files.readAllLines(fx.out().resolve("journal.jsonl"))) {
                JsonNode e = JSON.readTree(line);
                if ("trial".equals(e.path("event").asText())) {
                    trials.add(e);
                }
            }
            assertEquals(4, trials.size(), "no trial ran again: " + trials);
            trials.forEach(t -> assertTrue(t.path("upstream_reached").asBoolean(), t.toString()));
            assertTrue(run.code() == 3 || run.code() == 4, run.err());
        }
    }
}
