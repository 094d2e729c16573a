package dev.authbisect.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end: {@code authbisect report} through the shaded jar, then the page in headless
 * Chromium (Debian's {@code chromium}; {@code .ci/run} installs it): no console messages (no
 * errors, no blocked loads), the verdicts and the matrix in the DOM, and a screenshot in
 * {@code target/report-screenshot.png}.
 */
class ReportAcceptanceTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path WORK = Path.of("target", "report-acceptance").toAbsolutePath();

    record Ran(int exit, String out, String err) {
    }

    @BeforeAll
    static void clean() throws IOException {
        if (Files.exists(WORK)) {
            try (var walk = Files.walk(WORK)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(WORK);
    }

    static Ran exec(List<String> command, int timeoutSeconds) throws Exception {
        Path out = Files.createTempFile(WORK, "out", ".txt");
        Path err = Files.createTempFile(WORK, "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("timed out after " + timeoutSeconds + " s: " + command);
        }
        return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static Ran authbisect(String... args) throws Exception {
        String jar = System.getProperty("authbisect.jar", "target/authbisect.jar");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar));
        cmd.addAll(List.of(args));
        return exec(cmd, 120);
    }

    static Ran chromium(Path page, String... extra) throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "headless Chromium is needed: apt-get install -y chromium (.ci/run does)");
        Path profile = Files.createTempDirectory(WORK, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        return exec(cmd, 120);
    }

    /** Lines Chromium logs for the page's console: errors, CSP violations, blocked loads. */
    static List<String> consoleLines(String stderr) {
        return stderr.lines().filter(l -> l.contains(":CONSOLE") || l.contains("Content Security Policy")
                || l.contains("Uncaught") || l.contains("Failed to load")).toList();
    }

    @Test
    void reportRendersTheSeedRunAndChromiumShowsItWithoutErrors() throws Exception {
        Path run = WORK.resolve("seed");
        ReportWriter.write(ReportFixtures.seed(), run, EnumSet.of(Format.JSON));
        Ran report = authbisect("report", run.resolve("result.json").toString(), "--format", "html,md,junit");
        assertEquals(0, report.exit(), report.err());
        assertEquals(3, report.out().lines().count(), report.out());
        Path index = run.resolve("index.html");
        assertTrue(Files.exists(index) && Files.exists(run.resolve("summary.md")) && Files.exists(run.resolve("junit.xml")));

        Ran dom = chromium(index, "--dump-dom");
        assertEquals(0, dom.exit(), dom.err());
        assertEquals(List.of(), consoleLines(dom.err()), "no console messages");
        String d = dom.out();
        assertTrue(d.contains("All 9 module versions (214 commits) and the reference client fail <code>get_open_orders</code>"
                + " under <code>local</code> with 40101 UNAUTHORIZED; all pass under <code>prod</code>."), "verdict text in the DOM");
        assertTrue(d.contains("The failure tracks the CODE."));
        assertTrue(d.contains("The failures are MIXED"));
        assertTrue(d.contains("<table class=\"matrix\">"), "matrix in the DOM");
        assertEquals(10, ReportWriterTest.count(d, "<tr id=\"row-"), "reference + 9 module versions");
        assertTrue(d.indexOf("id=\"row-ref\"") < d.indexOf("id=\"row-mv1\""), "reference row first");

        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        Ran screenshot = chromium(index, "--screenshot=" + shot, "--window-size=1400,1000", "--hide-scrollbars");
        assertEquals(0, screenshot.exit(), screenshot.err());
        byte[] png = Files.readAllBytes(shot);
        assertTrue(png.length > 20_000, "a real screenshot: " + png.length + " bytes");
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
        Ran full = chromium(index, "--screenshot=" + Path.of("target", "report-screenshot-full.png").toAbsolutePath(),
                "--window-size=1400,2400", "--hide-scrollbars");
        assertEquals(0, full.exit(), full.err());
    }

    @Test
    void hostileDataStaysTextInTheBrowser() throws Exception {
        Path run = WORK.resolve("hostile");
        ReportWriter.write(HostileStringsTest.hostile(), run, EnumSet.of(Format.JSON));
        Ran report = authbisect("report", run.resolve("result.json").toString());
        assertEquals(0, report.exit(), report.err());
        Ran dom = chromium(run.resolve("index.html"), "--dump-dom");
        assertEquals(List.of(), consoleLines(dom.err()), "nothing ran, nothing was blocked");
        assertFalse(dom.out().toLowerCase(java.util.Locale.ROOT).contains("<script"), "no script element in the DOM");
        assertFalse(dom.out().contains("<img"), "no image element in the DOM");
        assertTrue(dom.out().contains("&lt;script&gt;alert(\"x\")&lt;/script&gt;"), "the subject shows as text");
    }

    @Test
    void aFiveHundredVersionReportLoadsInTheBrowser() throws Exception {
        Path run = WORK.resolve("big");
        ReportWriter.write(ReportFixtures.large(500, 4), run, EnumSet.of(Format.HTML));
        Ran dom = chromium(run.resolve("index.html"), "--dump-dom");
        assertEquals(0, dom.exit(), dom.err());
        assertEquals(List.of(), consoleLines(dom.err()));
        assertEquals(501, ReportWriterTest.count(dom.out(), "<tr id=\"row-"));
        Ran shot = chromium(run.resolve("index.html"),
                "--screenshot=" + Path.of("target", "report-screenshot-500.png").toAbsolutePath(),
                "--window-size=1400,1600", "--hide-scrollbars");
        assertEquals(0, shot.exit(), shot.err());
    }

    @Test
    void aBadResultFileIsOneLineAndExitTwo() throws Exception {
        Path bad = WORK.resolve("bad.json");
        Files.writeString(bad, "{ not json");
        Ran r = authbisect("report", bad.toString());
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("authbisect: result file "), r.err());
    }
}
