package dev.authbisect.drift;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.config.CommitSelection;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Redactor;
import dev.authbisect.history.CommitRange;
import dev.authbisect.history.GitRepos;
import dev.authbisect.run.CacheDir;
import dev.authbisect.run.MatrixRun;
import dev.authbisect.run.RunListener;
import dev.authbisect.run.RunOutcome;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code authbisect drift}: re-runs the pinned rows of a config (default: the reference row and
 * the module version at the range's head), compares them with a baseline, writes the drift
 * reports, appends the night to the history and re-renders the trend page; with
 * {@link #updateBaseline} tonight's result becomes the baseline.
 *
 * <pre>{@code
 * DriftOutcome o = DriftRun.of(config).baseline("reports/baseline.json").updateBaseline(true).call();
 * int exit = o.exitCode();   // 0 no drift, 3 drift, 4 undecided
 * }</pre>
 *
 * <p>Without a baseline yet, {@code --update-baseline} makes tonight's run the first one (exit 0);
 * without it, a missing baseline is a usage error.
 */
public final class DriftRun {
    private final HarnessConfig config;
    private String baseline;
    private RowPins pins = RowPins.DEFAULT;
    private Path out;
    private Path reportsRoot = Path.of("reports");
    private Path history;
    private boolean updateBaseline;
    private Instant simClock;
    private Path cacheDir;
    private Integer jobs;
    private Map<String, String> processEnv = System.getenv();
    private Path workingDir = Path.of("");
    private RunListener listener = RunListener.SILENT;
    private Consumer<Redactor> redactorSink = r -> {
    };

    private DriftRun(HarnessConfig config) {
        this.config = config;
    }

    public static DriftRun of(HarnessConfig config) {
        return new DriftRun(config);
    }

    /** {@code FILE} or {@code git:REF:PATH} (required). */
    public DriftRun baseline(String spec) {
        this.baseline = spec;
        return this;
    }

    public DriftRun rows(RowPins p) {
        this.pins = p;
        return this;
    }

    /** The report folder (default {@code reports/drift-<run-id>}). */
    public DriftRun out(Path dir) {
        this.out = dir;
        return this;
    }

    /** Where {@code drift-<run-id>} folders and the default history go (default {@code reports}). */
    public DriftRun reportsRoot(Path dir) {
        this.reportsRoot = dir;
        return this;
    }

    /** The JSONL history (default {@code reports/drift-history.jsonl}); its trend page is written beside it. */
    public DriftRun history(Path file) {
        this.history = file;
        return this;
    }

    /** Make tonight's result the new baseline. */
    public DriftRun updateBaseline(boolean on) {
        this.updateBaseline = on;
        return this;
    }

    /** Freeze every simulator scenario's clock at {@code at} ({@code --sim-clock}). */
    public DriftRun simClock(Instant at) {
        this.simClock = at;
        return this;
    }

    public DriftRun cacheDir(Path dir) {
        this.cacheDir = dir;
        return this;
    }

    public DriftRun jobs(int n) {
        this.jobs = n;
        return this;
    }

    /** The variables credentials resolve against (default: this process's). */
    public DriftRun processEnv(Map<String, String> env) {
        this.processEnv = Map.copyOf(env);
        return this;
    }

    /** The folder relative baseline files and {@code git:} baselines resolve against (default: the current folder). */
    public DriftRun workingDir(Path dir) {
        this.workingDir = dir;
        return this;
    }

    public DriftRun listener(RunListener l) {
        this.listener = l;
        return this;
    }

    /** Told the run's redactor as soon as the credentials are known. */
    public DriftRun redactorSink(Consumer<Redactor> sink) {
        this.redactorSink = sink;
        return this;
    }

    public DriftOutcome call() {
        if (baseline == null || baseline.isBlank()) {
            throw ExitException.usage("drift: expected --baseline FILE or git:REF:PATH");
        }
        BaselineSource source = BaselineSource.parse(baseline, workingDir);
        Optional<RunResult> base = source.read();
        if (base.isEmpty() && !updateBaseline) {
            throw ExitException.usage("--baseline " + source.describe() + ": no baseline there yet (expected a result.json written by "
                    + "run, demo or drift; run drift once with --update-baseline to create it)");
        }
        Path dir = (out != null ? out : reportsRoot.resolve("drift-" + runId(Instant.now()))).toAbsolutePath().normalize();
        Redactor[] redactor = {Redactor.random()};
        MatrixRun run = MatrixRun.of(config).processEnv(processEnv).out(dir).reference(pins.reference()).versions(pins.versions())
                .listener(listener).redactorSink(r -> {
                    redactor[0] = r;
                    redactorSink.accept(r);
                });
        if (simClock != null) {
            run.simClock(simClock);
        }
        if (cacheDir != null) {
            run.cacheDir(cacheDir);
        }
        if (jobs != null) {
            run.jobs(jobs);
        }
        RunOutcome outcome = run.call();
        RunResult now = outcome.result();
        String checkedAt = Instant.now().toString();
        String sim = simClock == null ? "" : simClock.toString();
        DriftReport report = base.map(b -> DriftComparator.compare(new DriftComparator.Input(b, source.describe(), now, pins,
                        commitsSince(b, now), checkedAt, sim)))
                .orElseGet(() -> DriftComparator.created(now, source.describe(), pins, checkedAt, sim));

        Path historyFile = (history != null ? history : reportsRoot.resolve(DriftHistory.DEFAULT_FILE)).toAbsolutePath().normalize();
        DriftHistory.append(historyFile, DriftHistory.entry(report, now, dir), redactor[0]);
        String trend = TrendPage.render(DriftHistory.read(historyFile), historyFile.toString(), checkedAt);
        DriftFiles.write(dir, report, now, trend, redactor[0]);
        Path trendFile = DriftHistory.trendFileFor(historyFile);
        DriftFiles.text(trendFile, trend, redactor[0]);
        Optional<String> written = Optional.empty();
        if (updateBaseline) {
            written = Optional.of(source.write(now, "authbisect drift at " + checkedAt + " (rows " + pins.text() + "): "
                    + redactor[0].redact(report.summary())));
        }
        return new DriftOutcome(report, dir, historyFile, trendFile, written);
    }

    /** Commits from the baseline's head to this head ({@code git rev-list base..head}), or null when the baseline's is unknown here. */
    private Integer commitsSince(RunResult base, RunResult now) {
        Optional<ResultHead> b = ResultHead.of(base);
        Optional<ResultHead> n = ResultHead.of(now);
        if (b.isEmpty() || n.isEmpty()) {
            return null;
        }
        String from = b.get().commit().id();
        String to = n.get().commit().id();
        if (from.equals(to)) {
            return 0;
        }
        Path cache = cacheDir != null ? cacheDir : CacheDir.defaultFor(processEnv);
        try (Repository repo = GitRepos.open(config.target().repo(), cache)) {
            if (repo.resolve(from + "^{commit}") == null) {
                return null;
            }
            return CommitRange.resolve(repo, new CommitSelection(Optional.of(from + ".." + to), List.of(),
                    config.commits().firstParent())).size();
        } catch (ExitException | java.io.IOException | org.eclipse.jgit.errors.RevisionSyntaxException e) {
            return null;
        }
    }

    static String runId(Instant at) {
        String ts = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(at);
        return ts + "-" + Integer.toHexString(new java.security.SecureRandom().nextInt(0x10000) | 0x10000).substring(1);
    }
}
