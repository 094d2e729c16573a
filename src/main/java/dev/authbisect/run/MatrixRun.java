package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.config.CommitSelection;
import dev.authbisect.config.EnvironmentSpec;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Redactor;
import dev.authbisect.history.CommitNode;
import dev.authbisect.history.CommitRange;
import dev.authbisect.history.GitRepos;
import dev.authbisect.history.ModuleVersion;
import dev.authbisect.history.ModuleVersionIndex;
import dev.authbisect.history.ModuleVersions;
import dev.authbisect.relay.Relay;
import dev.authbisect.venue.Venue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.jgit.lib.Repository;

/**
 * The pipeline of DESIGN.md, end to end: history → module versions → workspace (build once per
 * version) → probe per module version × environment through the relay → reference control
 * row → cells → verdicts → reports. Call it from a test without the CLI:
 * {@code MatrixRun.of(config).jobs(2).out(dir).call()}.
 */
public final class MatrixRun {
    private final HarnessConfig config;
    private Map<String, String> processEnv = System.getenv();
    private List<String> envFilter = List.of();
    private List<String> callFilter = List.of();
    private Optional<String> range = Optional.empty();
    private Integer jobs;
    private Integer repeat;
    private Path out;
    private Path reportsRoot = Path.of("reports");
    private Path cacheDir;
    private RunListener listener = RunListener.SILENT;
    private boolean reference = true;
    private java.util.function.Consumer<Redactor> redactorSink = r -> {
    };

    private MatrixRun(HarnessConfig config) {
        this.config = config;
    }

    public static MatrixRun of(HarnessConfig config) {
        return new MatrixRun(config);
    }

    /** The variables credentials and {@code ${env:…}} resolve against (default: this process's). */
    public MatrixRun processEnv(Map<String, String> env) {
        this.processEnv = Map.copyOf(env);
        return this;
    }

    /** Only these environments (default: all). */
    public MatrixRun envs(List<String> names) {
        this.envFilter = List.copyOf(names);
        return this;
    }

    /** Only these calls (default: all). */
    public MatrixRun calls(List<String> names) {
        this.callFilter = List.copyOf(names);
        return this;
    }

    /** Overrides {@code commits.range}. */
    public MatrixRun range(String r) {
        this.range = Optional.ofNullable(r);
        return this;
    }

    public MatrixRun jobs(int n) {
        if (n < 1) {
            throw ExitException.usage("--jobs: expected a number ≥ 1, got " + n);
        }
        this.jobs = n;
        return this;
    }

    public MatrixRun repeat(int n) {
        if (n < 1) {
            throw ExitException.usage("--repeat: expected a number ≥ 1, got " + n);
        }
        this.repeat = n;
        return this;
    }

    /** The exact output folder (default: {@code reports/<run-id>}). */
    public MatrixRun out(Path dir) {
        this.out = dir;
        return this;
    }

    /** Where {@code <run-id>} folders go when no {@link #out} is given. */
    public MatrixRun reportsRoot(Path dir) {
        this.reportsRoot = dir;
        return this;
    }

    /** The cache of clones, materialized modules and builds (default: {@link CacheDir#defaultFor}). */
    public MatrixRun cacheDir(Path dir) {
        this.cacheDir = dir;
        return this;
    }

    public MatrixRun listener(RunListener l) {
        this.listener = l;
        return this;
    }

    /** Whether to run the reference control row (default true). */
    public MatrixRun reference(boolean on) {
        this.reference = on;
        return this;
    }

    /** Told the run's redactor as soon as the credentials are known (so callers redact their errors too). */
    public MatrixRun redactorSink(java.util.function.Consumer<Redactor> sink) {
        this.redactorSink = sink;
        return this;
    }

