package dev.authbisect.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.Redactor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftHistoryTest {
    static final String MV = "1a2b3c4d5e6f";

    @TempDir
    Path dir;

    private static DriftReport night(RunResult base, RunResult now, String at, String sim) {
        return DriftComparator.compare(new DriftComparator.Input(base, "base.json", now, RowPins.DEFAULT, 0, at, sim));
    }

    private static Results ok() {
        return Results.standard(MV, "c1").all("1a2b3c4d", Outcome.OK, 0);
    }

    @Test
    void everyRunAppendsOneLineThatReadsBackAndBadLinesAreSkipped() throws Exception {
        Path file = dir.resolve("reports/drift-history.jsonl");
        RunResult base = ok().build();
        RunResult revoked = ok().set("ref", "prod", "get_open_orders", Outcome.AUTH_REJECTED, 40101)
                .set("1a2b3c4d", "prod", "get_open_orders", Outcome.AUTH_REJECTED, 40101).build();
        Redactor redactor = Redactor.random();
        DriftHistory.append(file, DriftHistory.entry(night(base, base, "2025-12-19T02:00:00Z", ""), base, dir.resolve("n1")), redactor);
        Files.writeString(file, "{not json\n", java.nio.file.StandardOpenOption.APPEND);
        DriftHistory.append(file, DriftHistory.entry(night(base, revoked, "2025-12-20T02:00:00Z", "2025-12-20T09:00:00Z"), revoked,
                dir.resolve("n2")), redactor);
        assertEquals(3, Files.readAllLines(file).size());

        DriftHistory.Read read = DriftHistory.read(file);
        assertEquals(1, read.skipped());
        assertEquals(2, read.entries().size());
        DriftHistory.Entry second = read.entries().get(1);
        assertEquals(3, second.exitCode());
        assertEquals("2025-12-20T09:00:00Z", second.simClock());
        assertEquals(8, second.cells().size(), "reference and HEAD × 2 environments × 2 calls");
        assertTrue(second.cells().contains(new DriftHistory.EntryCell("prod", "get_open_orders", "head", "AUTH_REJECTED 40101")));
        assertEquals(List.of(new DriftHistory.EntryFinding("prod", "get_open_orders", DriftReport.Kind.ENVIRONMENT)), second.findings());
        assertEquals(dir.resolve("reports/drift-history.html"), DriftHistory.trendFileFor(file));
    }

    @Test
    void theHistoryGoesThroughTheRedactor() {
        Path file = dir.resolve("h.jsonl");
        String key = "raHZAk1MDkAWviDpcBxAWU";
        RunResult run = Results.result().env("prod", key).call("c").reference().version(MV, "c1")
                .cell("ref", "prod", "c", Outcome.OK, 0).cell("1a2b3c4d", "prod", "c", Outcome.OK, 0).build();
        Redactor redactor = Redactor.random().with(Credentials.of(key, "s3cret-value"));
        DriftHistory.append(file, DriftHistory.entry(DriftComparator.created(run, "b.json", RowPins.DEFAULT, "t", ""), run,
                dir.resolve("report-" + key)), redactor);
        String text = assertDoesNotThrowRead(file);
        assertFalse(text.contains(key), text);
        assertTrue(text.contains("raHZAk…#"), text);
    }

    private static String assertDoesNotThrowRead(Path f) {
        try {
            return Files.readString(f);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theTrendPageIsSelfContainedEscapedAndMarksChangePoints() {
        String hostileEnv = "<script>alert(1)</script>";
        RunResult base = Results.result().env(hostileEnv, "k…#1").call("get_\"x'").reference().version(MV, "c1")
                .cell("ref", hostileEnv, "get_\"x'", Outcome.OK, 0).cell("1a2b3c4d", hostileEnv, "get_\"x'", Outcome.OK, 0).build();
        RunResult bad = Results.result().env(hostileEnv, "k…#1").call("get_\"x'").reference().version(MV, "c1")
                .cell("ref", hostileEnv, "get_\"x'", Outcome.AUTH_REJECTED, 40101)
                .cell("1a2b3c4d", hostileEnv, "get_\"x'", Outcome.AUTH_REJECTED, 40101).build();
        List<DriftHistory.Entry> entries = List.of(
                DriftHistory.entry(night(base, base, "2025-12-19T02:00:00Z", ""), base, dir),
                DriftHistory.entry(night(base, bad, "2025-12-20T02:00:00Z", ""), bad, dir),
                DriftHistory.entry(night(base, bad, "2025-12-21T02:00:00Z", ""), bad, dir));
        String html = TrendPage.render(new DriftHistory.Read(entries, 2), "reports/<h>.jsonl", "2025-12-21T03:00:00Z");
        assertFalse(html.contains("<script"), "no scripts, hostile names escaped");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(html.contains("get_&quot;x&#39;"));
        assertTrue(html.contains("Content-Security-Policy"));
        assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing loaded from elsewhere");
        Matcher cells = Pattern.compile("<td class=\"([^\"]*)\" title=\"[^\"]*\"><span class=\"h ([^\"]*)\">([^<]*)</span>").matcher(html);
        StringBuilder seen = new StringBuilder();
        while (cells.find()) {
            seen.append('[').append(cells.group(1).strip()).append('|').append(cells.group(2)).append('|').append(cells.group(3)).append(']');
        }
        assertEquals("[|o-ok|][chg|o-auth-rejected|E][|o-auth-rejected|E]", seen.toString(),
                "night 2 is the change point; nights 2 and 3 report ENVIRONMENT drift against the baseline");
        assertTrue(html.contains("2 lines of the history could not be read"), html);
        assertTrue(html.contains("<b>3</b> nights"));
    }
}
