package dev.authbisect.bisect;

import dev.authbisect.bisect.BisectStart.CommitLabel;
import java.util.List;
import java.util.stream.Collectors;

/** The human lines of a bisection: one per step as it goes, and the conclusion. Pure functions. */
public final class BisectText {
    private BisectText() {
    }

    /**
     * The first line: what is bisected, the resolved ends (short ids and subjects, never a bare HEAD) and what
     * counts as bad: {@code bisecting get_open_orders under local: good a1b2c3d “Add client” … bad f102d57 “…”
     * (6 module versions; bad = any failure …)}.
     */
    public static String start(BisectStart s, String env, String call) {
        return "bisecting " + call + " under " + env + ": good " + s.goods().stream().map(BisectText::label)
                .collect(Collectors.joining(", ")) + " … bad " + label(s.bad()) + " (" + s.moduleVersionCount()
                + (s.moduleVersionCount() == 1 ? " module version" : " module versions")
                + (s.repeat() > 1 ? ", each point tested " + s.repeat() + " times" : "") + "; "
                + new BisectTerms(s.badOn()).describe() + ")";
    }

    private static String label(CommitLabel c) {
        return c.shortId() + (c.subject().isEmpty() ? "" : " “" + c.subject().replaceAll("\\s+", " ") + "”");
    }

    /**
     * What "bad" meant, with {@code --bad-on}, so a first bad commit reads the right way round: "bad = OK
     * (--bad-on): the first commit where get_order_history answers OK under prod: the fix"; empty for the default terms.
     */
    public static String badOnWords(BisectStart s, String call, String env) {
        if (s.badOn().isEmpty()) {
            return "";
        }
        String classes = s.badOn().stream().map(Enum::name).sorted().collect(Collectors.joining(" or "));
        boolean fix = s.badOn().equals(java.util.Set.of(dev.authbisect.core.Outcome.OK));
        return "bad = " + classes + " (--bad-on): the first commit where " + call + " answers " + classes + " under " + env
                + (fix ? ": the fix" : "");
    }

    /** Before a test runs: {@code testing 3f2a9c1 (module version 7 of 12, ~3 steps left)}. */
    public static String testing(Trial trial) {
        return (trial.kind() == Trial.Kind.PREMISE ? "checking " : "testing ") + describe(trial);
    }

    /**
     * After a step: {@code testing 3f2a9c1 (module version 7 of 12, ~3 steps left) → AUTH_REJECTED 40101},
     * or for a reused result {@code … → AUTH_REJECTED 40101 (same module version as 1a2b3c4, not run again)}.
     */
    public static String line(Step step) {
        StringBuilder sb = new StringBuilder(testing(step.trial())).append(" → ");
        sb.append(step.outcome().map(Enum::name).orElse(step.term().word()));
        if (!step.detail().isEmpty()) {
            sb.append(' ').append(step.detail());
        }
        if (step.outcome().isPresent()) {
            sb.append(" (").append(step.term().word()).append(')');
        }
        if (step.repetitions() > 1) {
            sb.append(step.agreed() ? " [" + step.repetitions() + " runs agreed]"
                    : " [" + step.repetitions() + " runs disagreed: a skip]");
        }
        step.reusedFrom().ifPresent(from -> sb.append(step.source() == Step.Source.GIVEN
                ? " [same module version as " + shortId(from) + ", given as " + step.term().word() + "]"
                : " [same module version as " + shortId(from) + ", not run again]"));
        return sb.toString();
    }

    private static String describe(Trial trial) {
        String what = switch (trial.kind()) {
            case MERGE_BASE -> "merge base ";
            case PREMISE -> "";
            case BISECT -> "";
        };
        return what + trial.shortId() + " (module version " + trial.moduleVersionOrdinal() + " of "
                + trial.moduleVersionCount() + ", ~" + trial.stepsLeft() + (trial.stepsLeft() == 1 ? " step" : " steps")
                + " left)";
    }

