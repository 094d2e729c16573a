package dev.authbisect.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.Transition;
import dev.authbisect.analysis.Verdict;
import dev.authbisect.cli.AuthBisect;
import dev.authbisect.report.ResultJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code authbisect demo}: the seed incident's answer, asserted on a real run through the CLI. */
class DemoAcceptanceTest {
    @TempDir
    static Path dir;
    static int code;
    static String out;
    static String err;
    static RunResult result;
    static DemoHistory story;

    @BeforeAll
    static void runTheDemo() throws Exception {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = AuthBisect.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        code = cl.execute("demo", "--out", dir.resolve("demo").toString(), "--cache", dir.resolve("cache").toString());
        out = o.toString();
        err = e.toString();
        result = ResultJson.read(dir.resolve("demo/report/result.json"));
        story = DemoHistory.create(dir.resolve("story-again"));
    }

    private static Verdict verdict(String call) {
        return result.verdicts().stream().filter(v -> v.call().equals(call)).findFirst().orElseThrow();
    }

    @Test
    void theDemoExitsZeroAndPrintsTheVerdictsAndTheReport() {
        assertEquals(0, code, out + err);
        assertTrue(out.contains("get_open_orders: TRACKS_ENVIRONMENT"), out);
        assertTrue(out.contains("report: " + dir.resolve("demo/report/index.html")), out);
        assertTrue(Files.isRegularFile(dir.resolve("demo/report/index.html")));
    }

    @Test
    void openOrdersTrackTheEnvironment() {
        Verdict v = verdict("get_open_orders");
        assertEquals(Verdict.Kind.TRACKS_ENVIRONMENT, v.verdict());
        assertTrue(String.join(" ", v.sentences()).contains("and the reference client fail `get_open_orders` under `local` with 40101"),
                v.sentences()::toString);
        assertEquals(40101, result.cell("ref", "local", "get_open_orders").orElseThrow().answer().venueCode());
    }

    @Test
    void orderHistoryTracksTheCodeFromTheFloatCommitToTheIntegerFix() {
        Verdict v = verdict("get_order_history");
        assertEquals(Verdict.Kind.TRACKS_CODE, v.verdict());
        for (String env : List.of("local", "prod")) {
            assertTrue(v.transitions().contains(new Transition(env, Transition.Kind.BROKE, story.commit("brokerDocsCommit"),
                    story.commit("floatCommit"), "OK", "40101 UNAUTHORIZED")), v.transitions()::toString);
            assertTrue(v.transitions().stream().anyMatch(t -> t.env().equals(env) && t.kind() == Transition.Kind.FIXED
                    && t.firstBad().equals(story.commit("integerFixCommit"))), v.transitions()::toString);
        }
        String floatRow = rowOf(story.commit("floatCommit"));
        var cell = result.cell(floatRow, "prod", "get_order_history").orElseThrow();
        assertTrue(cell.checks().signature().findings().stream().anyMatch(f -> f.component().equals("start_time")), cell.checks().signature()::toString);
        assertTrue(cell.checks().signature().findings().stream().anyMatch(f -> f.component().equals("end_time")), cell.checks().signature()::toString);
    }

    @Test
    void accountSummaryIsMixedWithOneSentencePerCause() {
        Verdict v = verdict("get_account_summary");
        assertEquals(Verdict.Kind.MIXED, v.verdict(), v.sentences()::toString);
        String text = String.join(" ", v.sentences());
        assertTrue(text.contains("under `local`"), text);
        assertTrue(text.contains("40002 METHOD_NOT_FOUND"), text);
        assertTrue(v.transitions().stream().anyMatch(t -> t.env().equals("prod") && t.kind() == Transition.Kind.BROKE
                && t.firstBad().equals(story.commit("accountSummaryCommit"))), v.transitions()::toString);
    }

    @Test
    void unrelatedCommitsCollapseIntoModuleVersions() {
        List<Row> versions = result.rows().stream().filter(r -> !r.isReference()).toList();
        assertEquals(14, versions.stream().mapToInt(r -> r.commits().size()).sum());
        assertTrue(versions.size() < 14 && versions.size() >= 6, versions.size() + " module versions");
        assertTrue(versions.stream().anyMatch(r -> r.commits().size() >= 3), "some version spans several commits");
        assertEquals(rowOf(story.commit("clientCommit")), rowOf(story.commit("brokerDocsCommit")));
    }

    @Test
    void theEgressAttemptOfTheUseProxyVersionIsRecorded() {
        String row = rowOf(story.commit("cleanEnvCommit"));
        assertTrue(result.cells().stream().filter(c -> c.row().equals(row)).anyMatch(c -> c.evidence().egress().stream()
                .anyMatch(e -> e.contains("api.ipify.org"))), "no egress attempt recorded at " + row);
    }

    @Test
    void whatTheProbeReportedTheCodeReturnedIsShownInTheCell() {
        var cell = result.cell(rowOf(story.commit("floatCommit")), "prod", "get_order_history").orElseThrow();
        assertTrue(cell.evidence().probeTail().startsWith("the probe reported: {"), cell.evidence().probeTail());
        assertTrue(cell.evidence().probeTail().contains("40101"), cell.evidence().probeTail());
    }

    @Test
    void withoutPython3TheDemoSaysSoInOneLineAndExits2() throws Exception {
        Path emptyBin = Files.createDirectories(dir.resolve("empty-bin"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar",
                Path.of(System.getProperty("authbisect.jar", "target/authbisect.jar")).toAbsolutePath().toString(),
                "demo", "--out", dir.resolve("no-python").toString()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", emptyBin.toString(), "HOME", dir.toString()));
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), text);
        assertEquals(1, text.strip().lines().count(), text);
        assertTrue(text.contains("python3"), text);
    }

    private static String rowOf(String commit) {
        return result.rows().stream().filter(r -> r.commits().stream().anyMatch(c -> c.id().equals(commit)))
                .map(Row::id).findFirst().orElseThrow(() -> new AssertionError("no row for " + commit));
    }
}
