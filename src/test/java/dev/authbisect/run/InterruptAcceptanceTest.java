package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.report.ResultJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM running {@code authbisect run} is interrupted (SIGINT) or killed (SIGKILL) mid-run; {@code --resume}
 * finishes it without running a finished trial again, and no probe process is left behind.
 */
class InterruptAcceptanceTest {
    @TempDir
    static Path shared;
    static PipelineFixture fx;
    /** An argument of every process the slow probe starts: how leftovers are found. */
    static final String MARKER = "authbisect-interrupt-test-" + UUID.randomUUID();

    @BeforeAll
    static void fixture() throws IOException {
        fx = PipelineFixture.python(shared.resolve("py"));
        // the fixture's probe, slowed down, with a child process that would outlive a careless harness
        Files.writeString(fx.dir.resolve("slow.py"), String.join("\n",
                "import os, runpy, subprocess, sys, time",
                "subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(120)', sys.argv[1]])",
                "time.sleep(1.0)",
                "sys.argv = [sys.argv[0]]",
                "runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'probe.py'), run_name='__main__')",
                ""));
        fx.config("", "", "[python3, \"${configDir}/slow.py\", \"" + MARKER + "\"]", "60s");
    }

    @Test
    void sigintWritesAPartialReportExits130AndResumeFinishesIt() throws Exception {
        Path out = shared.resolve("sigint");
        Process run = authbisect("run", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--out", out.toString(), "--jobs", "1");
        awaitFinishedTrials(out, 3, run);
        new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), "the run stops");
        assertEquals(130, run.exitValue(), stderr(run));
        assertTrue(stderr(run).contains("finish it with: authbisect run --config"), stderr(run));
        RunResult partial = ResultJson.read(out.resolve("result.json"));
        assertFalse(partial.isComplete());
        assertEquals(130, partial.exitCode());
        assertEquals("SIGINT", partial.interruption().signal());
        assertNoProbeLeft();

        resumeAndCheck(out);
    }

    @Test
    void sigkillLeavesAJournalThatResumeCompletesWithoutRunningFinishedTrialsAgain() throws Exception {
        Path out = shared.resolve("sigkill");
        Process run = authbisect("run", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--out", out.toString(), "--jobs", "2");
        awaitFinishedTrials(out, 4, run);
        run.destroyForcibly(); // SIGKILL: no handler runs
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, run.exitValue());
        assertFalse(Files.exists(out.resolve("result.json")), "killed before any report");
        // a probe running at the kill finishes on its own (its PID namespace then dies with it); nothing outlives that
        assertNoProbeLeft();

        resumeAndCheck(out);
    }

    /** Resumes the run in {@code out}: exit 3 like the full run, every trial once, none of the journaled ones again. */
    private void resumeAndCheck(Path out) throws Exception {
        Set<String> finishedBefore = new HashSet<>();
        for (JsonNode e : RunJournal.read(out.resolve("journal.jsonl"))) {
            if (e.path("event").asText().equals("trial_done") && !e.path("module_version").asText().isEmpty()) {
                finishedBefore.add(e.path("module_version").asText() + "@" + e.path("env").asText());
            }
        }
        int logBefore = fx.probeLog().size();
        Process resume = authbisect("run", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--resume", out.toString(), "--jobs", "2");
        assertTrue(resume.waitFor(180, TimeUnit.SECONDS), "the resumed run finishes");
        assertEquals(3, resume.exitValue(), stderr(resume));
        RunResult done = ResultJson.read(out.resolve("result.json"));
        assertTrue(done.isComplete());
        assertEquals(4, done.cells().stream().filter(c -> c.row().equals("ref")).count(), "every reference cell is there once");
        assertEquals((5 + 1) * 2 * 2, done.cells().size(), "every cell of 5 module versions + the reference row, 2 envs × 2 calls");
        List<String> probed = new ArrayList<>();
        for (String line : fx.probeLog().subList(logBefore, fx.probeLog().size())) {
            JsonNode n = dev.authbisect.core.Json.mapper().readTree(line);
            probed.add(n.path("mv").asText() + "@" + n.path("env").asText());
        }
        for (String p : probed) {
            assertFalse(finishedBefore.contains(p), "a finished trial ran again: " + p);
        }
        assertEquals(probed.size(), new HashSet<>(probed).size(), "each unfinished trial ran once: " + probed);
        assertNoProbeLeft();
    }

    private static void assertNoProbeLeft() throws InterruptedException {
        assertEquals(List.of(), dev.authbisect.process.Processes.stillRunningAfter(Duration.ofSeconds(20), MARKER), "no probe process outlives its run");
    }

    private static void awaitFinishedTrials(Path out, int n, Process run) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Path journal = out.resolve("journal.jsonl");
        while (System.nanoTime() < end) {
            if (!run.isAlive()) {
                throw new AssertionError("the run ended early: " + stderr(run));
            }
            if (Files.exists(journal) && RunJournal.read(journal).stream()
                    .filter(e -> e.path("event").asText().equals("trial_done")).count() >= n) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + n + " finished trials in time");
    }

    private static String stderr(Process p) {
        return ChildJvm.stderr(p);
    }

    private static Process authbisect(String... args) throws IOException {
        return ChildJvm.start(shared, java.util.Map.of(), args);
    }
}
