package dev.authbisect.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.CommitRef;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.VerdictAnalyzer;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Data from repositories, venues and probes is hostile: every report shows it as text. */
class HostileStringsTest {
    static final String SUBJECT = "<script>alert(\"x\")</script> | `rm -rf` & 'q' *bold* [l](http://e.invalid) \u0001ctl";
    static final String AUTHOR = "Bob \"the builder\" <bob@example.invalid> & Co";
    static final String BODY = "</pre><script>alert(1)</script>]]><!-- \u0000\u001b[31m \"quoted\" & 'single'";
    static final String ENV = "qa<&>\"|`x`";
    static final String CALL = "get_`x`|<y>";

    static RunResult hostile() {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.reference());
        CommitRef c1 = new CommitRef("a".repeat(40), null, "init", AUTHOR, "2025-12-01T10:00:00Z", List.of());
        CommitRef c2 = new CommitRef("b".repeat(40), null, SUBJECT, AUTHOR, "2025-12-01T11:00:00Z", List.of("a".repeat(40)));
        rows.add(new Row("mv1", Row.Kind.MODULE_VERSION, "h1", List.of(c1), "OK"));
        rows.add(new Row("mv2", Row.Kind.MODULE_VERSION, "h2", List.of(c2), "<b>FAILED</b>"));
        SignatureCheck sig = new SignatureCheck(SignatureCheck.Status.INVALID, "param <i> & \"x\"",
                List.of(new SignatureCheck.Finding("PARAM_RENDERING", "<i>|`", "1.0<", "1&")));
        List<Cell> cells = new ArrayList<>();
        for (Row r : rows) {
            boolean bad = r.id().equals("mv2");
            cells.add(new Cell(r.id(), ENV, CALL, bad ? Outcome.AUTH_REJECTED : Outcome.OK, "line one\nline two <b>&",
                    new Cell.Answer(bad ? 40101 : 0, bad ? "UNAUTHORIZED<>" : "", bad ? 401 : 200, "reason <script>"),
                    new Cell.Checks(bad ? sig : SignatureCheck.valid(), null), new Cell.Timing(12L, List.of()),
                    new Cell.Evidence("POST /x\n" + BODY, "HTTP 401\n" + BODY, List.of("GET http://evil.invalid/<script>"), BODY)));
        }
        RunResult r = new RunResult(null, "test<1>", "2025-12-19T08:00:00Z", "2025-12-19T08:01:00Z", "d\"igest", 0,
                new RunResult.Target("<img src=x onerror=alert(1)>", List.of("app/<x>"), "main..feature/\"q\"&amp;"),
                List.of(new RunResult.Environment(ENV, "sim", "key<&>…#0000", "sim:<x>", "203.0.113.7\"")),
                List.of(new RunResult.Call(CALL, "private/<m>")), rows, cells, List.of(),
                List.of("warning <b>bold</b> | `tick`"));
        return VerdictAnalyzer.apply(r);
    }

    @Test
    void htmlShowsEveryHostileStringAsText() {
        String html = ReportWriter.render(hostile(), Format.HTML);
        assertFalse(Pattern.compile("<script|<img|<b>FAILED|<b>bold|<i>|<y>|<!--", Pattern.CASE_INSENSITIVE)
                .matcher(html).find(), "no markup from data");
        assertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; | `rm -rf` &amp; &#39;q&#39;"));
        assertTrue(html.contains("Bob &quot;the builder&quot; &lt;bob@example.invalid&gt; &amp; Co"));
        assertTrue(html.contains("&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;]]&gt;&lt;!-- \uFFFD\uFFFD[31m"));
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assertFalse(html.contains("\u0001") || html.contains("\u0000") || html.contains("\u001b"), "no control characters");
        assertEquals(3, ReportWriterTest.count(html, "<tr id=\"row-"), "structure intact");
        assertTrue(html.trim().endsWith("</html>"));
    }

    @Test
    void htmlSentencesKeepNamesAsCodeWithoutLettingDataOpenCodeSpans() {
        String html = ReportWriter.render(hostile(), Format.HTML);
        assertTrue(html.contains("<code>get_&#39;x&#39;|&lt;y&gt;</code> broke at <code>bbbbbbb</code> (“&lt;script&gt;"),
                "backticks in names and subjects cannot start a code span");
    }

    @Test
    void markdownEscapesPipesBackticksAndMarkup() {
        String md = ReportWriter.render(hostile(), Format.MD);
        String outsideCode = md.replaceAll("`[^`\n]*`", "");
        assertFalse(Pattern.compile("<script|<img|<b>|<i>|<y>", Pattern.CASE_INSENSITIVE).matcher(outsideCode).find(),
                "no markup outside code spans (inside them it is shown as text): " + md);
        assertTrue(md.contains("`get_'x'\\|<y>`"), "a name as a code span: no backtick inside, pipe escaped");
        assertTrue(md.contains("&lt;script&gt;alert(\"x\")&lt;/script&gt; \\| 'rm \\-rf'".replace("\\-", "-")), md);
        assertTrue(md.contains("\\*bold\\* \\[l\\](http://e.invali"), "no emphasis or links from data");
        assertTrue(md.contains("warning &lt;b&gt;bold&lt;/b&gt; \\| \\`tick\\`"), md);
        assertFalse(md.contains("\u0001"));
        int columns = -1;
        for (String line : md.split("\n")) {
            if (line.startsWith("| rows")) {
                columns = unescapedPipes(line);
            } else if (columns > 0 && line.startsWith("|")) {
                assertEquals(columns, unescapedPipes(line), "table cell count intact: " + line);
            }
        }
        assertTrue(columns > 0);
    }

    private static int unescapedPipes(String line) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '|' && (i == 0 || line.charAt(i - 1) != '\\')) {
                n++;
            }
        }
        return n;
    }

    @Test
    void junitIsWellFormedXmlAndKeepsTheTextExact() throws Exception {
        String x = ReportWriter.render(hostile(), Format.JUNIT);
        Document d = ReportWriterTest.xml(x);
        Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
        assertEquals(ENV, suite.getAttribute("name"));
        Element failure = (Element) d.getElementsByTagName("failure").item(0);
        assertEquals("40101 UNAUTHORIZED<>: line one\nline two <b>&", failure.getAttribute("message"));
        String out = d.getElementsByTagName("system-out").item(0).getTextContent();
        assertTrue(out.contains("</pre><script>alert(1)</script>]]><!-- \\u0000\\u001b[31m"), out);
    }

    @Test
    void resultJsonRoundTripsHostileStrings() throws Exception {
        RunResult r = hostile();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("hostile");
        ReportWriter.write(r, dir, java.util.EnumSet.of(Format.JSON));
        assertEquals(r, ResultJson.read(dir.resolve("result.json")));
    }
}
