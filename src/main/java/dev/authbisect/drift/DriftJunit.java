package dev.authbisect.drift;

import dev.authbisect.drift.DriftReport.CellDrift;
import dev.authbisect.drift.DriftReport.Finding;
import dev.authbisect.drift.DriftReport.Status;
import dev.authbisect.report.Xml;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code junit.xml} of a drift run: one {@code <testsuite>} per environment, one {@code <testcase>}
 * per environment × call. A changed auth result is a {@code failure} (its message is the
 * sentence), an undecided cell an {@code error}, cells on one side only {@code skipped}.
 */
final class DriftJunit {
    private DriftJunit() {
    }

    static String render(DriftReport r) {
        Set<String> envs = new LinkedHashSet<>();
        r.findings().forEach(f -> envs.add(f.env()));
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"authbisect drift\">\n");
        for (String env : envs) {
            List<Finding> cases = r.findings().stream().filter(f -> f.env().equals(env)).toList();
            List<String> kinds = new ArrayList<>();
            cases.forEach(f -> kinds.add(kind(r, f)));
            x.append("  <testsuite name=\"drift.").append(Xml.escape(env)).append("\" tests=\"").append(cases.size())
                    .append("\" failures=\"").append(count(kinds, "failure")).append("\" errors=\"").append(count(kinds, "error"))
                    .append("\" skipped=\"").append(count(kinds, "skipped")).append("\" time=\"0.000\"");
            if (!r.checkedAt().isEmpty()) {
                x.append(" timestamp=\"").append(Xml.escape(r.checkedAt())).append('"');
            }
            x.append(">\n");
            for (int i = 0; i < cases.size(); i++) {
                testcase(x, r, cases.get(i), kinds.get(i));
            }
            x.append("  </testsuite>\n");
        }
        return x.append("</testsuites>\n").toString();
    }

    private static long count(List<String> kinds, String kind) {
        return kinds.stream().filter(kind::equals).count();
    }

    /** pass, failure (an auth result changed), error (undecided), skipped (one side only). */
    static String kind(DriftReport r, Finding f) {
        List<CellDrift> cells = cells(r, f);
        if (cells.stream().anyMatch(c -> c.status() == Status.CHANGED)) {
            return "failure";
        }
        if (cells.stream().anyMatch(c -> c.status() == Status.UNDECIDED)) {
            return "error";
        }
        if (f.kind() == DriftReport.Kind.ONE_SIDE) {
            return "skipped";
        }
        return "pass";
    }

    private static List<CellDrift> cells(DriftReport r, Finding f) {
        return r.cells().stream().filter(c -> c.env().equals(f.env()) && c.call().equals(f.call())).toList();
    }

    private static void testcase(StringBuilder x, DriftReport r, Finding f, String kind) {
        x.append("    <testcase classname=\"drift.").append(Xml.escape(f.env())).append("\" name=\"").append(Xml.escape(f.call()))
                .append("\" time=\"0.000\"");
        if (kind.equals("pass")) {
            x.append("/>\n");
            return;
        }
        x.append(">\n");
        String message = f.sentence().replace("`", "");
        if (kind.equals("skipped")) {
            x.append("      <skipped message=\"").append(Xml.escape(message)).append("\"/>\n");
        } else {
            StringBuilder body = new StringBuilder();
            for (CellDrift c : cells(r, f)) {
                body.append(DriftText.role(c).replace("`", "")).append(": ").append(c.baseline().isEmpty() ? "–" : c.baseline())
                        .append(" → ").append(c.current().isEmpty() ? "–" : c.current()).append(" (").append(DriftPage.words(c.status()))
                        .append(")\n");
            }
            x.append("      <").append(kind).append(" type=\"").append(f.kind()).append("\" message=\"").append(Xml.escape(message))
                    .append("\">").append(Xml.text(body.toString())).append("</").append(kind).append(">\n");
        }
        x.append("    </testcase>\n");
    }
}
