package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.VerdictAnalyzer;
import dev.authbisect.config.CommitSelection;
import dev.authbisect.config.EnvironmentSpec;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Redactor;
import dev.authbisect.core.ToolVersion;
import dev.authbisect.history.ModuleVersion;
import dev.authbisect.workspace.WorktreeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the run's {@link RunResult} (rows, cells, verdicts, exit code) from three named inputs: the
 * {@link RunSetup} (config, environments, calls, credentials, redactor), the {@link Plan} (what was to be
 * tested) and the {@link Trials} (what the trials produced).
 */
final class ResultAssembler {
    private ResultAssembler() {
    }

    /**
     * What the run set out to test.
     *
     * @param selection the commits selected (config or {@code --range})
     * @param versions  the module versions that get a row, in history order
     * @param rowIds    module version id → row id
     * @param reference whether the reference control row was run
     * @param tree      the uncommitted working tree tested as a row ({@code --worktree}), if any
     * @param untested  uncommitted changes under the module paths that this run did not test
     */
    record Plan(CommitSelection selection, List<ModuleVersion> versions, Map<String, String> rowIds, boolean reference,
                Optional<WorktreeModule.State> tree, List<String> untested) {
        Plan {
            versions = List.copyOf(versions);
            untested = List.copyOf(untested);
        }
    }

    /**
     * What the trials produced.
     *
     * @param cells       every cell, in any order
     * @param buildStatus module version id (or working tree id) → build status word
     * @param warnings    the run's warnings so far
     * @param started     when the run started
     * @param finished    when its last trial finished
     */
    record Trials(List<Cell> cells, Map<String, String> buildStatus, List<String> warnings, Instant started, Instant finished) {
        Trials {
            cells = List.copyOf(cells);
            warnings = List.copyOf(warnings);
        }
    }

    static RunResult assemble(RunSetup setup, Plan plan, Trials trials, FailOn failOn) {
        HarnessConfig config = setup.config();
        List<EnvironmentSpec> envs = setup.envs();
        List<CallSpec> calls = setup.calls();
        Redactor redactor = setup.redactor();
        Map<String, String> buildStatus = trials.buildStatus();
        Optional<WorktreeModule.State> tree = plan.tree();
        List<Row> rows = new ArrayList<>();
        if (plan.reference()) {
            rows.add(Row.reference());
        }
        for (ModuleVersion mv : plan.versions()) {
            rows.add(MatrixRun.row(mv, plan.rowIds().get(mv.id()), buildStatus.getOrDefault(mv.id(), "")));
        }
        List<String> warnings = new ArrayList<>();
        if (!plan.untested().isEmpty()) {
            warnings.add(redactor.redact("The working tree of " + config.target().repo() + " has uncommitted changes under the"
                    + " module paths (" + Worktrees.list(plan.untested()) + ")" + Worktrees.UNTESTED_NOTE_END));
        }
        warnings.addAll(trials.warnings());
        tree.ifPresent(t -> rows.add(new Row(Row.WORKTREE_ID, Row.Kind.WORKTREE, t.id(), List.of(),
                buildStatus.getOrDefault(t.id(), ""))));
        List<RunResult.Environment> envInfo = envs.stream().map(e -> new RunResult.Environment(e.name(), e.upstream().kind(),
                redactor.keyId(setup.credentials().get(e.name()).apiKey().reveal()), redactor.redact(e.upstream().describe()),
                e.egressIp().orElse(""))).toList();
        List<RunResult.Call> callInfo = calls.stream().map(c -> new RunResult.Call(c.name(), c.method())).toList();
        RunResult.Target target = new RunResult.Target(redactor.redact(config.target().repo()),
                config.target().module().paths(), plan.selection().describe(), redactor.redact(config.file().toString()));
        List<Cell> sorted = sortCells(trials.cells(), rows, envs, calls);
        tree.ifPresent(t -> warnings.addAll(Worktrees.differences(t, plan.versions(), plan.rowIds(), sorted, redactor)));
        RunResult draft = new RunResult(RunResult.SCHEMA, ToolVersion.current(), trials.started().toString(),
                trials.finished().toString(), config.digest(), 0, target, envInfo, callInfo, rows, sorted, List.of(), warnings);
        // the verdicts speak about history: the uncommitted working tree is shown, never analysed
        RunResult committed = new RunResult(draft.schema(), draft.toolVersion(), draft.startedAt(), draft.finishedAt(),
                draft.configDigest(), 0, target, envInfo, callInfo, rows.stream().filter(r -> !r.isWorktree()).toList(),
                sorted.stream().filter(c -> !c.row().equals(Row.WORKTREE_ID)).toList(), List.of(), warnings);
        var verdicts = VerdictAnalyzer.analyze(committed);
        int exit = VerdictAnalyzer.exitCode(committed, verdicts, failOn::fails);
        // a failing working-tree cell fails the run like a failing cell would (unless --fail-on never)
        if (exit == dev.authbisect.core.ExitCodes.OK && !failOn.conditions().contains(FailOn.Condition.NEVER)
                && sorted.stream().anyMatch(c -> c.row().equals(Row.WORKTREE_ID) && c.outcome().failing())) {
            exit = dev.authbisect.core.ExitCodes.FAILURES;
        }
        return draft.withVerdicts(verdicts, exit);
    }

    private static List<Cell> sortCells(List<Cell> cells, List<Row> rows, List<EnvironmentSpec> envs, List<CallSpec> calls) {
        java.util.Map<String, Integer> rowAt = positions(rows.stream().map(Row::id).toList());
        java.util.Map<String, Integer> envAt = positions(envs.stream().map(EnvironmentSpec::name).toList());
        java.util.Map<String, Integer> callAt = positions(calls.stream().map(CallSpec::name).toList());
        return cells.stream().sorted(java.util.Comparator
                .comparingInt((Cell c) -> rowAt.getOrDefault(c.row(), -1))
                .thenComparingInt(c -> envAt.getOrDefault(c.env(), -1))
                .thenComparingInt(c -> callAt.getOrDefault(c.call(), -1))).toList();
    }

    /** Each name's index in {@code order} (the first, when a name repeats, as List.indexOf would say). */
    private static java.util.Map<String, Integer> positions(List<String> order) {
        java.util.Map<String, Integer> at = new java.util.HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            at.putIfAbsent(order.get(i), i);
        }
        return at;
    }
}
