package dev.authbisect.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.demo.DemoFiles;
import dev.authbisect.demo.DemoHistory;
import dev.authbisect.report.ResultJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authbisect drift} on the demo, through the packaged jar as a nightly job runs it: a
 * baseline night, an unchanged world (also from another HOME and cache folder), the prod key
 * revoked by a timed event of the scenario (seen by moving the simulator clock a day on), the
 * module at HEAD changed by a new commit, {@code --update-baseline} in a file and on a git branch,
 * and no secret in anything written or printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriftAcceptanceTest {
    static final String NIGHT_1 = "2025-12-19T09:00:00Z";
    static final String AFTER_REVOCATION = "2025-12-20T09:00:00Z";
    static final Path JAR = Path.of(System.getProperty("authbisect.jar", "target/authbisect.jar")).toAbsolutePath();

    @TempDir
    static Path dir;
    static Path world;
    static Path home;
    static Path cache;
    static Path baseline;
    static Path history;
    static final List<Path> outputs = new ArrayList<>();

    record Ran(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    @BeforeAll
    static void aBaselineNight() throws Exception {
        world = demoWorld(dir.resolve("world"));
        home = Files.createDirectories(dir.resolve("home"));
        cache = dir.resolve("cache");
        baseline = dir.resolve("nightly/baseline.json");
        history = dir.resolve("nightly/drift-history.jsonl");
        Ran first = drift(dir, home, cache, "--baseline", baseline.toString(), "--update-baseline", "--sim-clock", NIGHT_1,
                "--out", out("night-1").toString());
        assertEquals(0, first.code(), first.all());
        assertTrue(first.out().contains("drift: No baseline at " + baseline + " yet"), first.out());
        assertTrue(first.out().contains("baseline: wrote " + baseline), first.out());
        RunResult b = ResultJson.read(baseline);
        assertEquals(RunResult.SCHEMA, b.schema());
        assertEquals(2, b.rows().size(), "the reference row and the module version at HEAD");
        assertEquals(12, b.cells().size());
    }

    /** The demo's files and its story's git history, as {@code authbisect demo} writes them, with a timed revocation of the prod key. */
    static Path demoWorld(Path at) throws IOException {
        DemoFiles.extract(at);
        DemoHistory.create(at.resolve(DemoFiles.REPO_FOLDER));
        Path scenario = at.resolve("harness-config/sim/seed-rca.yaml");
        Files.writeString(scenario, "events:\n  - {at: \"2025-12-20T03:00:00Z\", revoke: raHZAk1MDkAWviDpcBxAWU}\n",
                StandardOpenOption.APPEND);
        return at;
    }

    static Path out(String name) {
        Path p = dir.resolve("out").resolve(name);
        outputs.add(p);
        return p;
    }

    static Ran drift(Path cwd, Path home, Path cacheDir, String... args) throws Exception {
        return drift(world, cwd, home, cacheDir, args);
    }

    /** Runs {@code authbisect drift --config <world>/harness-config/demo.yaml args…} in {@code cwd} with that HOME and cache. */
    static Ran drift(Path worldDir, Path cwd, Path home, Path cacheDir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString(), "drift", "--config", worldDir.resolve("harness-config/demo.yaml").toString(), "--history", history.toString()));
        cmd.addAll(List.of(args));
        return exec(cwd, home, cacheDir, cmd);
    }

    static Ran exec(Path cwd, Path home, Path cacheDir, List<String> cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        Map<String, String> env = pb.environment();
        env.remove("AUTHBISECT_CACHE");
        env.remove("XDG_CACHE_HOME");
        env.put("HOME", home.toString());
        if (cacheDir != null) {
            env.put("AUTHBISECT_CACHE", cacheDir.toString());
        }
        env.putAll(DemoFiles.CREDENTIAL_ENV);
        String name = "run-" + System.nanoTime();
        Path stdout = dir.resolve("console").resolve(name + ".out");
        Path stderr = dir.resolve("console").resolve(name + ".err");
        Files.createDirectories(stdout.getParent());
        Process p = pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "authbisect did not finish: " + cmd);
        return new Ran(p.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    static JsonNode json(Path file) throws IOException {
        return dev.authbisect.core.Json.mapper().readTree(file.toFile());
    }

    @Test
    @Order(1)
    void anUnchangedWorldIsNoDriftWithEveryOutput() throws Exception {
        Path o = out("unchanged");
        Ran r = drift(dir, home, cache, "--baseline", baseline.toString(), "--sim-clock", NIGHT_1, "--out", o.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().startsWith("drift: No drift since the baseline of "), r.out());
        assertTrue(r.out().contains("all 12 compared cells (the reference client, the module at HEAD) are unchanged"), r.out());
        JsonNode d = json(o.resolve("drift.json"));
        assertEquals("authbisect.drift/1", d.path("schema").asText());
        assertEquals(0, d.path("exit_code").asInt());
        assertEquals(12, d.path("cells").size());
        String html = Files.readString(o.resolve("index.html"));
        assertTrue(html.indexOf("<section id=\"drift\"") > 0 && html.indexOf("<section id=\"drift\"") < html.indexOf("<section id=\"verdicts\">"));
        String junit = Files.readString(o.resolve("junit.xml"));
        assertEquals(6, junit.split("<testcase ", -1).length - 1, "one testcase per environment × call");
        assertFalse(junit.contains("<failure"));
        assertTrue(Files.readString(o.resolve("summary.md")).startsWith("## authbisect drift: "));
        assertTrue(Files.isRegularFile(o.resolve("trend.html")));
        assertTrue(Files.isRegularFile(dir.resolve("nightly/drift-history.html")), "the trend page beside the history");
        assertTrue(Files.readAllLines(history).size() >= 2);
        assertTrue(ResultJson.read(o.resolve("result.json")).rows().stream().anyMatch(row -> row.id().matches("[0-9a-f]{8,}")),
                "row ids are module version hashes");
    }

    @Test
    @Order(2)
    void anUnchangedWorldIsNoDriftFromAnotherHomeAndCacheFolder() throws Exception {
        Path otherHome = Files.createDirectories(dir.resolve("other-home"));
        Path o = out("other-home");
        Ran r = drift(dir, otherHome, null, "--baseline", baseline.toString(), "--sim-clock", NIGHT_1, "--out", o.toString());
        assertEquals(0, r.code(), r.all());
        assertTrue(Files.isRegularFile(otherHome.resolve(".cache/authbisect/redaction.key")), "another cache folder was used");
        JsonNode keys = json(o.resolve("drift.json")).path("keys");
        assertEquals(2, keys.size());
        RunResult b = ResultJson.read(baseline);
        for (JsonNode k : keys) {
            assertEquals("unchanged", k.path("status").asText(), k.toString());
            String id = b.environments().stream().filter(e -> e.name().equals(k.path("env").asText())).findFirst().orElseThrow().keyId();
            assertEquals(id, k.path("current").asText(), "key ids are the same on another machine");
        }
    }

    @Test
    @Order(3)
    void theProdKeyRevokedInTheScenarioIsEnvironmentDrift() throws Exception {
        Path o = out("revoked");
        Ran r = drift(dir, home, cache, "--baseline", baseline.toString(), "--sim-clock", AFTER_REVOCATION, "--out", o.toString());
        assertEquals(3, r.code(), r.all());
        assertTrue(r.out().startsWith("drift: Drift since the baseline of "), r.out());
        assertTrue(r.out().contains("3 of 6 environment × call pairs changed (3 ENVIRONMENT drift)"), r.out());
        String keyId = ResultJson.read(baseline).environments().get(1).keyId();
        for (String call : List.of("get_account_summary", "get_open_orders", "get_order_history")) {
            assertTrue(r.out().contains("`prod` × `" + call + "`: OK → AUTH_REJECTED 40101 since the baseline of "), r.out());
        }
        assertTrue(r.out().contains("(key " + keyId + " unchanged); the reference client changed the same way and the module at HEAD "
                + "is the same module version as in the baseline: ENVIRONMENT drift."), r.out());
        assertFalse(r.out().contains("`local` ×"), "nothing moved under local");
        JsonNode d = json(o.resolve("drift.json"));
        assertEquals(AFTER_REVOCATION, d.path("current").path("sim_clock").asText());
        String junit = Files.readString(o.resolve("junit.xml"));
        assertEquals(3, junit.split("<failure ", -1).length - 1, junit);
        assertTrue(junit.contains("type=\"ENVIRONMENT\""));
        assertTrue(Files.readString(o.resolve("index.html")).contains("was revoked at 2025-12-20T03:00:00Z"),
                "the simulator's reason is in tonight's matrix");
    }

    @Test
    @Order(4)
    void aChangeOfTheModuleAtHeadIsACodeChangeAndUpdateBaselineAcceptsIt() throws Exception {
        Path changed = demoWorld(dir.resolve("world-changed"));
        String before;
        try (Git git = Git.open(changed.resolve(DemoFiles.REPO_FOLDER).toFile())) {
            before = git.getRepository().resolve("HEAD").name();
            Path client = changed.resolve(DemoFiles.REPO_FOLDER).resolve("backend/app/services/brokers/crypto_com_trade.py");
            try (var in = DemoHistory.class.getResourceAsStream("story/crypto_com_trade/2-float-window.py")) {
                Files.write(client, in.readAllBytes());
            }
            git.add().addFilepattern("backend/app/services/brokers/crypto_com_trade.py").call();
            git.commit().setMessage("Refactor the order-history window").setAuthor("Dev", "dev@example.com")
                    .setCommitter("Dev", "dev@example.com").call();
        }
        assertEquals(before, ResultJson.read(baseline).rows().get(1).commits().get(ResultJson.read(baseline).rows().get(1).commits().size() - 1).id(),
                "the changed world's history extends the baseline's (the demo's commit ids are the same on every run)");
        Path accepted = dir.resolve("nightly/accepted.json");
        Files.copy(baseline, accepted);
        Path o = out("code-change");
        Ran r = drift(changed, dir, home, cache, "--baseline", accepted.toString(), "--sim-clock", NIGHT_1, "--out", o.toString(),
                "--update-baseline");
        assertEquals(3, r.code(), r.all());
        for (String env : List.of("local", "prod")) {
            assertTrue(r.out().contains("`" + env + "` × `get_order_history`: OK → AUTH_REJECTED 40101 since the baseline of "), r.out());
        }
        assertTrue(r.out().contains("the module at HEAD changed (1 commit since the baseline) and the reference did not: CODE change."), r.out());
        assertTrue(r.out().contains("2 of 6 environment × call pairs changed (2 CODE changes)"), r.out());
        assertTrue(r.out().contains("baseline: wrote " + accepted), r.out());
        assertTrue(json(o.resolve("drift.json")).path("head_changed").asBoolean());

        RunResult written = ResultJson.read(accepted);
        assertFalse(written.rows().get(1).moduleVersion().equals(ResultJson.read(baseline).rows().get(1).moduleVersion()),
                "the new baseline has the new module version at HEAD");
        Ran again = drift(changed, dir, home, cache, "--baseline", accepted.toString(), "--sim-clock", NIGHT_1, "--out",
                out("code-change-accepted").toString());
        assertEquals(0, again.code(), again.all());
    }

    @Test
    @Order(5)
    void aBaselineOnAGitBranchIsCreatedReadAndNeverTouchesTheWorkTree() throws Exception {
        Path ci = dir.resolve("ci-repo");
        try (Git git = Git.init().setDirectory(ci.toFile()).setInitialBranch("main").call()) {
            Files.writeString(ci.resolve("README.md"), "nightly\n");
            git.add().addFilepattern("README.md").call();
            git.commit().setMessage("init").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
        }
        String spec = "git:authbisect-baseline:drift/baseline.json";
        Ran first = drift(ci, home, cache, "--baseline", spec, "--update-baseline", "--sim-clock", NIGHT_1, "--out", out("git-1").toString());
        assertEquals(0, first.code(), first.all());
        assertTrue(first.out().contains("baseline: wrote drift/baseline.json on branch authbisect-baseline (commit "), first.out());
        Ran second = drift(ci, home, cache, "--baseline", spec, "--sim-clock", NIGHT_1, "--out", out("git-2").toString());
        assertEquals(0, second.code(), second.all());
        Ran third = drift(ci, home, cache, "--baseline", spec, "--sim-clock", AFTER_REVOCATION, "--out", out("git-3").toString());
        assertEquals(3, third.code(), third.all());
        try (Repository repo = Git.open(ci.toFile()).getRepository(); RevWalk walk = new RevWalk(repo)) {
            RevCommit tip = walk.parseCommit(repo.resolve("authbisect-baseline"));
            assertTrue(tip.getFullMessage().startsWith("authbisect drift: new baseline drift/baseline.json"), tip.getFullMessage());
            assertEquals("main", repo.getBranch());
        }
        assertFalse(Files.exists(ci.resolve("drift")), "the work tree is untouched");
    }

    @Test
    @Order(6)
    void badInputIsOneLineAndExitTwoBeforeAnythingRuns() throws Exception {
        Ran missing = drift(dir, home, cache, "--baseline", dir.resolve("nope.json").toString());
        assertEquals(2, missing.code(), missing.all());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().contains("no baseline there yet"), missing.err());
        Ran rows = drift(dir, home, cache, "--baseline", baseline.toString(), "--rows", "sideways");
        assertEquals(2, rows.code());
        assertTrue(rows.err().contains("--rows: unknown row 'sideways'"), rows.err());
        Ran clock = drift(dir, home, cache, "--baseline", baseline.toString(), "--sim-clock", "yesterday");
        assertEquals(2, clock.code());
        assertTrue(clock.err().contains("--sim-clock 'yesterday': expected an ISO-8601 time"), clock.err());
    }

    @Test
    @Order(7)
    void runFailOnNeverReportsTheVerdictsButExitsZero() throws Exception {
        Path o = out("run-fail-on");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(), "run",
                "--config", world.resolve("harness-config/demo.yaml").toString(), "--fail-on", "never", "--sim-clock", NIGHT_1,
                "--out", o.toString());
        Ran r = exec(dir, home, cache, cmd);
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().contains("get_open_orders: TRACKS_ENVIRONMENT"), r.out());
        RunResult result = ResultJson.read(o.resolve("result.json"));
        assertEquals(0, result.exitCode());
        assertEquals(RunResult.SCHEMA, result.schema());
    }

    @Test
    @Order(99)
    void noSecretOrFullKeyInAnythingWrittenOrPrinted() throws Exception {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(dir.resolve("out"), dir.resolve("nightly"), dir.resolve("console"), cache)) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/materialized/") && !f.toString().contains("/builds/"))
                        .forEach(files::add);
            }
        }
        assertTrue(files.size() > 40, files.size() + " files");
        Map<String, String> secrets = new HashMap<>(DemoFiles.CREDENTIAL_ENV);
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> s : secrets.entrySet()) {
                assertFalse(text.contains(s.getValue()), s.getKey() + " leaked into " + f);
            }
        }
    }
}
