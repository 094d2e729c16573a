package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.report.ResultJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code authbisect run} end to end on real git histories, through the real CLI. */
class RunAcceptanceTest {
    @TempDir
    static Path shared;
    static PipelineFixture fx;
    static PipelineFixture.Result run;
    static RunResult result;
    /** The probe log of the first run only (later tests run again with the same fixture). */
    static List<String> probeLog;

    @BeforeAll
    static void runOnce() throws IOException {
        fx = PipelineFixture.python(shared.resolve("py"));
        run = fx.run();
        result = ResultJson.read(fx.out().resolve("result.json"));
        probeLog = fx.probeLog();
    }

    static Cell cell(String row, String env, String call) {
        return result.cell(row, env, call).orElseThrow(() -> new AssertionError("no cell " + row + "/" + env + "/" + call));
    }

    static String rowOf(String commitKey) {
        String id = fx.commits.get(commitKey).name();
        return result.rows().stream().filter(r -> r.commits().stream().anyMatch(c -> c.id().equals(id)))
                .map(Row::id).findFirst().orElseThrow();
    }

    @Test
    void commitsCollapseIntoModuleVersionsInHistoryOrder() {
        assertEquals(3, run.code(), run.err());
        List<Row> mvs = result.rows().stream().filter(r -> !r.isReference()).toList();
        assertEquals(5, mvs.size());
        assertEquals(11, mvs.stream().mapToInt(r -> r.commits().size()).sum());
        assertEquals(rowOf("fix"), rowOf("footer"));
        assertEquals(rowOf("client"), rowOf("docs"));
        assertEquals(rowOf("regression"), rowOf("merge"), "the merge keeps the feature's module version");
        assertEquals(rowOf("broken"), rowOf("changelog"));
        assertTrue(result.rows().get(0).isReference(), "the reference row comes first");
    }

    @Test
    void cellsTrackTheCodeAndTheEnvironment() {
        String v1 = rowOf("client");
        String v2 = rowOf("regression");
        String v4 = rowOf("fix");
        assertEquals(Outcome.OK, cell(v1, "office", "open_orders").outcome());
        assertEquals(Outcome.OK, cell(v1, "office", "balance").outcome());
        Cell regressed = cell(v2, "office", "balance");
        assertEquals(Outcome.AUTH_REJECTED, regressed.outcome());
        assertEquals(40101, regressed.answer().venueCode());
        assertEquals(SignatureCheck.Status.INVALID, regressed.checks().signature().status());
        assertEquals(Outcome.OK, cell(v2, "office", "open_orders").outcome());
        assertEquals(Outcome.OK, cell(v4, "office", "balance").outcome());
        for (String row : List.of(v1, v4)) {
            Cell laptop = cell(row, "laptop", "open_orders");
            assertEquals(Outcome.AUTH_REJECTED, laptop.outcome());
            assertEquals(40103, laptop.answer().venueCode());
            assertTrue(laptop.answer().simReason().contains("203.0.113.7"), laptop.answer().simReason());
        }
        assertEquals(Outcome.OK, cell("ref", "office", "balance").outcome());
        assertEquals(40103, cell("ref", "laptop", "balance").answer().venueCode());
    }

    @Test
    void aVersionThatDoesNotBuildOrHasNoModuleIsSkipped() {
        Cell broken = cell(rowOf("broken"), "office", "balance");
        assertEquals(Outcome.SKIPPED, broken.outcome());
        assertTrue(broken.diagnosis().startsWith("build failed"), broken.diagnosis());
        assertEquals(Outcome.SKIPPED, cell(rowOf("readme"), "laptop", "open_orders").outcome());
        assertTrue(Files.exists(fx.out().resolve("logs").resolve("build-" + rowOf("broken") + ".log")));
    }

