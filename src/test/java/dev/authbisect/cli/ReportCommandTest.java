package dev.authbisect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.SeedIncident;
import dev.authbisect.analysis.VerdictAnalyzer;
import dev.authbisect.report.ResultJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = AuthBisect.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path seedJson() throws Exception {
        Path json = dir.resolve("run/result.json");
        ResultJson.write(VerdictAnalyzer.apply(SeedIncident.result()), json);
        return json;
    }

    @Test
    void reRendersHtmlMarkdownAndJunitNextToTheJsonByDefault() throws Exception {
        Path json = seedJson();
        assertEquals(0, run("report", json.toString()), err::toString);
        assertTrue(Files.readString(dir.resolve("run/index.html")).contains("TRACKS ENVIRONMENT"));
        assertTrue(Files.exists(dir.resolve("run/summary.md")));
        assertTrue(Files.exists(dir.resolve("run/junit.xml")));
        assertEquals(3, out.toString().lines().count(), out::toString);
        assertEquals("", err.toString());
    }

    @Test
    void writesOnlyTheRequestedFormatsIntoOut() throws Exception {
        Path json = seedJson();
        Path target = dir.resolve("elsewhere");
        assertEquals(0, run("report", json.toString(), "--format", "md,junit", "--out", target.toString()));
        assertTrue(Files.exists(target.resolve("summary.md")));
        assertTrue(Files.exists(target.resolve("junit.xml")));
        assertFalse(Files.exists(target.resolve("index.html")));
    }

    @Test
    void computesVerdictsWhenTheJsonHasNone() throws Exception {
        Path json = dir.resolve("raw.json");
        ResultJson.write(SeedIncident.result(), json);
        assertEquals(0, run("report", json.toString(), "--format", "md"));
        assertTrue(Files.readString(dir.resolve("summary.md")).contains("**TRACKS CODE**"));
    }

    @Test
    void readsAResultOfTheOlderSchemaOne() throws Exception {
        Path old = dir.resolve("old/result.json");
        Files.createDirectories(old.getParent());
        try (var in = getClass().getResourceAsStream("/dev/authbisect/report/result-schema1.json")) {
            Files.copy(in, old);
        }
        assertEquals(0, run("report", old.toString()), err::toString);
        String html = Files.readString(dir.resolve("old/index.html"));
        assertTrue(html.contains("id=\"row-mv1\""), "schema /1 row ids are kept as they were");
        assertTrue(html.contains("TRACKS ENVIRONMENT"));
    }

    @Test
    void aMissingFileIsOneLineAndExitTwo() {
        assertEquals(2, run("report", dir.resolve("nope.json").toString()));
        assertEquals(1, err.toString().lines().count(), err::toString);
        assertTrue(err.toString().startsWith("authbisect: result file "), err::toString);
        assertTrue(err.toString().contains("not found"));
    }

    @Test
    void aMalformedFileIsOneLineAndExitTwo() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"schema\": \"authbisect.result/1\", \"rows\": [ {\"id\": ");
        assertEquals(2, run("report", bad.toString()));
        assertEquals(1, err.toString().lines().count(), err::toString);
        assertTrue(err.toString().contains("not a valid result.json"), err::toString);
    }

    @Test
    void aJsonOfAnotherShapeIsOneLineAndExitTwo() throws Exception {
        Path other = dir.resolve("other.json");
        Files.writeString(other, "[1, 2, 3]");
        assertEquals(2, run("report", other.toString()));
        assertEquals(1, err.toString().lines().count(), err::toString);
        Files.writeString(other, "{\"schema\": \"something/9\", \"target\": {}}");
        err.getBuffer().setLength(0);
        assertEquals(2, run("report", other.toString()));
        assertTrue(err.toString().contains("schema 'something/9', expected 'authbisect.result/2'"), err::toString);
    }

    @Test
    void anUnknownFormatIsOneLineAndExitTwo() throws Exception {
        Path json = seedJson();
        assertEquals(2, run("report", json.toString(), "--format", "html,pdf"));
        assertEquals("authbisect: --format: unknown format 'pdf' (expected a comma-separated list of html, md, junit, json)",
                err.toString().trim());
    }

    @Test
    void theResultIsReadBackUnchanged() throws Exception {
        Path json = seedJson();
        RunResult before = ResultJson.read(json);
        assertEquals(0, run("report", json.toString(), "--format", "json", "--out", dir.resolve("copy").toString()));
        assertEquals(before, ResultJson.read(dir.resolve("copy/result.json")));
    }
}
