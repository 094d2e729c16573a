package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.config.ConfigLoader;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.report.ResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journal, stop, {@code --resume}, {@code --shard} and {@code merge} end to end on the pipeline fixture (in this JVM; signals and kill -9: {@code InterruptAcceptanceTest}). */
class ScaleAcceptanceTest {
    @TempDir
    static Path shared;
    static PipelineFixture fx;
    static RunResult full;

    @BeforeAll
    static void fullRun() throws Exception {
        fx = PipelineFixture.python(shared.resolve("py"));
        PipelineFixture.Result r = fx.run();
        assertEquals(3, r.code(), r.err());
        full = ResultJson.read(fx.out().resolve("result.json"));
    }

    /** What must be equal cell for cell between runs (timings, nonces and signatures differ by nature). */
    static List<String> cellKeys(RunResult r) {
        return r.cells().stream().map(ScaleAcceptanceTest::key).toList();
    }

    static String key(Cell c) {
        return c.row() + "|" + c.env() + "|" + c.call() + "|" + c.outcome() + "|" + c.answer().venueCode() + "|" + c.answer().httpStatus() + "|"
                + c.checks().signature().status() + "|" + c.diagnosis();
    }

    static List<String> verdictKeys(RunResult r) {
        return r.verdicts().stream().map(v -> v.call() + "|" + v.verdict() + "|" + v.sentences() + "|" + v.provisional()).toList();
    }

    HarnessConfig config() {
        return ConfigLoader.withEnvironment(System.getenv()).load(fx.configFile());
    }

    @Test
    void aStoppedRunWritesAPartialReportAndResumeFinishesItWithoutRunningFinishedTrialsAgain() throws Exception {
        Path dir = shared.resolve("stopped");
        RunStop stop = new RunStop();
        AtomicInteger finished = new AtomicInteger();
        RunOutcome partial = MatrixRun.of(config()).cacheDir(fx.cache()).out(dir).jobs(1).stop(stop)
                .listener(new RunListener() {
                    @Override
                    public void trialFinished(String what, List<Cell> cells) {
                        if (finished.incrementAndGet() == 5) {
                            stop.request("SIGINT");
                        }
                    }
                }).call();
        assertEquals(130, partial.exitCode());
        RunResult p = ResultJson.read(dir.resolve("result.json"));
        assertFalse(p.isComplete());
        assertEquals("SIGINT", p.interruption().signal());
        assertEquals(12, p.interruption().trialsPlanned());
        assertTrue(p.interruption().trialsFinished() < 12, "stopped early: " + p.interruption());
        assertTrue(p.interruption().resume().contains("--resume " + dir), p.interruption().resume());
        assertTrue(Files.readString(dir.resolve("index.html")).contains("class=\"incomplete\""), "a banner in the HTML");
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("Incomplete: this run was stopped by SIGINT"));
        assertTrue(Files.readString(dir.resolve("junit.xml")).contains("<error type=\"INCOMPLETE\" message=\"Incomplete: this run"));
        List<JsonNode> journal = RunJournal.read(dir.resolve("journal.jsonl"));
        long done = journal.stream().filter(e -> e.path("event").asText().equals("trial_done")).count();
        assertEquals(p.interruption().trialsFinished(), done, "one journal line per finished trial");