    /** After the reference client was tested: {@code reference client → AUTH_REJECTED 40101 UNAUTHORIZED (bad)}. */
    public static String reference(TrialOutcome outcome, Term term) {
        return "reference client → " + outcome.label() + " (" + term.word() + ")"
                + (outcome.diagnosis().isEmpty() ? "" : " — " + outcome.diagnosis());
    }

    /**
     * The evidence of a first-bad answer, one line per end: {@code first bad f102d57: AUTH_REJECTED 40101 UNAUTHORIZED
     * — signature INVALID: end_time rendered 1766131200000.0 vs 1766131200000} and {@code last good ccf28e0: OK}.
     */
    public static List<String> evidence(BisectResult.Found found) {
        List<String> out = new java.util.ArrayList<>();
        found.firstBad().ifPresent(e -> out.add("first bad " + line(e)));
        found.lastGood().ifPresent(e -> out.add("last good " + line(e)));
        return out;
    }

    private static String line(BisectResult.Evidence e) {
        String at = e.testedAt().equals(e.commit().id()) ? "" : " (tested at " + shortId(e.testedAt()) + ", same module version)";
        return e.commit().shortId() + at + ": " + e.outcome() + (e.diagnosis().isEmpty() ? "" : " — " + e.diagnosis());
    }

    /** "4 tests for 6 steps", or with {@code --repeat}: "4 points tested 3 times each, 4 agreed, for 6 steps". */
    public static String testsAndSteps(BisectResult r) {
        long tests = r.testsRun();
        int steps = r.steps().size();
        String stepWords = steps + (steps == 1 ? " step" : " steps");
        if (r.start().repeat() <= 1) {
            return tests + (tests == 1 ? " test" : " tests") + " for " + stepWords;
        }
        long agreed = r.pointsAgreed();
        return tests + (tests == 1 ? " point" : " points") + " tested " + r.start().repeat() + " times each, "
                + (agreed == tests ? (tests == 1 ? "it agreed" : "all agreed") : agreed + " agreed, "
                + (tests - agreed) + " disagreed and counted as skips") + ", for " + stepWords;
    }

    /** One paragraph saying how the bisection ended, in git's words where git has them. */
    public static String conclusion(BisectResult result) {
        String text = conclusionWords(result);
        if (!(result instanceof BisectResult.Found) && result.start().repeat() > 1 && result.testsRun() > 0) {
            return text + " (" + testsAndSteps(result) + ")";
        }
        return text;
    }

    private static String conclusionWords(BisectResult result) {
        if (result instanceof BisectResult.Found f) {
            String terms = badOnWords(f.start(), f.start().call().isEmpty() ? "the call" : f.start().call(),
                    f.start().env().isEmpty() ? "its environment" : f.start().env());
            return f.commit().id() + " is the first bad commit: " + f.commit().subject() + " (" + testsAndSteps(f) + ")"
                    + (terms.isEmpty() ? "" : "; " + terms);
        }
        if (result instanceof BisectResult.PremiseFailed p) {
            return p.reason();
        }
        if (result instanceof BisectResult.OnlySkippedLeft o) {
            return "There are only 'skip'ped commits left to test. The first bad commit could be any of: "
                    + ids(o.candidates()) + ". We cannot bisect more!";
        }
        if (result instanceof BisectResult.MergeBaseBad m) {
            return "The merge base " + m.mergeBase().id() + " is bad. This means the bug has been fixed between "
                    + m.mergeBase().id() + " and [" + m.goods().stream().map(CommitLabel::id).collect(Collectors.joining(" ")) + "].";
        }
        BisectResult.NoTestableCommit n = (BisectResult.NoTestableCommit) result;
        return "No testable commit found: " + n.reason() + ".";
    }

    static String ids(List<CommitLabel> labels) {
        return labels.stream().map(CommitLabel::id).collect(Collectors.joining(", "));
    }

    static String shortId(String id) {
        return id.substring(0, Math.min(7, id.length()));
    }
}
