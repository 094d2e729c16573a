package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.Verdict;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.report.ResultJson;
import dev.authbisect.testkit.GitHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS capture through a real {@code authbisect run}: a Python client (urllib only) that hard-codes
 * {@code https://api.crypto.com/exchange/v1} and has no base-URL variable at all is tested
 * unmodified against a {@code sim:} upstream — the config only maps its credentials, as a new user
 * would write it from the README.
 */
class CaptureAcceptanceTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static PipelineFixture fx;
    static PipelineFixture.Result run;
    static RunResult result;

    static final String CLIENT = """
            import hashlib, hmac, json, os, ssl, time, urllib.error, urllib.request

            BASE = "https://api.crypto.com/exchange/v1"


            class Client:
                def __init__(self):
                    self.key = os.environ["EX_KEY"]
                    self.secret = os.environ["EX_SECRET"]
                    # urllib's default context, verifying as strictly as Python 3.13+ does by default
                    self.context = ssl.create_default_context()
                    if os.environ.get("PINNED_CA"):  # a client that trusts only its own CA
                        self.context = ssl.create_default_context(cafile=os.environ["PINNED_CA"])
                    self.context.verify_flags |= ssl.VERIFY_X509_STRICT

                def _call(self, method, params):
                    nonce = int(time.time() * 1000)
                    param_str = "".join(k + str(params[k]) for k in sorted(params))
                    payload = method + str(nonce) + self.key + param_str + str(nonce)
                    sig = hmac.new(self.secret.encode(), payload.encode(), hashlib.sha256).hexdigest()
                    body = {"id": nonce, "method": method, "params": params, "api_key": self.key, "nonce": nonce, "sig": sig}
                    req = urllib.request.Request(BASE + "/" + method, data=json.dumps(body).encode(),
                                                 headers={"Content-Type": "application/json"}, method="POST")
                    try:
                        with urllib.request.urlopen(req, timeout=10, context=self.context) as resp:
                            return json.loads(resp.read())
                    except urllib.error.HTTPError as err:
                        return json.loads(err.read() or b"{}")

                def open_orders(self):
                    return self._call("private/get-open-orders", {})

                def balance(self):
                    return self._call("private/user-balance", {})
            """;

    static final String PROBE = """
            import json, os, sys, time, urllib.request
            fixed = os.environ.get("AUTHBISECT_FIXED_TIME_MS")
            if fixed:
                time.time = lambda: int(fixed) / 1000.0
            names = ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "AUTHBISECT_CA_FILE"]
            ca = os.environ["SSL_CERT_FILE"]
            with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ca-log.jsonl"), "a") as f:
                f.write(json.dumps({"ca": ca, "same": all(os.environ.get(n) == ca for n in names),
                                    "pem": open(ca).read().startswith("-----BEGIN CERTIFICATE-----")}) + "\\n")
            sys.path.insert(0, os.environ["AUTHBISECT_MODULE_DIR"])
            from broker.client import Client
            if os.environ["AUTHBISECT_ENV"] != "pinned":
                os.environ.pop("PINNED_CA", None)
            control = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            client = Client()
            for name in os.environ["AUTHBISECT_CALLS"].split(","):
                control.open(urllib.request.Request(os.environ["AUTHBISECT_CONTROL_URL"] + "/call/" + name, data=b"", method="POST"))
                try:
                    print(name, json.dumps(getattr(client, name)())[:200])
                except Exception as err:  # the code's own error: the cell says what the relay saw
                    print(name, "failed:", err)
            """;

    @BeforeAll
    static void runOnce() throws IOException {
        Files.writeString(dir.resolve("probe.py"), PROBE);
        Files.writeString(dir.resolve("scenario.yaml"), PipelineFixture.res("scenario.yaml"));
        Files.writeString(dir.resolve("key.txt"), PipelineFixture.KEY + "\n");
        Files.writeString(dir.resolve("secret.txt"), PipelineFixture.SECRET + "\n");
        Files.writeString(dir.resolve("other-ca.pem"), new HeldCertificate.Builder().certificateAuthority(0)
                .commonName("not the run's CA").build().certificatePem());
        try (GitHistory git = GitHistory.init(dir.resolve("repo"))) {
            git.commit("add client", "broker/__init__.py", "", "broker/client.py", CLIENT);
            git.commit("client: comment", "broker/client.py", "# v2\n" + CLIENT);
        }
        String creds = "credentials: {api_key: \"${file:key.txt}\", api_secret: \"${file:secret.txt}\"}";
        Files.writeString(dir.resolve("config.yaml"), """
                version: 1
                target:
                  repo: repo
                  module: {paths: [broker/]}
                  probe:
                    command: [python3, "${configDir}/probe.py"]
                    timeout: 60s
                    env:
                      EX_KEY: "{{credentials.api_key}}"
                      EX_SECRET: "{{credentials.api_secret}}"
                      PINNED_CA: "${configDir}/other-ca.pem"
                venue: crypto-com-exchange-v1
                calls:
                  - {name: open_orders, method: private/get-open-orders}
                  - {name: balance, method: private/user-balance}
                environments:
                  - {name: office, %1$s, upstream: "sim:test", egress_ip: 198.51.100.10}
                  - {name: laptop, %1$s, upstream: "sim:test", egress_ip: 203.0.113.7}
                  - {name: nocapture, %1$s, upstream: "sim:test", egress_ip: 198.51.100.10, capture: false}
                  - {name: pinned, %1$s, upstream: "sim:test", egress_ip: 198.51.100.10}
                simulators:
                  test: scenario.yaml
                commits: {range: HEAD}
                run: {jobs: 2}
                """.formatted(creds));
        fx = PipelineFixture.at(dir);
        run = fx.run();
        result = ResultJson.read(fx.out().resolve("result.json"));
    }

    static List<Cell> cells(String env) {
        return result.cells().stream().filter(c -> c.env().equals(env) && !c.row().equals(Row.reference().id())).toList();
    }

    @Test
    void aClientThatHardCodesTheVenuesUrlGetsRealAnswersWithValidSignatures() {
        // laptop's failure tracks the environment, but under nocapture (capture: false) the set-up must be fixed first:
        // the verdicts are provisional (HARNESS cause there), so the run is incomplete (exit 4), not failed (3)
        assertEquals(4, run.code(), run.out() + run.err());
        for (Verdict v : result.verdicts()) {
            assertEquals(Verdict.Kind.TRACKS_ENVIRONMENT, v.verdict(), v.toString());
            assertTrue(v.provisional(), v.toString());
            assertTrue(String.join("\n", v.sentences()).contains("under `nocapture`: the code calls `api.crypto.com` directly"
                    + " instead of the base URL it was given (`CONNECT api.crypto.com:443` refused: capture is off for it)"),
                    v.sentences().toString());
        }
        assertEquals(4, cells("office").size(), "2 module versions × 2 calls");
        for (Cell c : cells("office")) {
            assertEquals(Outcome.OK, c.outcome(), c.toString());
            assertEquals(SignatureCheck.Status.VALID, c.checks().signature().status(), c.toString());
            assertTrue(c.evidence().request().startsWith("POST /private/"), "recorded like a relay-URL request: " + c.evidence().request());
            assertTrue(c.evidence().egress().isEmpty(), c.evidence().egress().toString());
        }
        for (Cell c : cells("laptop")) {
            assertEquals(Outcome.AUTH_REJECTED, c.outcome(), c.toString());
            assertEquals(40103, c.answer().venueCode(), "the simulator saw the laptop's egress IP: " + c);
            assertEquals(SignatureCheck.Status.VALID, c.checks().signature().status(), c.toString());
        }
    }

    @Test
    void withCaptureOffTheConnectIsRefusedAndShowsInTheCellAndTheJournal() throws IOException {
        for (Cell c : cells("nocapture")) {
            assertFalse(c.outcome() == Outcome.OK || c.outcome() == Outcome.AUTH_REJECTED, c.toString());
            assertTrue(c.evidence().egress().contains("CONNECT api.crypto.com:443"), c.evidence().egress().toString());
        }
        List<JsonNode> trials = new ArrayList<>();
        for (String line : Files.readAllLines(fx.out().resolve("journal.jsonl"))) {
            JsonNode e = JSON.readTree(line);
            if ("trial".equals(e.path("event").asText())) {
                trials.add(e);
            }
        }
        for (JsonNode t : trials) {
            String env = t.path("env").asText();
            assertEquals(env.equals("nocapture") ? "off" : "api.crypto.com, uat-api.3ona.co", t.path("capture").asText(), t.toString());
        }
        assertTrue(trials.stream().filter(t -> t.path("env").asText().equals("nocapture"))
                .allMatch(t -> t.path("egress_refused").toString().contains("CONNECT api.crypto.com:443 (refused: capture is off")));
    }

    @Test
    void aClientThatTrustsOnlyItsOwnCaGetsThatAsItsCellsReasonNeverAnAuthResult() {
        for (Cell c : cells("pinned")) {
            assertEquals(Outcome.TRANSPORT_ERROR, c.outcome(), c.toString());
            assertTrue(c.diagnosis().contains("api.crypto.com") && c.diagnosis().contains("does not trust the run's CA (SSL_CERT_FILE"),
                    c.diagnosis());
        }
    }

    @Test
    void everyProbeGotTheRunsCaInEveryBundleVariableAndTheFileIsGoneAfterTheRun() throws IOException {
        List<JsonNode> seen = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("ca-log.jsonl"))) {
            seen.add(JSON.readTree(line));
        }
        assertEquals(8, seen.size(), "2 module versions × 4 environments, none run again (a refused CA stays refused)");
        assertEquals(1, seen.stream().map(n -> n.path("ca").asText()).distinct().count(), "one CA per run");
        seen.forEach(n -> assertTrue(n.path("same").asBoolean() && n.path("pem").asBoolean(), n.toString()));
        assertFalse(Files.exists(Path.of(seen.get(0).path("ca").asText())), "the bundle is deleted when the run ends");
    }
}
