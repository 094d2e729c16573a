package dev.authbisect.cli;

import dev.authbisect.config.HarnessConfig;
import dev.authbisect.run.FailOn;
import dev.authbisect.run.MatrixRun;
import dev.authbisect.run.RunOutcome;
import dev.authbisect.run.RunStop;
import dev.authbisect.run.Shard;
import dev.authbisect.run.SimClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authbisect run}: the matrix of module versions × environments × calls. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Probe every module version in the range under every environment and write the matrix to reports/<run-id>/.")
public final class RunCommand extends ConfigCommand implements Callable<Integer> {
    @Option(names = "--range", paramLabel = "A..B", description = "Overrides commits.range (like git rev-list A..B).")
    String range;

    @Option(names = "--env", paramLabel = "NAME", description = "Only this environment (repeatable).")
    List<String> envs = new ArrayList<>();

    @Option(names = "--call", paramLabel = "NAME", description = "Only this call (repeatable).")
    List<String> calls = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "Trials in parallel (default: run.jobs, else 1).")
    Integer jobs;

    @Option(names = "--repeat", paramLabel = "N", description = "Repetitions per cell; disagreeing ones are FLAKY (default: run.repeat, else 1).")
    Integer repeat;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: reports/<run-id>).")
    Path out;

    @Option(names = "--no-reference",
            description = "Skip the reference control row (faster, but 'all commits fail' can then not be told apart from the environment).")
    boolean noReference;

    @Option(names = "--fail-on", paramLabel = "LIST", defaultValue = "any-failing-cell",
            description = "Which final verdicts make the exit code 3: any-failing-cell (TRACKS_CODE, TRACKS_ENVIRONMENT or MIXED; "
                    + "the default), code (TRACKS_CODE or MIXED), environment (TRACKS_ENVIRONMENT or MIXED), never; comma-separated. "
                    + "HARNESS, provisional and INCONCLUSIVE verdicts still give 4 when nothing gives 3.")
    String failOn;

    @Option(names = "--sim-clock", paramLabel = "TIME",
            description = "Freeze every simulator scenario's clock at this ISO-8601 time (e.g. 2025-12-19T09:00:00Z), "
                    + "overriding the scenarios' clocks; live upstreams are not affected.")
    String simClock;

    @Option(names = "--worktree",
            description = "Also test the target repository's uncommitted working tree (the module paths as they are on disk) as a row 'worktree'.")
    boolean worktree;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Run only shard K of N: the module versions whose hash falls into it (the same on every machine, "
                    + "stable as the range grows), plus the reference row. Join the shards' result.json with 'authbisect merge'.")
    String shard;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Finish the interrupted run in DIR (its --out folder): only the trials its journal.jsonl does not list "
                    + "as finished run, with the options it was started with; refused when the config changed.")
    Path resume;

    @Override
    public Integer call() {
        FailOn fail = FailOn.parse(failOn);
        HarnessConfig cfg = options.load(root);
        ConsoleProgress progress = ConsoleProgress.create(spec.commandLine().getErr(), root.terminal());
        MatrixRun run = MatrixRun.of(cfg).envs(envs).calls(calls).range(range).reference(!noReference).failOn(fail)
                .simClock(simClock == null ? null : SimClock.parse("--sim-clock", simClock))
                .worktree(worktree).listener(progress);
        if (jobs != null) {
            run.jobs(jobs);
        }
        if (repeat != null) {
            run.repeat(repeat);
        }
        if (out != null) {
            run.out(out);
        }
        if (options.cache != null) {
            run.cacheDir(options.cache);
        }
        if (shard != null) {
            run.shard(Shard.parse(shard));
        }
        if (resume != null) {
            run.resume(resume);
        }
        run.redactorSink(r -> root.redactor(r));
        RunStop stop = new RunStop();
        RunOutcome outcome;
        try (Interrupts signals = Interrupts.install(stop, spec.commandLine().getErr())) {
            outcome = run.stop(stop).call();
        }
        progress.finished();
        if (!outcome.result().isComplete()) {
            spec.commandLine().getErr().println("authbisect: interrupted: a partial report is in " + outcome.dir()
                    + "; finish it with: " + outcome.result().interruption().resume());
        }
        outcome.warningsAtTheEnd().forEach(w -> spec.commandLine().getErr().println("authbisect: warning: " + w));
        spec.commandLine().getErr().flush();
        Verdicts.print(spec.commandLine().getOut(), outcome.result());
        spec.commandLine().getOut().println("report: " + outcome.indexHtml());
        spec.commandLine().getOut().flush();
        return outcome.exitCode();
    }
}
