package dev.authbisect.cli;

import dev.authbisect.run.FailOn;
import dev.authbisect.run.RunOutcome;
import dev.authbisect.run.ShardMerge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code authbisect merge}: the shards of a run ({@code run --shard K/N}) joined into one report. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Join the result.json of every shard of a run (run --shard K/N) into the report of the whole run: "
                + "the same rows, cells and verdicts as the unsharded run.")
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RESULT_JSON", arity = "1..*", description = "The result.json of each shard (K/N for every K).")
    List<Path> results = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the merged report (new or empty, or an earlier report).")
    Path out;

    @Option(names = "--fail-on", paramLabel = "LIST", defaultValue = "any-failing-cell",
            description = "Which final verdicts make the exit code 3 (as for run).")
    String failOn;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        RunOutcome outcome = ShardMerge.mergeInto(results, out, FailOn.parse(failOn), n -> err.println("authbisect: " + n));
        outcome.result().merge().referenceDisagreements().forEach(d -> err.println("authbisect: warning: " + d));
        err.flush();
        Verdicts.print(spec.commandLine().getOut(), outcome.result());
        spec.commandLine().getOut().println("report: " + outcome.indexHtml());
        spec.commandLine().getOut().flush();
        return outcome.exitCode();
    }
}
