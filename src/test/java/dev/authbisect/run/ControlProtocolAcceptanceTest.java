package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.Outcome;
import dev.authbisect.report.ResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A probe that misspells the calls it announces ({@code /call/open_order} for {@code open_orders}):
 * the relay answers 400 with a message the probe's log shows, the run warns (output and result.json),
 * and the requests are attributed by venue method — no cell claims that nothing reached the relay.
 */
class ControlProtocolAcceptanceTest {
    @TempDir
    Path dir;

    @Test
    void aMisspelledAnnouncementIsRefusedWarnedAboutAndItsRequestsStillCount() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir).config("PROBE_MODE: typo", "");

        PipelineFixture.Result r = fx.run("--env", "office", "--range", fx.only("fix"));

        RunResult result = ResultJson.read(fx.out().resolve("result.json"));
        List<Cell> cells = result.cells().stream().filter(c -> !c.row().equals("ref")).toList();
        assertEquals(2, cells.size(), result.cells().toString());
        for (Cell c : cells) {
            assertEquals(Outcome.OK, c.outcome(), c.call() + ": " + c.diagnosis());
        }
        assertEquals(0, r.code(), r.err());
        String warning = "the probe announced call 'open_order', which the config does not have (its calls: open_orders, "
                + "balance); the relay answered 400 and attributed the requests after it by venue method";
        assertTrue(result.warnings().stream().anyMatch(w -> w.startsWith(warning)), result.warnings().toString());
        assertTrue(r.err().contains("authbisect: warning: " + warning), r.err());
        String log;
        try (Stream<Path> logs = Files.list(fx.out().resolve("logs"))) {
            log = Files.readString(logs.filter(p -> p.getFileName().toString().startsWith("probe-")).findFirst().orElseThrow());
        }
        assertTrue(log.contains("authbisect relay: the config has no call 'open_order' (expected one of: balance, open_orders)"), log);
    }
}
