package dev.authbisect.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.analysis.Cause;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.Verdict;
import dev.authbisect.cli.AuthBisect;
import dev.authbisect.core.Outcome;
import dev.authbisect.report.ResultJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Honest answers on the demo's history (issue: never blame code for what the environment or the
 * harness did): bisect checks its premises, a probe that ignores the simulator's fixed clock is a
 * harness problem, each harness mistake is named with its fix, bisect carries its evidence, and an
 * undecided module version keeps a verdict provisional. Real runs through the CLI, the relay and
 * the embedded simulator.
 */
class HonestAnswersAcceptanceTest {
    @TempDir
    static Path dir;
    static DemoHistory story;
    static Path cache;

    @BeforeAll
    static void demoFiles() throws IOException {
        DemoFiles.extract(dir);
        story = DemoHistory.create(dir.resolve(DemoFiles.REPO_FOLDER));
        cache = dir.resolve("cache");
        for (var e : DemoFiles.CREDENTIAL_ENV.entrySet()) {
            Files.writeString(dir.resolve(e.getKey().toLowerCase(java.util.Locale.ROOT) + ".txt"), e.getValue());
        }
    }

    record Ran(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /**
     * A copy of the demo's harness files in {@code dir/harness-<name>/} (beside demo-repo, so target.repo still
     * holds), credentials read from files, with the config, probe and scenario edited.
     */
    static Path variant(String name, UnaryOperator<String> config, UnaryOperator<String> probe, UnaryOperator<String> scenario)
            throws IOException {
        Path h = dir.resolve("harness-" + name);
        Files.createDirectories(h.resolve("probes"));
        Files.createDirectories(h.resolve("sim"));
        Path base = dir.resolve(DemoFiles.CONFIG_FOLDER);
        String yaml = Files.readString(base.resolve("demo.yaml"));
        for (var e : DemoFiles.CREDENTIAL_ENV.entrySet()) {
            yaml = yaml.replace("${env:" + e.getKey() + "}", "${file:../" + e.getKey().toLowerCase(java.util.Locale.ROOT) + ".txt}");
        }
        Files.writeString(h.resolve("demo.yaml"), config.apply(yaml));
        Files.writeString(h.resolve("probes/crypto_com_probe.py"), probe.apply(Files.readString(base.resolve("probes/crypto_com_probe.py"))));
        Files.writeString(h.resolve("sim/seed-rca.yaml"), scenario.apply(Files.readString(base.resolve("sim/seed-rca.yaml"))));
        return h.resolve("demo.yaml");
    }

    static Ran cli(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = AuthBisect.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        return new Ran(code, o.toString(), e.toString());
    }

    static Ran run(Path config, String out, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--cache", cache.toString(),
                "--out", dir.resolve(out).toString()));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    static Ran bisect(Path config, String out, String... extra) {
        List<String> args = new ArrayList<>(List.of("bisect", "--config", config.toString(), "--cache", cache.toString(),
                "--out", dir.resolve(out).toString()));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    static Verdict verdict(RunResult r, String call) {
        return r.verdicts().stream().filter(v -> v.call().equals(call)).findFirst().orElseThrow();
    }

    static String text(Verdict v) {
        return String.join(" ", v.sentences());
    }

    static String shortOf(String key) {
        return story.commit(key).substring(0, 7);
    }

    static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    // ---- bisect checks its premises ------------------------------------------------------------------

    @Test
    void bisectFromTheClientCommitUnderLocalSaysTheEnvironmentAndNamesNoCommit() throws IOException {
        Path config = variant("premise", UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity());
        Ran r = bisect(config, "b-env", "--good", story.commit("clientCommit"), "--bad", "HEAD", "--env", "local",
                "--call", "get_open_orders");
        assertEquals(3, r.code(), r.all());
        assertFalse(r.all().contains("is the first bad commit"), r.all());
        assertTrue(r.out().contains("The good commit " + shortOf("clientCommit") + " (“Add Crypto.com trade client”) fails too"
                + " (AUTH_REJECTED 40101 UNAUTHORIZED"), r.out());
        assertTrue(r.out().contains("so the failure tracks the environment: the reference client fails the same way under"
                + " local (AUTH_REJECTED 40101 UNAUTHORIZED); no commit is to blame."), r.out());
        // the header names both ends with short ids and subjects, never a bare HEAD
        assertTrue(r.err().startsWith("bisecting get_open_orders under local: good " + shortOf("clientCommit")
                + " “Add Crypto.com trade client” … bad " + shortOf("smokeTestCommit") + " “"), r.err());
        JsonNode j = json(dir.resolve("b-env/bisect.json"));
        assertEquals("premise_failed", j.get("status").asText());
        assertEquals("good_fails_in_environment", j.get("premise").get("kind").asText());
        assertTrue(j.get("first_bad").isNull());
        assertEquals("AUTH_REJECTED", j.get("reference").get("outcome").asText());
        String html = Files.readString(dir.resolve("b-env/bisect.html"));
        assertTrue(html.contains("no commit is to blame") && html.contains(shortOf("smokeTestCommit")), html);
        assertFalse(html.contains("is the first bad commit"));
    }

    @Test
    void aBadCommitThatPassesIsNothingToBisect() throws IOException {
        Path config = variant("nothing", UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity());
        Ran r = bisect(config, "b-nothing", "--good", story.commit("clientCommit"), "--bad", "HEAD", "--env", "prod",
                "--call", "get_order_history");
        assertEquals(4, r.code(), r.all());
        assertTrue(r.out().startsWith("Nothing to bisect: --bad " + shortOf("smokeTestCommit")), r.out());
        assertFalse(r.all().contains("is the first bad commit"), r.all());
    }

    @Test
    void badOnOkFindsTheFixAndSaysSoTheRightWayRound() throws IOException {
        Path config = variant("fix", UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity());
        Ran r = bisect(config, "b-widen", "--good", story.commit("floatCommit"), "--bad", story.commit("deployDocsCommit"),
                "--env", "prod", "--call", "get_order_history", "--bad-on", "OK");
        // --bad-on OK looks for the fix: the "good" end must fail, and f102d57 does; the integer fix passes
        assertEquals(0, r.code(), r.all());
        assertTrue(r.out().startsWith(story.commit("integerFixCommit") + " is the first bad commit"), r.out());
        assertTrue(r.err().contains("bad = OK (--bad-on) (looking for the commit that fixed the call)"), r.err());
        assertTrue(r.out().contains("the first commit where get_order_history answers OK under prod: the fix"), r.out());
        Ran w = bisect(config, "b-widen2", "--good", story.commit("clientCommit"), "--bad", story.commit("floatCommit"),
                "--env", "prod", "--call", "get_order_history", "--bad-on", "OK");
        assertEquals(4, w.code(), w.all());
        assertTrue(w.out().startsWith("Nothing to bisect: --bad " + shortOf("floatCommit")), w.out());
        assertTrue(w.out().contains("which --bad-on OK counts as good"), w.out());
    }

    // ---- bisect carries the evidence -----------------------------------------------------------------

    @Test
    void theFirstBadAnswerShowsTheFirstBadAndLastGoodEvidenceEverywhere() throws IOException {
        Path config = variant("evidence", UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity());
        Ran r = bisect(config, "b-evidence", "--good", story.commit("clientCommit"), "--bad", story.commit("floatCommit"),
                "--env", "prod", "--call", "get_order_history", "--repeat", "2");
        assertEquals(0, r.code(), r.all());
        String rendered = "end_time rendered 1766131200000.0 vs 1766131200000";
        assertTrue(r.out().contains("first bad " + shortOf("floatCommit") + ": AUTH_REJECTED 40101 UNAUTHORIZED — signature"
                + " INVALID: " + rendered), r.out());
        assertTrue(r.out().contains("last good " + shortOf("brokerDocsCommit") + " (tested at " + shortOf("clientCommit")
                + ", same module version): OK"), r.out());
        assertTrue(r.out().contains("2 points tested 2 times each, all agreed"), r.out());
        assertTrue(r.err().contains("[2 runs agreed]"), r.err());
        JsonNode j = json(dir.resolve("b-evidence/bisect.json"));
        assertTrue(j.get("first_bad").get("diagnosis").asText().contains(rendered), j.toString());
        assertEquals(story.commit("brokerDocsCommit"), j.get("last_good").get("id").asText());
        assertEquals(2, j.get("start").get("repeat").asInt());
        assertEquals(2, j.get("points_agreed").asInt());
        String html = Files.readString(dir.resolve("b-evidence/bisect.html"));
        assertTrue(html.contains(rendered) && html.contains("last good"), html);
    }

    // ---- the harness is not the code -----------------------------------------------------------------

    @Test
    void aProbeThatIgnoresTheFixedClockIsTheHarnessNotTheCode() throws IOException {
        Path config = variant("noclock", UnaryOperator.identity(),
                probe -> probe.replace("    freeze_clock()\n    client = make_client()", "    client = make_client()"),
                UnaryOperator.identity());
        assertFalse(Files.readString(config.resolveSibling("probes/crypto_com_probe.py")).contains("    freeze_clock()\n    client"));
        Ran r = run(config, "r-noclock");
        assertEquals(4, r.code(), r.all());
        RunResult result = ResultJson.read(dir.resolve("r-noclock/result.json"));
        for (Verdict v : result.verdicts()) {
            assertEquals(Verdict.Kind.HARNESS, v.verdict(), text(v));
            assertFalse(text(v).contains("tracks the CODE") || text(v).contains("always been wrong"), text(v));
            assertTrue(text(v).matches("(?s).*nonce \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ is \\d+ days after the simulator's clock"
                    + " 2025-12-19T08:00:00Z \\(window 60 s\\).*"), text(v));
            assertTrue(text(v).contains("the probe does not follow `AUTHBISECT_FIXED_TIME_MS`"), text(v));
            assertTrue(v.causes().stream().allMatch(c -> c.reason() == Cause.Reason.FIXED_CLOCK_NOT_FOLLOWED), v.causes()::toString);
        }
        assertTrue(verdict(result, "get_open_orders").sentences().stream().anyMatch(s -> s.contains("under `prod`")
                && s.contains("while the reference client passes there")));
        assertTrue(r.out().contains("get_open_orders: HARNESS"), r.out());
        // bisect with this probe: the good commit fails for the same reason, and bisect says so instead of halving
        Ran b = bisect(config, "b-noclock", "--good", story.commit("clientCommit"), "--bad", "HEAD", "--env", "prod",
                "--call", "get_open_orders");
        assertEquals(4, b.code(), b.all());
        assertTrue(b.out().contains("and the test set-up explains it, not the code: its nonce follows this host's clock, not"
                + " the simulator's fixed clock: nonce "), b.out());
        assertTrue(b.out().contains("the probe does not follow AUTHBISECT_FIXED_TIME_MS"), b.out());
        assertFalse(b.all().contains("is the first bad commit"), b.all());
    }

    @Test
    void aBaseUrlThatIsNotMappedIsTheHarnessAndNamesTheHostTheCodeCalled() throws IOException {
        Path config = variant("nourl", yaml -> yaml.replace("EXCHANGE_CUSTOM_BASE_URL: \"{{relay.url}}\"",
                "EXCHANGE_CUSTOM_BASE_URL: \"https://exchange.example.invalid/exchange/v1\""), UnaryOperator.identity(),
                UnaryOperator.identity());
        Ran r = run(config, "r-nourl", "--env", "prod");
        assertEquals(4, r.code(), r.all());
        RunResult result = ResultJson.read(dir.resolve("r-nourl/result.json"));
        for (Verdict v : result.verdicts()) {
            assertEquals(Verdict.Kind.HARNESS, v.verdict(), text(v));
            assertTrue(text(v).contains("reached the relay at any of the 6 tested module versions (12 commits) under `prod`:"
                    + " the code calls `exchange.example.invalid` directly instead of the base URL it was given"
                    + " (`CONNECT exchange.example.invalid:443` refused: capture is off for it)"), text(v));
            assertEquals(Cause.Reason.CODE_CALLS_HOST_DIRECTLY, v.causes().get(0).reason());
        }
    }

    @Test
    void aKeyReadFromSomewhereElseIsTheHarnessNamingBothKeys() throws IOException {
        // the seed's .env.local leak: the code ends up with the old local key whatever the harness gives it
        Path config = variant("stalekey", UnaryOperator.identity(), probe -> probe.replace("def make_client():\n",
                "def make_client():\n    os.environ[\"EXCHANGE_CUSTOM_API_KEY\"] = \"z3HWF8m292LocalKey01\"\n"
                        + "    os.environ[\"EXCHANGE_CUSTOM_API_SECRET\"] = \"local-env-secret-z3hw\"\n"), UnaryOperator.identity());
        Ran r = run(config, "r-stalekey", "--env", "prod");
        assertEquals(4, r.code(), r.all());
        RunResult result = ResultJson.read(dir.resolve("r-stalekey/result.json"));
        String prodKey = result.environments().get(0).keyId();
        for (Verdict v : result.verdicts()) {
            assertEquals(Verdict.Kind.HARNESS, v.verdict(), text(v));
            assertTrue(text(v).matches("(?s).*the code sent key z3HWF8…#[0-9a-f]{4} but `prod` is configured with "
                    + java.util.regex.Pattern.quote(prodKey) + ": the code reads its key from somewhere else.*"), text(v));
            assertEquals(Cause.Reason.WRONG_API_KEY, v.causes().get(0).reason());
        }
        assertTrue(prodKey.startsWith("raHZAk…#"), prodKey);
        String everything = Files.readString(dir.resolve("r-stalekey/result.json"));
        assertFalse(everything.contains("z3HWF8m292LocalKey01") || everything.contains("local-env-secret-z3hw"),
                "the key the code sent is redacted too");
    }

    @Test
    void aProbeThatExits125EverywhereIsTheHarness() throws IOException {
        Path config = variant("noimport", yaml -> yaml.replace("PYTHONPATH: \"{{module.dir}}/backend\"",
                "PYTHONPATH: \"{{module.dir}}/src\""), UnaryOperator.identity(), UnaryOperator.identity());
        Ran r = run(config, "r-noimport", "--env", "local");
        assertEquals(4, r.code(), r.all());
        RunResult result = ResultJson.read(dir.resolve("r-noimport/result.json"));
        for (Verdict v : result.verdicts()) {
            assertEquals(Verdict.Kind.HARNESS, v.verdict(), text(v));
            assertTrue(text(v).contains("All 8 module versions (14 commits) were skipped for `" + v.call() + "` under `local`:"
                    + " the probe exited 125 (cannot test this module version) at every one of them."), text(v));
            assertEquals(Cause.Reason.PROBE_CANNOT_TEST, v.causes().get(0).reason());
        }
    }

    // ---- gaps are not answers ------------------------------------------------------------------------

    @Test
    void aTransportErrorAtTheOnlyVersionShowingTheCodeBugKeepsTheVerdictProvisional() throws IOException {
        // seeded simulator faults: every call of private/get-account-summary answers 503 without an envelope
        Path config = variant("faults", UnaryOperator.identity(), UnaryOperator.identity(), scenario -> scenario
                + "faults:\n  - {method: private/get-account-summary, kind: http_503, rate: 1.0, seed: 42}\n");
        Ran r = run(config, "r-faults", "--call", "get_account_summary");
        assertEquals(4, r.code(), r.all());
        RunResult result = ResultJson.read(dir.resolve("r-faults/result.json"));
        Verdict v = verdict(result, "get_account_summary");
        assertEquals(Verdict.Kind.TRACKS_ENVIRONMENT, v.verdict(), text(v));
        assertTrue(v.provisional(), text(v));
        String row = result.rows().stream().filter(x -> x.commits().stream()
                .anyMatch(c -> c.id().equals(story.commit("accountSummaryCommit")))).map(Row::id).findFirst().orElseThrow();
        assertTrue(v.undecided().contains(new Verdict.Undecided("prod", row, story.commit("accountSummaryCommit"),
                Outcome.TRANSPORT_ERROR)), v.undecided()::toString);
        assertTrue(text(v).contains("Under `prod`, 1 module version is undecided for `get_account_summary`: `"
                + shortOf("accountSummaryCommit") + "` (“Use private/get-account-summary for balances”; transport error);"
                + " this part of the verdict is provisional until it is tested again."), text(v));
        assertTrue(r.out().contains("get_account_summary: TRACKS_ENVIRONMENT (provisional)"), r.out());
    }
}