        int probesBefore = fx.probeLog().size();
        RunOutcome resumed = MatrixRun.of(config()).cacheDir(fx.cache()).resume(dir).call();
        RunResult r = ResultJson.read(dir.resolve("result.json"));
        assertTrue(r.isComplete());
        assertEquals(full.exitCode(), resumed.exitCode());
        assertEquals(cellKeys(full), cellKeys(r), "the report an uninterrupted run writes");
        assertEquals(verdictKeys(full), verdictKeys(r));
        assertEquals(full.rows().stream().map(x -> x.id() + x.build().replace(" (cached)", "")).toList(),
                r.rows().stream().map(x -> x.id() + x.build().replace(" (cached)", "")).toList());
        assertEquals(p.startedAt(), r.startedAt(), "the same run");
        // module trials left: 10 module version × environment trials in all; the probe runs once per trial not finished before
        long moduleDone = journal.stream().filter(e -> e.path("event").asText().equals("trial_done")
                && !e.path("row").asText().equals("ref")).count();
        long probedNow = fx.probeLog().size() - probesBefore;
        // the first module version's probe exits 125 and the fourth does not build: their trials run no probe (2 × 2)
        assertTrue(probedNow <= 10 - moduleDone, "no finished trial ran again: " + probedNow + " probes for " + (10 - moduleDone) + " trials");
        assertNotNull(RunJournal.read(dir.resolve("journal.jsonl")).stream()
                .filter(e -> e.path("event").asText().equals("run_resumed")).findFirst().orElse(null));
    }

    @Test
    void resumeRefusesAChangedConfigAndAFinishedRun() throws Exception {
        PipelineFixture.Result again = fx.cli("run", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--resume", fx.out().toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("that run finished"), again.err());

        Path dir = shared.resolve("changed");
        RunStop stop = new RunStop();
        stop.request("SIGTERM");
        RunOutcome stopped = MatrixRun.of(config()).cacheDir(fx.cache()).out(dir).stop(stop).call();
        assertEquals(143, stopped.exitCode());
        Path other = shared.resolve("changed-config.yaml");
        Files.writeString(other, Files.readString(fx.configFile()).replace("run: {jobs: 2}", "run: {jobs: 1}"));
        Files.copy(other, fx.dir.resolve("config2.yaml"));
        PipelineFixture.Result refused = fx.cli("run", "--config", fx.dir.resolve("config2.yaml").toString(), "--cache",
                fx.cache().toString(), "--resume", dir.toString());
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("changed since that run started"), refused.err());
        PipelineFixture.Result options = fx.cli("run", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--resume", dir.toString(), "--env", "office");
        assertEquals(2, options.code());
        assertTrue(options.err().contains("takes the run's options from its journal"), options.err());
        PipelineFixture.Result newRun = fx.cli("run", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--out", dir.toString());
        assertEquals(2, newRun.code());
        assertTrue(newRun.err().contains("holds an interrupted run"), newRun.err());
    }

    @Test
    void twoShardsMergedAreTheUnshardedRunCellForCell() throws Exception {
        Path one = shared.resolve("shard-1");
        Path two = shared.resolve("shard-2");
        PipelineFixture.Result a = fx.cli("run", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--out", one.toString(), "--shard", "1/2");
        PipelineFixture.Result b = fx.cli("run", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--out", two.toString(), "--shard", "2/2");
        assertTrue(a.code() == 0 || a.code() == 3 || a.code() == 4, a.err());
        RunResult ra = ResultJson.read(one.resolve("result.json"));
        RunResult rb = ResultJson.read(two.resolve("result.json"));
        assertEquals(1, ra.shard().index());
        assertEquals(2, rb.shard().count());
        long refRows = ra.rows().stream().filter(dev.authbisect.analysis.Row::isReference).count()
                + rb.rows().stream().filter(dev.authbisect.analysis.Row::isReference).count();
        assertEquals(2, refRows, "the reference row runs in every shard");
        assertEquals(full.rows().size() + 1, ra.rows().size() + rb.rows().size(), "each module version in exactly one shard");

        Path merged = shared.resolve("merged");
        PipelineFixture.Result m = fx.cli("merge", two.resolve("result.json").toString(), one.resolve("result.json").toString(),
                "--out", merged.toString());
        assertEquals(full.exitCode(), m.code(), m.err());
        RunResult r = ResultJson.read(merged.resolve("result.json"));
        assertEquals(full.rows().stream().map(x -> x.id()).toList(), r.rows().stream().map(x -> x.id()).toList());
        assertEquals(cellKeys(full), cellKeys(r));
        assertEquals(verdictKeys(full), verdictKeys(r));
        assertEquals(2, r.merge().shards());
        assertTrue(r.merge().referenceDisagreements().isEmpty());
        for (String f : List.of("index.html", "summary.md", "junit.xml")) {
            assertTrue(Files.isRegularFile(merged.resolve(f)), f);
        }

        PipelineFixture.Result twice = fx.cli("merge", one.resolve("result.json").toString(), one.resolve("result.json").toString(),
                "--out", shared.resolve("m2").toString());
        assertEquals(2, twice.code());
        assertTrue(twice.err().contains("shard 1/2 given twice"), twice.err());
        PipelineFixture.Result missing = fx.cli("merge", one.resolve("result.json").toString(), "--out", shared.resolve("m3").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("shard 2/2 missing"), missing.err());
        PipelineFixture.Result unsharded = fx.cli("merge", fx.out().resolve("result.json").toString(), one.resolve("result.json").toString(),
                "--out", shared.resolve("m4").toString());
        assertEquals(2, unsharded.code());
        assertTrue(unsharded.err().contains("is not a shard's result"), unsharded.err());
    }

    @Test
    void shardsThatDisagreeOnTheReferenceRowAreFlaggedAndTheCellIsFlaky() throws Exception {
        RunResult base = new RunResult(RunResult.SCHEMA, "dev", "2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z", "d", 0,
                new RunResult.Target("repo", List.of("m/"), "HEAD"),
                List.of(new RunResult.Environment("prod", "sim", "k", "sim:x", "")), List.of(new RunResult.Call("c", "private/x")),
                List.of(dev.authbisect.analysis.Row.reference()), List.of(Cell.of("ref", "prod", "c", dev.authbisect.core.Outcome.OK, 0, "")),
                List.of(), List.of());
        RunResult s1 = base.withShard(new RunResult.Shard(1, 2, List.of()));
        RunResult s2 = new RunResult(base.schema(), base.toolVersion(), base.startedAt(), base.finishedAt(), base.configDigest(), 0,
                base.target(), base.environments(), base.calls(), base.rows(),
                List.of(Cell.of("ref", "prod", "c", dev.authbisect.core.Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")),
                List.of(), List.of()).withShard(new RunResult.Shard(2, 2, List.of()));
        RunResult m = ShardMerge.merge(List.of(new ShardMerge.Part(Path.of("a/result.json"), s1),
                new ShardMerge.Part(Path.of("b/result.json"), s2)), FailOn.DEFAULT);
        assertEquals(dev.authbisect.core.Outcome.FLAKY, m.cell("ref", "prod", "c").orElseThrow().outcome());
        assertEquals(1, m.merge().referenceDisagreements().size());
        assertTrue(m.merge().referenceDisagreements().get(0).contains("OK in shard 1/2; 40101 UNAUTHORIZED in shard 2/2"),
                m.merge().referenceDisagreements().get(0));
        assertTrue(m.warnings().contains(m.merge().referenceDisagreements().get(0)));
    }
}
