package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.VerdictAnalyzer;
import dev.authbisect.cli.AuthBisect;
import dev.authbisect.config.CommitSelection;
import dev.authbisect.config.EnvironmentSpec;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.Redactor;
import dev.authbisect.history.ModuleVersion;
import dev.authbisect.workspace.WorktreeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the run's {@link RunResult} (rows, cells, verdicts, exit code) from what the trials produced. */
final class ResultAssembler {
    private ResultAssembler() {
    }

    static RunResult assemble(HarnessConfig config, CommitSelection selection, List<EnvironmentSpec> envs,
                              List<CallSpec> calls, Map<String, Credentials> credentials, Redactor redactor,
                              List<ModuleVersion> versions, Map<String, String> rowIds, Map<String, String> buildStatus,
                              List<Cell> cells, Instant started, Instant finished, boolean reference, FailOn failOn,
                              java.util.Optional<WorktreeModule.State> tree, List<String> untested, List<String> runWarnings) {
        List<Row> rows = new ArrayList<>();
        if (reference) {
            rows.add(Row.reference());
        }
        for (ModuleVersion mv : versions) {
            rows.add(MatrixRun.row(mv, rowIds.get(mv.id()), buildStatus.getOrDefault(mv.id(), "")));
        }
        List<String> warnings = new ArrayList<>();
        if (!untested.isEmpty()) {
            warnings.add(redactor.redact("The working tree of " + config.target().repo() + " has uncommitted changes under the"
                    + " module paths (" + Worktrees.list(untested) + ")" + Worktrees.UNTESTED_NOTE_END));
        }
        warnings.addAll(runWarnings);
        tree.ifPresent(t -> rows.add(new Row(Row.WORKTREE_ID, Row.Kind.WORKTREE, t.id(), List.of(),
                buildStatus.getOrDefault(t.id(), ""))));
        List<RunResult.Environment> envInfo = envs.stream().map(e -> new RunResult.Environment(e.name(), e.upstream().kind(),
                redactor.keyId(credentials.get(e.name()).apiKey().reveal()), redactor.redact(e.upstream().describe()),
                e.egressIp().orElse(""))).toList();
        List<RunResult.Call> callInfo = calls.stream().map(c -> new RunResult.Call(c.name(), c.method())).toList();
        RunResult.Target target = new RunResult.Target(redactor.redact(config.target().repo()),
                config.target().module().paths(), selection.describe(), redactor.redact(config.file().toString()));
        List<Cell> sorted = sortCells(cells, rows, envs, calls);
        tree.ifPresent(t -> warnings.addAll(Worktrees.differences(t, versions, rowIds, sorted, redactor)));
        RunResult draft = new RunResult(RunResult.SCHEMA, AuthBisect.toolVersion(), started.toString(), finished.toString(),
                config.digest(), 0, target, envInfo, callInfo, rows, sorted, List.of(), warnings);
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
        List<String> rowOrder = rows.stream().map(Row::id).toList();
        List<String> envOrder = envs.stream().map(EnvironmentSpec::name).toList();
        List<String> callOrder = calls.stream().map(CallSpec::name).toList();
        return cells.stream().sorted(java.util.Comparator
                .comparingInt((Cell c) -> rowOrder.indexOf(c.row()))
                .thenComparingInt(c -> envOrder.indexOf(c.env()))
                .thenComparingInt(c -> callOrder.indexOf(c.call()))).toList();
    }
}
