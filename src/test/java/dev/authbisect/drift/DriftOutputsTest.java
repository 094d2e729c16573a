package dev.authbisect.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.VerdictAnalyzer;
import dev.authbisect.core.Outcome;
import java.io.StringReader;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** index.html's drift section, summary.md and junit.xml of one drift report. */
class DriftOutputsTest {
    static final String MV1 = "1a2b3c4d5e6f";
    static final String MV2 = "9f8e7d6c5b4a";
    static final String HOSTILE = "prod<b>|*`";

    private static RunResult base() {
        return Results.result().env("local", "z3HWF8…#d5a8").env(HOSTILE, "raHZAk…#3f2a").call("get_open_orders").call("get_order_history")
                .reference().version(MV1, "c1").all("1a2b3c4d", Outcome.OK, 0).build();
    }

    private static RunResult now() {
        return VerdictAnalyzer.apply(Results.result().env("local", "z3HWF8…#d5a8").env(HOSTILE, "raHZAk…#3f2a").call("get_open_orders")
                .call("get_order_history").reference().version(MV2, "c2").all("9f8e7d6c", Outcome.OK, 0)
                .set("ref", HOSTILE, "get_open_orders", Outcome.AUTH_REJECTED, 40101)
                .set("9f8e7d6c", HOSTILE, "get_open_orders", Outcome.AUTH_REJECTED, 40101)
                .set("9f8e7d6c", "local", "get_order_history", Outcome.AUTH_REJECTED, 40101)
                .set("9f8e7d6c", "local", "get_open_orders", Outcome.TRANSPORT_ERROR, null).build());
    }

    private static DriftReport report() {
        return DriftComparator.compare(new DriftComparator.Input(base(), "git:b:<x>.json", now(), RowPins.DEFAULT, 1,
                "2025-12-21T02:00:00Z", "2025-12-21T09:00:00Z"));
    }

    @Test
    void indexHtmlIsTheRunsPageWithTheDriftSectionBeforeItsVerdictsEscaped() {
        String html = DriftPage.indexHtml(now(), report());
        int drift = html.indexOf("<section id=\"drift\"");
        int verdicts = html.indexOf("<section id=\"verdicts\">");
        assertTrue(drift > 0 && drift < verdicts, "drift section first");
        assertTrue(html.indexOf("section.drift {") < html.indexOf("</style>"), "its styles are in the page's one style element");
        assertEquals(1, html.split("<style>", -1).length - 1);
        assertFalse(html.contains("<b>|*`"), "names escaped");
        assertTrue(html.contains("prod&lt;b&gt;|*`"));
        assertTrue(html.contains("git:b:&lt;x&gt;.json"));
        assertFalse(html.contains("<script"));
        assertTrue(html.contains("ENVIRONMENT drift</span>"));
        assertTrue(html.contains("CODE change</span>"));
        assertTrue(html.contains("<a href=\"trend.html\">"));
        assertTrue(html.contains("2025-12-21T09:00:00Z"), "the simulator clock is shown");
    }

    @Test
    void junitHasOneTestcasePerEnvironmentAndCallWithAFailureOnDrift() throws Exception {
        String xml = DriftJunit.render(report());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        NodeList cases = doc.getElementsByTagName("testcase");
        assertEquals(4, cases.getLength(), "2 environments × 2 calls");
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        assertEquals("drift." + HOSTILE, ((Element) suites.item(1)).getAttribute("name"));
        assertEquals(1, doc.getElementsByTagName("error").getLength(), "local × get_open_orders went to TRANSPORT_ERROR: undecided");
        assertEquals(2, doc.getElementsByTagName("failure").getLength());
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertEquals("CODE", failure.getAttribute("type"));
        assertTrue(failure.getAttribute("message").startsWith("local × get_order_history: OK → AUTH_REJECTED 40101"),
                failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("the module at HEAD: OK → AUTH_REJECTED 40101 (changed)"), failure.getTextContent());
    }

    @Test
    void summaryMarkdownLeadsWithTheDriftAndEscapesNames() {
        String md = DriftMarkdown.render(report(), now());
        assertTrue(md.startsWith("## authbisect drift: repo `HEAD`\n\n❌ **Drift since the baseline of 2025-11-30: 3 of 4"), md);
        assertTrue(md.contains("| `local` | `get_order_history` | ✅ OK | ✅ OK → ❌ AUTH\\_REJECTED 40101 | **CODE change** |"), md);
        assertTrue(md.contains("`prod<b>\\|*'`"), "a name is a code span with | escaped and backticks replaced");
        assertTrue(md.contains("### What moved"));
        assertTrue(md.contains("\n---\n\n## authbisect: repo"), "the run's own summary follows");
        assertFalse(md.replaceAll("`[^`\n]*`", "").contains("<b>"), "HTML only inside code spans, where it renders as text");
    }
}
