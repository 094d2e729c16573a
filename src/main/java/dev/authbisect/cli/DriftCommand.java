package dev.authbisect.cli;

import dev.authbisect.config.HarnessConfig;
import dev.authbisect.drift.DriftOutcome;
import dev.authbisect.drift.DriftReport;
import dev.authbisect.drift.DriftRun;
import dev.authbisect.drift.RowPins;
import dev.authbisect.run.SimClock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authbisect drift}: re-run the pinned rows and compare them with a baseline (nightly). */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = "Re-run the pinned rows (the reference client and the module version at the range's head) and compare "
                + "each cell's class and venue code with a baseline: exit 0 no drift, 3 drift, 4 undecided cells.")
public final class DriftCommand extends ConfigCommand implements Callable<Integer> {
    @Option(names = "--baseline", required = true, paramLabel = "FILE|git:REF:PATH",
            description = "The baseline: a result.json (from run, demo or drift), or PATH at REF of the current folder's git repository.")
    String baseline;

    @Option(names = "--rows", paramLabel = "LIST", defaultValue = "reference,head",
            description = "Rows to re-run and compare: reference,head (the default), all, reference or head.")
    String rows;

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default: reports/drift-<run-id>).")
    Path out;

    @Option(names = "--update-baseline",
            description = "Write tonight's result as the new baseline (a FILE, or a commit on REF, a local branch). Creates it when missing.")
    boolean updateBaseline;

    @Option(names = "--history", paramLabel = "FILE",
            description = "The JSONL history to append to (default: reports/drift-history.jsonl); the trend page goes beside it (.html).")
    Path history;

    @Option(names = "--sim-clock", paramLabel = "TIME",
            description = "Freeze every simulator scenario's clock at this ISO-8601 time (e.g. 2025-12-19T09:00:00Z).")
    String simClock;

    @Option(names = "--jobs", paramLabel = "N", description = "Trials in parallel (default: run.jobs, else 1).")
    Integer jobs;

    @Override
    public Integer call() {
        RowPins pins = RowPins.parse(rows);
        java.time.Instant clock = simClock == null ? null : SimClock.parse("--sim-clock", simClock);
        HarnessConfig cfg = options.load(root);
        ConsoleProgress progress = ConsoleProgress.create(spec.commandLine().getErr(), root.terminal());
        DriftRun run = DriftRun.of(cfg).baseline(baseline).rows(pins).updateBaseline(updateBaseline).simClock(clock)
                .listener(progress).redactorSink(r -> root.redactor(r));
        if (out != null) {
            run.out(out);
        }
        if (history != null) {
            run.history(history);
        }
        if (options.cache != null) {
            run.cacheDir(options.cache);
        }
        if (jobs != null) {
            run.jobs(jobs);
        }
        DriftOutcome outcome = run.call();
        progress.finished();
        PrintWriter o = spec.commandLine().getOut();
        DriftReport r = outcome.report();
        o.println(root.redactor().redact("drift: " + r.summary()));
        for (DriftReport.Finding f : r.changes()) {
            o.println(root.redactor().redact("  " + f.sentence()));
        }
        for (String n : r.notes()) {
            o.println(root.redactor().redact("  note: " + n));
        }
        o.println("report: " + outcome.indexHtml());
        o.println("history: " + outcome.history() + " (trend: " + outcome.trend() + ")");
        outcome.baselineWritten().ifPresent(w -> o.println(root.redactor().redact("baseline: wrote " + w)));
        o.flush();
        return outcome.exitCode();
    }
}
