package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.CommitRef;
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
import dev.authbisect.workspace.WorktreeModule;
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
 * The pipeline (README "How it works"), end to end: history → module versions → workspace (build once per
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
    private Versions versionSelection = Versions.ALL;
    private FailOn failOn = FailOn.DEFAULT;
    private Optional<Instant> simClock = Optional.empty();
    private boolean worktree;
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

    /** Which module versions of the range get a row ({@code drift} pins the head's). */
    public enum Versions {
        /** Every module version of the range (the default). */
        ALL,
        /** Only the module version of the range's head (its newest commit in history order). */
        HEAD,
        /** None: only the reference row. */
        NONE
    }

    /** Which module versions to run (default {@link Versions#ALL}). */
    public MatrixRun versions(Versions v) {
        this.versionSelection = java.util.Objects.requireNonNull(v, "versions");
        return this;
    }

    /** Which verdicts make the exit code 3 ({@code run --fail-on}; default {@link FailOn#DEFAULT}). */
    public MatrixRun failOn(FailOn f) {
        this.failOn = java.util.Objects.requireNonNull(f, "failOn");
        return this;
    }

    /** Freezes every simulator scenario's clock at {@code at} ({@code --sim-clock}; default: the scenarios' own clocks). */
    public MatrixRun simClock(Instant at) {
        this.simClock = Optional.ofNullable(at);
        return this;
    }

    /**
     * Whether to add the target repository's uncommitted working tree (module paths only) as a row
     * (default false; without it, uncommitted changes are reported to the listener as not tested).
     */
    public MatrixRun worktree(boolean on) {
        this.worktree = on;
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
        RunSetup prepared = RunSetup.prepare(config, processEnv, cacheDir, envFilter, callFilter);
        RunSetup setup = simClock.map(prepared::withSimClock).orElse(prepared);
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
            List<ModuleVersion> versions = switch (versionSelection) {
                case ALL -> index.versions();
                case HEAD -> List.of(index.moduleVersionOf(commits.get(commits.size() - 1).id()));
                case NONE -> List.of();
            };
            Map<String, String> rowIds = RowIds.of(index.versions());
            Optional<WorktreeModule.State> tree = worktreeState(repo);
            OutputFolder.create(dir, "--out", true);
            // one progress step per module version × environment and per reference call (repetitions run inside a step)
            int trials = (versions.size() + (tree.isPresent() ? 1 : 0)) * envs.size() + (reference ? envs.size() * calls.size() : 0);
            int covered = versionSelection == Versions.ALL ? commits.size() : versions.stream().mapToInt(v -> v.commits().size()).sum();
            listener.planned(versions.size(), covered, trials);

            List<Cell> cells;
            Map<String, String> buildStatus;
            List<String> warnings;
            try (RunJournal journal = new RunJournal(dir.resolve("journal.jsonl"), redactor);
                 Upstreams upstreams = Upstreams.start(setup);
                 Relay relay = Relay.start(venue)) {
                journal.event("run_started", Map.of("run_id", runId, "module_versions", versions.size(),
                        "commits", commits.size(), "environments", envs.stream().map(EnvironmentSpec::name).toList(),
                        "calls", calls.stream().map(CallSpec::name).toList(),
                        "containment", dev.authbisect.process.Containment.detected().kind().word()));
                TrialContext ctx = new TrialContext(config, venue, relay, upstreams, credentials, calls, redactor, journal,
                        listener, dir.resolve("logs"), cache, repo);
                ModuleTrials moduleTrials = new ModuleTrials(ctx);
                List<ModuleTrials.Target> targets = new ArrayList<>();
                versions.forEach(mv -> targets.add(ModuleTrials.target(mv, rowIds.get(mv.id()))));
                tree.ifPresent(t -> targets.add(new ModuleTrials.Target(Row.WORKTREE_ID, t.head(), t.id(), Optional.of(t))));
                cells = runAll(ctx, moduleTrials, envs, targets, repetitions, jobCount);
                buildStatus = moduleTrials.buildStatus();
                warnings = new ArrayList<>();
                RunSetup.environWarning(config, dev.authbisect.process.Containment.detected()).ifPresent(warnings::add);
                warnings.addAll(moduleTrials.warnings());
                journal.event("run_finished", Map.of("cells", cells.size()));
            }
            RunResult result = ResultAssembler.assemble(setup,
                    new ResultAssembler.Plan(selection, versions, rowIds, reference, tree, untested),
                    new ResultAssembler.Trials(cells, buildStatus, warnings, started, Instant.now()), failOn);
            return RunOutcome.write(result, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uncommitted changes under the module paths that this run does not test (empty with --worktree). */
    private List<String> untested = List.of();

    /**
     * The working tree to test as a row (with {@code --worktree} and uncommitted changes under the
     * module paths); tells the listener about uncommitted changes either way.
     */
    private Optional<WorktreeModule.State> worktreeState(Repository repo) {
        Optional<WorktreeModule.State> state = WorktreeModule.inspect(repo, config.target().module());
        if (worktree && state.isEmpty()) {
            throw ExitException.usage("--worktree: target.repo " + config.target().repo() + " has no working tree (a bare "
                    + "repository, a git URL, or no commits yet); point target.repo at a checkout");
        }
        if (state.isEmpty() || !state.get().hasChanges() && !worktree) {
            return Optional.empty();
        }
        listener.uncommittedChanges(state.get().changed(), worktree);
        if (!worktree) {
            untested = state.get().changed();
            return Optional.empty();
        }
        return state.filter(WorktreeModule.State::hasChanges);
    }

    private List<Cell> runAll(TrialContext ctx, ModuleTrials moduleTrials, List<EnvironmentSpec> envs, List<ModuleTrials.Target> versions,
                              int repetitions, int jobCount) {
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
            for (ModuleTrials.Target mv : versions) {
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

    static Row row(ModuleVersion mv, String rowId, String build) {
        return new Row(rowId, Row.Kind.MODULE_VERSION, mv.id(),
                mv.commits().stream().map(MatrixRun::commitRef).toList(), build);
    }

    /** A commit of the history as reports show it. */
    static CommitRef commitRef(CommitNode c) {
        return new CommitRef(c.id().name(), c.shortId(), c.subject(), c.authorName(), c.time().toString(),
                c.parents().stream().map(org.eclipse.jgit.lib.ObjectId::name).toList());
    }
}
