package dev.authbisect.bisect;

import dev.authbisect.bisect.BisectStart.CommitLabel;
import java.util.stream.Collectors;

/**
 * The text bisect log, in the format of {@code git bisect log}: comment lines plus
 * {@code git bisect start|good|bad|skip} lines, so {@code git bisect replay} can take it.
 * authbisect's own details (outcome, module version, reuse) are extra comment lines.
 */
public final class BisectLog {
    private BisectLog() {
    }

    public static String render(BisectResult result) {
        return render(result, java.util.List.of());
    }

    /**
     * The log with a pathspec on its {@code git bisect start} line (the module's paths, excludes as
     * {@code :(exclude,glob)} magic), so that {@code git bisect replay} considers the same commits as
     * authbisect: those that change the module.
     */
    public static String render(BisectResult result, java.util.List<String> pathspec) {
        BisectStart start = result.start();
        StringBuilder log = new StringBuilder();
        log.append("# authbisect bisect log");
        if (!start.badOn().isEmpty()) {
            log.append(" (bad on ").append(start.badOn().stream().map(Enum::name).sorted().collect(Collectors.joining(","))).append(')');
        }
        log.append('\n');
        label(log, "bad", start.bad());
        start.goods().forEach(g -> label(log, "good", g));
        log.append("git bisect start");
        if (start.firstParent()) {
            log.append(" '--first-parent'");
        }
        log.append(" '").append(start.bad().id()).append('\'');
        start.goods().forEach(g -> log.append(" '").append(g.id()).append('\''));
        if (!pathspec.isEmpty()) {
            log.append(" '--'");
            pathspec.forEach(p -> log.append(" '").append(p.replace("'", "'\\''")).append('\''));
        }
        log.append('\n');
        for (Step step : result.steps()) {
            Trial t = step.trial();
            log.append("# authbisect: ").append(oneLine(BisectText.line(step))).append(" [module version ").append(t.moduleVersion()).append("]\n");
            if (t.kind() == Trial.Kind.PREMISE) {
                continue; // the start line already marks --bad and --good; a premise that fails ends the bisection
            }
            label(log, step.term().word(), new CommitLabel(t.commit(), t.subject()));
            log.append("git bisect ").append(step.term().word()).append(' ').append(t.commit()).append('\n');
        }
        result.warnings().forEach(w -> log.append("# warning: ").append(w).append('\n'));
        if (result instanceof BisectResult.Found f) {
            BisectText.evidence(f).forEach(line -> log.append("# ").append(oneLine(line)).append('\n'));
            label(log, "first bad commit", f.commit());
        } else if (result instanceof BisectResult.OnlySkippedLeft o) {
            log.append("# only skipped commits left to test\n");
            o.candidates().forEach(c -> label(log, "possible first bad commit", c));
        } else {
            log.append("# ").append(oneLine(BisectText.conclusion(result))).append('\n');
        }
        return log.toString();
    }

    private static void label(StringBuilder log, String what, CommitLabel c) {
        log.append("# ").append(what).append(": [").append(c.id()).append("] ").append(oneLine(c.subject())).append('\n');
    }

    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
