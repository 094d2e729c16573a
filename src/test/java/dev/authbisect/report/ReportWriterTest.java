package dev.authbisect.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.RunResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportWriterTest {
    @TempDir
    Path dir;

    static Document xml(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void writesEveryFormatIntoTheFolderAndResultJsonReadsBackEqual() throws Exception {
        RunResult seed = ReportFixtures.seed();
        List<Path> written = ReportWriter.write(seed, dir.resolve("run-1"), Format.all());
        assertEquals(List.of("index.html", "summary.md", "junit.xml", "result.json"),
                written.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(seed, ResultJson.read(dir.resolve("run-1/result.json")));
        try (var files = Files.list(dir.resolve("run-1"))) {
            assertEquals(4, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void writesOnlyTheFormatsAsked() throws Exception {
        List<Path> written = ReportWriter.write(ReportFixtures.seed(), dir, EnumSet.of(Format.MD));
        assertEquals(List.of(dir.resolve("summary.md")), written);
        assertFalse(Files.exists(dir.resolve("index.html")));
    }

    @Test
    void htmlIsSelfContainedAndShowsVerdictsReferenceAndMatrix() {
        String html = ReportWriter.render(ReportFixtures.seed(), Format.HTML);
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"), "loads nothing from anywhere");
        assertFalse(Pattern.compile("<script|<link|\\ssrc=|\\shref=(?!\"#c-)|@import|url\\(", Pattern.CASE_INSENSITIVE)
                .matcher(html).find(), "no script, stylesheet, image or font reference; links only to cells of this page");
        assertTrue(html.contains("<span class=\"badge\">TRACKS ENVIRONMENT</span>"));
        assertTrue(html.contains("<span class=\"badge\">TRACKS CODE</span>"));
        assertTrue(html.contains("<span class=\"badge\">MIXED</span>"));
        assertTrue(html.contains("All 9 module versions (214 commits) and the reference client fail <code>get_open_orders</code>"
                + " under <code>local</code> with 40101 UNAUTHORIZED; all pass under <code>prod</code>."), "sentence with names as code");
        int ref = html.indexOf("<tr id=\"row-ref\" class=\"ref\">");
        int mv1 = html.indexOf("<tr id=\"row-mv1\"");
        assertTrue(ref > 0 && mv1 > ref, "reference row pinned first");
        assertEquals(9, count(html, "<tr id=\"row-mv"), "one row per module version");
        assertEquals(10 * 6, count(html, "<td class=\"c "), "a cell per row and column");
        assertTrue(html.contains("<th class=\"env envstart\" colspan=\"3\">local <span class=\"kind\">sim</span></th>"));
        assertTrue(html.contains("30 commits"));
        assertTrue(html.contains("send times as floats"));
        assertTrue(html.contains("breaks get_order_history · local, prod"), "transition marked on its row");
        assertTrue(html.contains("<td>PARAM_RENDERING</td><td>start_time</td>"), "signature findings in the cell");
        assertTrue(html.contains("not in allowlist [47.130.143.159]"), "simulator reason shown for sim environments");
        assertTrue(html.contains("GET http://api.ipify.org/ (refused: not the relay)"), "egress attempts shown");
        assertTrue(html.contains("<div class=\"strip\">"), "history strip");
    }

    @Test
    void simulatorReasonsAreNotShownForLiveEnvironments() {
        RunResult seed = ReportFixtures.seed();
        String html = ReportWriter.render(seed, Format.HTML);
        Matcher m = Pattern.compile("<h4>mv4 · prod · get_order_history <a href=\"#c-mv4-prod-get_order_history\">#</a></h4>(.*?)</div>\\s*</details>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find());
        assertFalse(m.group(1).contains("<dt>simulator</dt>"), m.group(1));
    }

    @Test
    void markdownHasVerdictsAndACompactMatrix() {
        String md = ReportWriter.render(ReportFixtures.seed(), Format.MD);
        assertTrue(md.contains("| `get_open_orders` | **TRACKS ENVIRONMENT** |"));
        assertTrue(md.contains("| **reference** | – | ❌ 40101 | ❌ 40101 | ✅ OK | ✅ OK | ✅ OK | ✅ OK |"), md);
        assertTrue(md.contains("| mv1–mv3 `"), "equal neighbours share a line");
        assertTrue(md.contains("❌ 40101 ✗sig"));
        assertTrue(md.contains("signature: start\\_time, end\\_time rendered differently"));
    }

    @Test
    void junitHasASuitePerEnvironmentAndClassifiesCells() throws Exception {
        Document d = xml(ReportWriter.render(ReportFixtures.seed(), Format.JUNIT));
        NodeList suites = d.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        Element local = (Element) suites.item(0);
        assertEquals("local", local.getAttribute("name"));
        assertEquals("30", local.getAttribute("tests"));
        assertEquals("23", local.getAttribute("failures")); // 10 summary + 10 open orders + 3 history
        Element prod = (Element) suites.item(1);
        assertEquals("4", prod.getAttribute("failures")); // 1 summary + 3 history
        Element firstCase = (Element) local.getElementsByTagName("testcase").item(0);
        assertEquals("local.get_account_summary", firstCase.getAttribute("classname"));
        assertEquals("reference client", firstCase.getAttribute("name"));
        assertEquals("40101 UNAUTHORIZED: venue answered 40101 UNAUTHORIZED",
                ((Element) firstCase.getElementsByTagName("failure").item(0)).getAttribute("message"));
    }

    @Test
    void junitMarksErrorsAndSkips() throws Exception {
        Document d = xml(ReportWriter.render(ReportFixtures.large(120, 2), Format.JUNIT));
        Element local = (Element) d.getElementsByTagName("testsuite").item(0);
        assertTrue(Integer.parseInt(local.getAttribute("errors")) > 0);
        assertTrue(Integer.parseInt(local.getAttribute("skipped")) > 0);
        assertTrue(d.getElementsByTagName("skipped").getLength() > 0);
        NodeList errors = d.getElementsByTagName("error");
        List<String> types = new java.util.ArrayList<>();
        for (int i = 0; i < errors.getLength(); i++) {
            types.add(((Element) errors.item(i)).getAttribute("type"));
        }
        assertTrue(types.containsAll(List.of("TRANSPORT_ERROR", "FLAKY", "PROBE_ERROR")), types.toString());
    }

    @Test
    void fiveHundredModuleVersionsStayReadableAndReasonablySized() throws Exception {
        RunResult big = ReportFixtures.large(500, 4);
        long t0 = System.nanoTime();
        List<Path> written = ReportWriter.write(big, dir, EnumSet.of(Format.HTML, Format.MD, Format.JUNIT));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long html = Files.size(written.get(0));
        long md = Files.size(written.get(1));
        String page = Files.readString(written.get(0));
        assertEquals(500, count(page, "<tr id=\"row-mv"));
        assertEquals(501 * 6, count(page, "<td class=\"c "));
        assertTrue(html < 5_000_000, "index.html is " + html + " bytes");
        assertTrue(md < 64 * 1024, "summary.md is " + md + " bytes");
        assertTrue(Files.readString(written.get(1)).contains("more groups of module versions: see index.html"));
        assertTrue(page.contains("left out to keep this page small"), "evidence budget applied");
        assertTrue(millis < 20_000, "rendered in " + millis + " ms");
        xml(Files.readString(written.get(2)));
        System.out.printf("500 module versions x 6 columns: index.html %,d bytes, summary.md %,d bytes, %d ms%n", html, md, millis);
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
