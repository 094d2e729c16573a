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
                              List<ModuleVersion> versions, Map<String, String> buildStatus, List<Cell> cells,
                              Instant started, Instant finished, boolean reference, List<String> warnings) {
        List<Row> rows = new ArrayList<>();
        if (reference) {
            rows.add(Row.reference());
        }
        for (ModuleVersion mv : versions) {
            rows.add(MatrixRun.row(mv, buildStatus.getOrDefault(mv.id(), "")));
        }
        List<RunResult.Environment> envInfo = envs.stream().map(e -> new RunResult.Environment(e.name(), e.upstream().kind(),
                redactor.keyId(credentials.get(e.name()).apiKey().reveal()), redactor.redact(e.upstream().describe()),
                e.egressIp().orElse(""))).toList();
        List<RunResult.Call> callInfo = calls.stream().map(c -> new RunResult.Call(c.name(), c.method())).toList();
        RunResult.Target target = new RunResult.Target(redactor.redact(config.target().repo()),
                config.target().module().paths(), selection.describe());
        RunResult draft = new RunResult(RunResult.SCHEMA, AuthBisect.toolVersion(), started.toString(), finished.toString(),
                config.digest(), 0, target, envInfo, callInfo, rows, sortCells(cells, rows, envs, calls), List.of(), warnings);
        var verdicts = VerdictAnalyzer.analyze(draft);
        return draft.withVerdicts(verdicts, VerdictAnalyzer.exitCode(draft, verdicts));
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
