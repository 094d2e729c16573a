package dev.authbisect.analysis;

import dev.authbisect.core.ExitCodes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a run's cells into one verdict per call (README "Outcomes and verdicts"):
 *
 * <ul>
 *   <li>Only decisive outcomes count (OK, AUTH_REJECTED, API_ERROR, NOT_SENT); skipped, errored and
 *       flaky cells never decide.</li>
 *   <li>Per environment, over the module-version rows: all OK passes; a change along history
 *       (including one failure code turning into another) is a CODE cause with transitions; when
 *       every module version fails, the reference row decides (fails alike: ENVIRONMENT; passes:
 *       CODE, the code has always been wrong), else the same versions passing in another
 *       environment means ENVIRONMENT, else the environment is undetermined.</li>
 *   <li>Before that, the set-up is weighed ({@link SetupRules}): when every module version shows the same
 *       harness mistake (nonces off a fixed simulator clock the probe did not follow, no request reaching the
 *       relay, another api_key than the environment's, every version skipped by the probe or the build) the
 *       environment's cause is HARNESS; a host clock skewed against a live upstream is an ENVIRONMENT cause.</li>
 *   <li>Combined: PASS, TRACKS_ENVIRONMENT, TRACKS_CODE, MIXED (both causes), HARNESS (only set-up
 *       causes), or INCONCLUSIVE (no decisive cell, or only undetermined environments).</li>
 *   <li>Gaps are not answers: a module version that could have answered but did not (transport error,
 *       probe error, flaky, or any other undecided class but SKIPPED) makes the verdict provisional and
 *       is named.</li>
 * </ul>
 *
 * <p>Usage: {@code RunResult done = VerdictAnalyzer.apply(raw);} or {@link #analyze} and
 * {@link #exitCode} separately.
 */
public final class VerdictAnalyzer {
    private VerdictAnalyzer() {
    }

    /** One verdict per call, in the order of {@link RunResult#calls()} (calls found only in cells follow). */
    public static List<Verdict> analyze(RunResult result) {
        History history = History.of(result.rows());
        List<Row> ordered = history.orderRows(result.rows());
        List<String> envs = result.envNames();
        List<Verdict> out = new ArrayList<>();
        for (String call : result.callNames()) {
            CallAnalysis analysis = new CallAnalysis(result, history, ordered, envs, call);
            out.add(new VerdictWriter(analysis, analysis.findings()).verdict());
        }
        return out;
    }

    /** The result with its verdicts and exit code filled in. */
    public static RunResult apply(RunResult result) {
        List<Verdict> verdicts = analyze(result);
        return result.withVerdicts(verdicts, exitCode(result, verdicts));
    }

    /**
     * The exit code of a run (README "Exit codes"): 3 when a call fails for a cause found (TRACKS_CODE,
     * TRACKS_ENVIRONMENT, MIXED) and its verdict is final; otherwise 4 when a verdict is provisional,
     * HARNESS or INCONCLUSIVE, there is no verdict, or some (environment, call) has no decisive
     * module-version cell; otherwise 0.
     */
    public static int exitCode(RunResult result, List<Verdict> verdicts) {
        return exitCode(result, verdicts, VerdictAnalyzer::failing);
    }

    /**
     * {@link #exitCode(RunResult, List)} with {@code failsRun} deciding which final verdicts make it 3
     * ({@code run --fail-on}). Only final verdicts can make it 3; a provisional, HARNESS or INCONCLUSIVE verdict
     * still makes it 4 when nothing makes it 3, whatever {@code failsRun} says: 4 means the run did not answer
     * the question (test the undecided versions again, fix the set-up), which no choice of failures changes.
     */
    public static int exitCode(RunResult result, List<Verdict> verdicts, java.util.function.Predicate<Verdict> failsRun) {
        if (verdicts.stream().anyMatch(v -> !v.provisional() && failsRun.test(v))) {
            return ExitCodes.FAILURES;
        }
        if (verdicts.isEmpty() || verdicts.stream().anyMatch(v -> v.provisional() || v.verdict() == Verdict.Kind.HARNESS
                || v.verdict() == Verdict.Kind.INCONCLUSIVE)) {
            return ExitCodes.INCOMPLETE;
        }
        Set<String> mvRows = new LinkedHashSet<>();
        result.rows().stream().filter(r -> !r.isReference()).forEach(r -> mvRows.add(r.id()));
        for (String env : result.envNames()) {
            for (String call : result.callNames()) {
                boolean decided = result.cells().stream().anyMatch(c -> c.env().equals(env) && c.call().equals(call)
                        && mvRows.contains(c.row()) && c.outcome().decisive());
                if (!decided) {
                    return ExitCodes.INCOMPLETE;
                }
            }
        }
        return ExitCodes.OK;
    }

    /** The default rule for exit 3: the verdict found a cause of failure (TRACKS_CODE, TRACKS_ENVIRONMENT, MIXED). */
    public static boolean failing(Verdict v) {
        return v.failing();
    }
}