    /** Runs the matrix and writes the report folder. */
    public RunOutcome call() {
        Instant started = Instant.now();
        RunSetup setup = RunSetup.prepare(config, processEnv, cacheDir, envFilter, callFilter);
        List<EnvironmentSpec> envs = setup.envs();
        List<CallSpec> calls = setup.calls();
        Venue venue = setup.venue();
        Path cache = setup.cache();
        Map<String, Credentials> credentials = setup.credentials();
        Redactor redactor = setup.redactor();
        redactorSink.accept(redactor);
        CommitSelection selection = range.map(r -> new CommitSelection(Optional.of(r), List.of(), config.commits().firstParent()))
                .orElse(config.commits());
        int jobCount = jobs != null ? jobs : config.run().jobs();
        int repetitions = repeat != null ? repeat : config.run().repeat();
        String runId = runId(started);
        Path dir = (out != null ? out : reportsRoot.resolve(runId)).toAbsolutePath().normalize();

        try (Repository repo = TargetHistory.open(config, cache)) {
            List<CommitNode> commits = TargetHistory.commits(repo, config, selection, range.isPresent() ? "--range" : null);
            ModuleVersionIndex index = ModuleVersions.compute(repo, commits, config.target().module(), setup.cache());
            List<ModuleVersion> versions = index.versions();
            OutputFolder.create(dir, "--out", true);
            // one progress step per module version × environment and per reference call (repetitions run inside a step)
            int trials = versions.size() * envs.size() + (reference ? envs.size() * calls.size() : 0);
            listener.planned(versions.size(), commits.size(), trials);

            List<Cell> cells;
            Map<String, String> buildStatus;
            try (RunJournal journal = new RunJournal(dir.resolve("journal.jsonl"), redactor);
                 Upstreams upstreams = Upstreams.start(setup);
                 Relay relay = Relay.start(venue)) {
                journal.event("run_started", Map.of("run_id", runId, "module_versions", versions.size(),
                        "commits", commits.size(), "environments", envs.stream().map(EnvironmentSpec::name).toList(),
                        "calls", calls.stream().map(CallSpec::name).toList()));
                TrialContext ctx = new TrialContext(config, venue, relay, upstreams, credentials, calls, redactor, journal,
                        listener, dir.resolve("logs"), cache, repo);
                ModuleTrials moduleTrials = new ModuleTrials(ctx);
                cells = runAll(ctx, moduleTrials, envs, versions, repetitions, jobCount);
                buildStatus = moduleTrials.buildStatus();
                journal.event("run_finished", Map.of("cells", cells.size()));
            }
            RunResult result = ResultAssembler.assemble(config, selection, envs, calls, credentials, redactor, versions,
                    buildStatus, cells, started, Instant.now(), reference);
            return RunOutcome.write(result, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Cell> runAll(TrialContext ctx, ModuleTrials moduleTrials, List<EnvironmentSpec> envs, List<ModuleVersion> versions, int repetitions,
                              int jobCount) {
        ExecutorService pool = Executors.newFixedThreadPool(jobCount, r -> {
            Thread t = new Thread(r, "authbisect-trial");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Cell>>> futures = new ArrayList<>();
            if (reference) {
                ReferenceTrials referenceTrials = new ReferenceTrials(ctx);
                for (EnvironmentSpec env : envs) {
                    futures.add(pool.submit(() -> referenceTrials.run(env, repetitions)));
                }
            }
            for (ModuleVersion mv : versions) {
                for (EnvironmentSpec env : envs) {
                    futures.add(pool.submit(() -> moduleTrials.run(mv, env, repetitions)));
                }
            }
            List<Cell> cells = new ArrayList<>();
            for (Future<List<Cell>> f : futures) {
                cells.addAll(f.get());
            }
            return cells;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExitException(1, "run interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
            try {
                // let interrupted trials kill their process trees before the relay and simulators go away
                pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String runId(Instant at) {
        String ts = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(at);
        return ts + "-" + Integer.toHexString(new java.security.SecureRandom().nextInt(0x10000) | 0x10000).substring(1);
    }

    static Row row(ModuleVersion mv, String build) {
        return new Row("mv" + mv.ordinal(), Row.Kind.MODULE_VERSION, mv.id(),
                mv.commits().stream().map(CommitNode::toCommitRef).toList(), build);
    }
}
