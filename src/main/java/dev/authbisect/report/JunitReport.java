package dev.authbisect.report;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.CommitRef;
import dev.authbisect.analysis.History;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@code junit.xml}: one {@code <testsuite>} per environment, one {@code <testcase>} per
 * (row, call). Auth rejections, API errors and unsent calls are {@code failure}s; transport,
 * probe and flaky cells are {@code error}s; skipped cells are {@code skipped}. A run stopped before
 * every trial ran adds a suite {@code authbisect run} whose one case is an {@code error} saying so.
 */
final class JunitReport {
    private JunitReport() {
    }

    private record Case(String classname, String name, Cell cell) {
    }

    static String render(RunResult r) {
        History history = History.of(r.rows());
        List<Row> rows = new ArrayList<>();
        r.rows().stream().filter(Row::isReference).findFirst().ifPresent(rows::add);
        rows.addAll(history.orderRows(r.rows()));
        List<String> envs = r.envNames();
        List<String> calls = r.callNames();
        Map<String, Cell> cells = new HashMap<>();
        r.cells().forEach(c -> cells.putIfAbsent(c.row() + "\u0000" + c.env() + "\u0000" + c.call(), c));

        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"authbisect\">\n");
        for (String env : envs) {
            List<Case> cases = new ArrayList<>();
            for (Row row : rows) {
                for (String call : calls) {
                    Cell c = cells.get(row.id() + "\u0000" + env + "\u0000" + call);
                    if (c != null) {
                        cases.add(new Case(env + "." + call, rowName(row), c));
                    }
                }
            }
            long failures = cases.stream().filter(k -> kind(k.cell().outcome()).equals("failure")).count();
            long errors = cases.stream().filter(k -> kind(k.cell().outcome()).equals("error")).count();
            long skipped = cases.stream().filter(k -> kind(k.cell().outcome()).equals("skipped")).count();
            double time = cases.stream().mapToLong(k -> k.cell().timing().latencyMs() == null ? 0 : k.cell().timing().latencyMs()).sum() / 1000.0;
            x.append("  <testsuite name=\"").append(Xml.escape(env)).append("\" tests=\"").append(cases.size())
                    .append("\" failures=\"").append(failures).append("\" errors=\"").append(errors)
                    .append("\" skipped=\"").append(skipped).append("\" time=\"").append(seconds(time))
                    .append("\"");
            if (r.startedAt() != null && !r.startedAt().isEmpty()) {
                x.append(" timestamp=\"").append(Xml.escape(r.startedAt())).append('"');
            }
            x.append(">\n");
            for (Case k : cases) {
                testcase(x, k);
            }
            x.append("  </testsuite>\n");
        }
        String incomplete = HtmlReport.incomplete(r);
        if (incomplete != null) {
            // a stopped run is an error of its own, so CI shows it even when every cell that ran passed
            x.append("  <testsuite name=\"authbisect run\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n")
                    .append("    <testcase classname=\"authbisect\" name=\"every planned trial ran\">\n")
                    .append("      <error type=\"INCOMPLETE\" message=\"").append(Xml.escape(incomplete)).append("\"/>\n")
                    .append("    </testcase>\n  </testsuite>\n");
        }
        return x.append("</testsuites>\n").toString();
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    static String kind(Outcome o) {
        return switch (o) {
            case OK -> "pass";
            case AUTH_REJECTED, API_ERROR, NOT_SENT -> "failure";
            case TRANSPORT_ERROR, RATE_LIMITED, PROBE_ERROR, FLAKY -> "error";
            case SKIPPED -> "skipped";
        };
    }

    private static String rowName(Row row) {
        if (row.isReference()) {
            return "reference client";
        }
        List<CommitRef> c = row.commits();
        if (c.isEmpty()) {
            return row.id();
        }
        CommitRef first = c.get(0);
        CommitRef last = c.get(c.size() - 1);
        return row.id() + " " + first.shortId() + (c.size() == 1 ? "" : ".." + last.shortId()) + " ("
                + (c.size() == 1 ? "1 commit" : c.size() + " commits") + ")";
    }

    private static void testcase(StringBuilder x, Case k) {
        Cell c = k.cell();
        x.append("    <testcase classname=\"").append(Xml.escape(k.classname())).append("\" name=\"")
                .append(Xml.escape(k.name())).append("\" time=\"")
                .append(seconds(c.timing().latencyMs() == null ? 0 : c.timing().latencyMs() / 1000.0)).append('"');
        String kind = kind(c.outcome());
        if (kind.equals("pass")) {
            x.append("/>\n");
            return;
        }
        x.append(">\n");
        String message = c.codeLabel() + (c.diagnosis().isEmpty() ? "" : ": " + c.diagnosis());
        StringBuilder body = new StringBuilder();
        body.append("outcome: ").append(c.outcome()).append('\n');
        if (c.answer().httpStatus() != null) {
            body.append("http: ").append(c.answer().httpStatus()).append('\n');
        }
        body.append("signature: ").append(c.checks().signature().status())
                .append(c.checks().signature().summary().isEmpty() ? "" : " — " + c.checks().signature().summary()).append('\n');
        c.checks().signature().findings().forEach(f -> body.append("  ").append(f.kind()).append(' ').append(f.component())
                .append(": client '").append(f.client()).append("', canonical '").append(f.canonical()).append("'\n"));
        c.evidence().egress().forEach(e -> body.append("egress attempt: ").append(e).append('\n'));
        if (!c.answer().simReason().isEmpty()) {
            body.append("simulator: ").append(c.answer().simReason()).append('\n');
        }
        if (kind.equals("skipped")) {
            x.append("      <skipped message=\"").append(Xml.escape(message)).append("\"/>\n");
        } else {
            x.append("      <").append(kind).append(" type=\"").append(c.outcome()).append("\" message=\"")
                    .append(Xml.escape(message)).append("\">").append(Xml.text(body.toString())).append("</")
                    .append(kind).append(">\n");
        }
        if (!c.evidence().response().isEmpty() || !c.evidence().request().isEmpty()) {
            x.append("      <system-out>").append(Xml.text(bounded("request:\n" + c.evidence().request() + "\nresponse:\n"
                    + c.evidence().response()))).append("</system-out>\n");
        }
        if (!c.evidence().probeTail().isEmpty()) {
            x.append("      <system-err>").append(Xml.text(bounded(c.evidence().probeTail()))).append("</system-err>\n");
        }
        x.append("    </testcase>\n");
    }

    private static String bounded(String s) {
        return s.length() <= 4000 ? s : s.substring(0, 4000) + "\n…(" + (s.length() - 4000) + " characters cut)";
    }
}
