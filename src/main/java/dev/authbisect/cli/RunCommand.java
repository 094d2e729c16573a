package dev.authbisect.cli;

import dev.authbisect.config.HarnessConfig;
import dev.authbisect.run.MatrixRun;
import dev.authbisect.run.RunOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code authbisect run}: the matrix of module versions × environments × calls. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Probe every module version in the range under every environment and write the matrix to reports/<run-id>/.")
public final class RunCommand implements Callable<Integer> {
    @ParentCommand
    AuthBisect root;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    ConfigOptions options;

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

    @Override
    public Integer call() {
        HarnessConfig cfg = options.load(root);
        MatrixRun run = MatrixRun.of(cfg).envs(envs).calls(calls).range(range).reference(!noReference)
                .listener(ConsoleProgress.create(spec.commandLine().getErr()));
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
        run.redactorSink(r -> root.redactor(r));
        RunOutcome outcome = run.call();
        outcome.result().warnings().forEach(w -> spec.commandLine().getErr().println("authbisect: warning: " + w));
        spec.commandLine().getErr().flush();
        Verdicts.print(spec.commandLine().getOut(), outcome.result());
        spec.commandLine().getOut().println("report: " + outcome.indexHtml());
        spec.commandLine().getOut().flush();
        return outcome.exitCode();
    }
}
