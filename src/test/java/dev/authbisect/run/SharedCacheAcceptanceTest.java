package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.report.ResultJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two runs (two JVMs) on one empty cache at once: both succeed with the same matrix; each module version is built once. */
class SharedCacheAcceptanceTest {
    @TempDir
    Path tmp;

    @Test
    void twoConcurrentRunsOnOneCacheBothSucceed() throws Exception {
        PipelineFixture fx = PipelineFixture.python(tmp.resolve("py"));
        Path cache = tmp.resolve("shared-cache");
        Map<String, String> env = Map.of("AUTHBISECT_CACHE_WARN_SIZE", "1");
        Process a = ChildJvm.start(tmp, env, "run", "--config", fx.configFile().toString(), "--cache", cache.toString(),
                "--out", tmp.resolve("a").toString());
        Process b = ChildJvm.start(tmp, env, "run", "--config", fx.configFile().toString(), "--cache", cache.toString(),
                "--out", tmp.resolve("b").toString());
        assertTrue(a.waitFor(240, TimeUnit.SECONDS) && b.waitFor(240, TimeUnit.SECONDS), "both finish");
        assertEquals(3, a.exitValue(), ChildJvm.stderr(a));
        assertEquals(3, b.exitValue(), ChildJvm.stderr(b));
        RunResult ra = ResultJson.read(tmp.resolve("a/result.json"));
        RunResult rb = ResultJson.read(tmp.resolve("b/result.json"));
        assertEquals(ScaleAcceptanceTest.cellKeys(ra), ScaleAcceptanceTest.cellKeys(rb));
        // one build per module version, shared: the second run to reach a version waits for the first and reuses it
        for (int i = 1; i < ra.rows().size(); i++) {
            String inA = ra.rows().get(i).build();
            String inB = rb.rows().get(i).build();
            assertEquals(1, (inA.endsWith("(cached)") ? 0 : 1) + (inB.endsWith("(cached)") ? 0 : 1),
                    "built by exactly one run: " + ra.rows().get(i).id() + " " + inA + " / " + inB);
        }
        String warned = ChildJvm.stderr(a) + ChildJvm.stderr(b);
        assertTrue(warned.contains("of builds (more than 1 B); 'authbisect cache prune --older-than 30d'"), warned);

        PipelineFixture.Result ls = fx.cli("cache", "ls", "--cache", cache.toString());
        assertEquals(0, ls.code(), ls.err());
        assertTrue(ls.out().contains("in 5 entries"), ls.out());
        assertTrue(!ls.out().contains("INCOMPLETE"), ls.out());
        PipelineFixture.Result prune = fx.cli("cache", "prune", "--cache", cache.toString(), "--max-size", "0");
        assertEquals(0, prune.code(), prune.err());
        assertTrue(prune.out().contains("removed 0 build entries") && prune.out().contains("kept 5 in use"), prune.out());
        PipelineFixture.Result bad = fx.cli("cache", "prune", "--cache", cache.toString(), "--older-than", "soon");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--older-than 'soon': expected an age like 30d"), bad.err());

        assertEquals(List.of(), dev.authbisect.process.Processes.stillRunningAfter(Duration.ofSeconds(10), fx.dir.resolve("probe.py").toString()),
                "no probe process left");
    }
}