    @Test
    void theProbeRanExactlyOncePerModuleVersionAndEnvironment() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = probeLog;
        Set<String> pairs = new HashSet<>();
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            assertTrue(pairs.add(n.get("mv").asText() + "/" + n.get("env").asText()), "probed twice: " + line);
        }
        // four versions build (no client: probe exits 125, v1, v2, v4) × two environments; v3 never reaches the probe
        assertEquals(8, lines.size(), String.join("\n", lines));
    }

    @Test
    void theProbeGetsOnlyTheContractsVariables() throws IOException {
        Set<String> allowed = Set.of("PATH", "HOME", "TMPDIR", "LANG", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy",
                "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy", "AUTHBISECT_RELAY_URL", "AUTHBISECT_CONTROL_URL",
                "AUTHBISECT_CALLS", "AUTHBISECT_COMMIT", "AUTHBISECT_MODULE_VERSION", "AUTHBISECT_ENV", "AUTHBISECT_MODULE_DIR",
                "AUTHBISECT_FIXED_TIME_MS", "EX_BASE", "EX_KEY", "EX_SECRET", "PROBE_LOG", "LC_CTYPE",
                // the relay's per-run CA for HTTPS capture, in every variable a TLS stack reads a bundle from
                "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "AUTHBISECT_CA_FILE");
        ObjectMapper json = new ObjectMapper();
        for (String line : probeLog) {
            JsonNode env = json.readTree(line).get("environ");
            Set<String> names = new TreeSet<>();
            env.fieldNames().forEachRemaining(names::add);
            Set<String> extra = new TreeSet<>(names);
            extra.removeAll(allowed);
            // what the interpreter's own launcher adds (a pyenv shim is a bash script): not from authbisect's environment
            extra.removeIf(n -> n.startsWith("PYENV_") || n.startsWith("_PYENV_") || n.equals("PWD") || n.equals("SHLVL") || n.equals("_"));
            assertEquals(Set.of(), extra, "variables leaked into the probe");
            assertEquals("127.0.0.1", env.get("NO_PROXY").asText());
            assertEquals("1766131200000", env.get("AUTHBISECT_FIXED_TIME_MS").asText());
            assertTrue(env.get("HTTP_PROXY").asText().startsWith("http://127.0.0.1:"));
            assertFalse(json.readTree(line).get("cwd").asText().equals(env.get("AUTHBISECT_MODULE_DIR").asText()));
        }
    }

    @Test
    void stdoutHasTheVerdictsAndTheReportPath() {
        assertTrue(run.out().contains("open_orders: "), run.out());
        assertTrue(run.out().contains("report: " + fx.out().resolve("index.html")), run.out());
        assertTrue(Files.exists(fx.out().resolve("index.html")));
        assertTrue(Files.exists(fx.out().resolve("journal.jsonl")));
    }

    @Test
    void aBareRepositoryGivesTheSameMatrix() throws Exception {
        Path bare = shared.resolve("bare.git");
        dev.authbisect.testkit.GitCli.run(shared, "clone", "-q", "--bare", fx.dir.resolve("repo").toString(), bare.toString());
        Path config = shared.resolve("py/bare.yaml");
        Files.writeString(config, Files.readString(fx.configFile()).replace("repo: repo", "repo: " + bare));
        PipelineFixture.Result r = fx.cli("run", "--config", config.toString(), "--cache", fx.cache().toString(),
                "--out", shared.resolve("bare-out").toString(), "--env", "office", "--no-reference");
        assertEquals(3, r.code(), r.err());
        RunResult bareResult = ResultJson.read(shared.resolve("bare-out/result.json"));
        for (Cell c : bareResult.cells()) {
            assertEquals(cell(c.row(), c.env(), c.call()).outcome(), c.outcome(), c.toString());
        }
        assertTrue(bareResult.rows().stream().noneMatch(Row::isReference));
    }

    @Test
    void repeatRunsEachCellSeveralTimesAndListsTheRepetitions() {
        PipelineFixture.Result r = fx.cli("run", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--out", shared.resolve("repeat").toString(), "--env", "office", "--range", fx.only("client"), "--repeat", "2");
        assertEquals(0, r.code(), r.err());
        RunResult repeated = ResultJson.read(shared.resolve("repeat/result.json"));
        assertTrue(repeated.cells().stream().allMatch(c -> c.outcome() == Outcome.OK && c.timing().repetitions().size() == 2),
                repeated.cells().toString());
    }

    @Test
    void aSecondRunReusesTheBuilds() throws IOException {
        PipelineFixture.Result again = fx.cli("run", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--out", shared.resolve("again").toString(), "--env", "office", "--call", "balance");
        assertEquals(3, again.code(), again.err());
        RunResult r2 = ResultJson.read(shared.resolve("again/result.json"));
        assertTrue(r2.rows().stream().filter(r -> !r.isReference()).allMatch(r -> r.build().endsWith("(cached)")),
                r2.rows().toString());
        assertEquals(List.of("office"), r2.environments().stream().map(RunResult.Environment::name).toList());
        assertEquals(List.of("balance"), r2.calls().stream().map(RunResult.Call::name).toList());
    }

    @Test
    void aCrashingProbeShowsWhyAndWhereItsLogIsAndTheEndCountsItByReason() throws IOException {
        PipelineFixture crash = PipelineFixture.python(shared.resolve("crash"));
        crash.config("", "", "[python3, -c, \"import requests_x\"]", "20s");
        PipelineFixture.Result r = crash.run("--range", crash.only("footer"));
        assertEquals(4, r.code(), r.err());
        // the row is the module version's id (8 hex digits), see RowIds
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^\\[\\d/6\\] ([0-9a-f]{8,}) × (office|laptop): "
                + "open_orders=PROBE_ERROR, balance=PROBE_ERROR\n    PROBE_ERROR: probe exited 1 before the call: "
                + "ModuleNotFoundError: No module named 'requests_x' \\(log: (\\S+)\\)$").matcher(r.err());
        assertTrue(line.find(), r.err());
        Path log = Path.of(line.group(3));
        assertEquals(crash.out().resolve("logs").resolve("probe-" + line.group(1) + "@" + line.group(2) + ".log"), log);
        assertTrue(Files.readString(log).contains("No module named 'requests_x'"), "the log has the traceback");
        assertTrue(r.err().contains("authbisect: 4 cells undecided:\n  4 × PROBE_ERROR: probe exited 1 before the call: "
                + "ModuleNotFoundError: No module named 'requests_x' (e.g. " + crash.out().resolve("logs")), r.err());
    }

    @Test
    void skippedVersionsAreCountedByReasonAtTheEnd() {
        assertTrue(run.err().contains(" cells undecided:\n"), run.err());
        assertTrue(run.err().contains(" × SKIPPED: probe exited 125"), run.err());
        assertTrue(run.err().contains(" × SKIPPED: build failed"), run.err());
    }
}
