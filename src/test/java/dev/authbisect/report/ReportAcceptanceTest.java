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

    /** Elements (outside scroll containers and closed details) that reach past the viewport's right edge. */
    private static final String OVERFLOW = """
            (() => {
              const vw = document.documentElement.clientWidth;
              const scrolls = (el) => { for (let a = el.parentElement; a; a = a.parentElement) {
                  const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
              const wrap = document.querySelector('.matrix-wrap');
              const out = { vw, inner: window.innerWidth, docScroll: document.documentElement.scrollWidth, bodyScroll: document.body.scrollWidth,
                            wrapClient: wrap.clientWidth, wrapScroll: wrap.scrollWidth,
                            wrapRight: wrap.getBoundingClientRect().right, overflow: [] };
              for (const el of document.querySelectorAll('body *')) {
                const r = el.getBoundingClientRect();
                if (r.width > 0 && (r.right > vw + 1 || r.left < -1) && !scrolls(el)) {
                  out.overflow.push(el.tagName + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
                }
              }
              return JSON.stringify(out);
            })()""";

    /** Under print media: cells inside the page width, and every cell's evidence rendered. */
    private static final String PRINTED = """
            (() => {
              const vw = document.documentElement.clientWidth;
              const cells = [...document.querySelectorAll('table.matrix td.c')];
              const shown = (el) => el.getBoundingClientRect().height > 0;
              const pops = [...document.querySelectorAll('table.matrix td.c .pop')];
              return JSON.stringify({ vw, docScroll: document.documentElement.scrollWidth, cells: cells.length,
                outside: cells.filter(td => td.getBoundingClientRect().right > vw + 1 || !shown(td)).length,
                pops: pops.length, hiddenPops: pops.filter(p => !shown(p)).length,
                pres: document.querySelectorAll('table.matrix td.c .pop pre').length,
                hiddenPres: [...document.querySelectorAll('table.matrix td.c .pop pre')].filter(p => !shown(p)).length,
                places: cells.filter(td => /\\S+ · \\S+/.test(td.innerText)).length,
                repro: [...document.querySelectorAll('table.matrix td.c code.repro')].filter(shown).length });
            })()""";

    @Test
    void theReportFitsA390PixelScreenAndPrintsEveryColumnWithItsEvidence() throws Exception {
        Path run = WORK.resolve("phone");
        ReportWriter.write(ReportFixtures.seed(), run, EnumSet.of(Format.JSON));
        Ran report = authbisect("report", run.resolve("result.json").toString(), "--format", "html");
        assertEquals(0, report.exit(), report.err());
        Path index = run.resolve("index.html");

        try (Cdp page = Cdp.launch(CHROMIUM, WORK)) {
            page.viewport(390, 844, "screen");
            page.open(index);
            var phone = page.evalJson(OVERFLOW);
            assertEquals(390, phone.path("inner").asInt(), phone.toString());
            int vw = phone.path("vw").asInt(); // 390 less a vertical scrollbar
            assertTrue(phone.path("docScroll").asInt() <= vw, "no horizontal scrolling of the page: " + phone);
            assertTrue(phone.path("wrapClient").asInt() <= vw && phone.path("wrapRight").asDouble() <= vw + 1,
                    "the matrix container fits the screen: " + phone);
            assertTrue(phone.path("wrapScroll").asInt() > phone.path("wrapClient").asInt(),
                    "the 6-column matrix scrolls inside its container: " + phone);
            assertEquals(List.of(), Cdp.strings(phone.path("overflow")), "nothing reaches past the screen's edge");

            page.viewport(1047, 794, "print"); // A4 landscape at 96 dpi, 10 mm margins
            page.open(index);
            var printed = page.evalJson(PRINTED);
            assertEquals(60, printed.path("cells").asInt(), printed.toString());
            assertEquals(0, printed.path("outside").asInt(), "every column is on the page: " + printed);
            assertTrue(printed.path("docScroll").asInt() <= 1047, printed.toString());
            assertEquals(60, printed.path("pops").asInt(), "every cell has its evidence: " + printed);
            assertEquals(0, printed.path("hiddenPops").asInt(), "and it is shown when printed: " + printed);
            assertTrue(printed.path("pres").asInt() > 0 && printed.path("hiddenPres").asInt() == 0, printed.toString());
            assertEquals(60, printed.path("places").asInt(), "each printed cell says its environment and call: " + printed);
            assertEquals(60, printed.path("repro").asInt(), printed.toString());
        }

        Path pdf = WORK.resolve("report.pdf");
        Ran print = chromium(index, "--print-to-pdf=" + pdf, "--no-pdf-header-footer");
        assertEquals(0, print.exit(), print.err());
        byte[] bytes = Files.readAllBytes(pdf);
        assertEquals("%PDF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
        String raw = new String(bytes, StandardCharsets.ISO_8859_1);
        int pages = ReportWriterTest.count(raw, "/Type /Page") - ReportWriterTest.count(raw, "/Type /Pages");
        assertTrue(bytes.length > 50_000, "a real PDF: " + bytes.length + " bytes");
        assertTrue(pages >= 3, "the expanded evidence takes pages: " + pages);
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
