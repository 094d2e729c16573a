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
    private Optional<Shard> shard = Optional.empty();
    private Optional<Path> resume = Optional.empty();
    private RunStop stop = new RunStop();

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

    /** Only this shard's module versions, plus the reference row ({@code --shard K/N}; default: all). */
    public MatrixRun shard(Shard s) {
        this.shard = Optional.ofNullable(s);
        return this;
    }

    /**
     * Finishes the interrupted run in {@code dir} ({@code --resume}): its options come from its journal, only
     * the trials it did not finish run, and the report is the one an uninterrupted run would have written.
     * The options that decide the result ({@link #range}, {@link #envs}, {@link #calls}, {@link #repeat},
     * {@link #shard}, …) must not be set with it.
     */
    public MatrixRun resume(Path dir) {
        this.resume = Optional.ofNullable(dir);
        return this;
    }

    /** What asks this run to stop early (SIGINT, SIGTERM from the CLI); default: nothing does. */
    public MatrixRun stop(RunStop s) {
        this.stop = java.util.Objects.requireNonNull(s, "stop");
        return this;
    }

    /** Runs the matrix and writes the report folder. */
    public RunOutcome call() {
        Optional<Resumption> prior = resume.map(d -> Resumption.read(d.toAbsolutePath().normalize(), config));
        prior.ifPresent(this::takeOptions);
        Instant started = prior.map(p -> Instant.parse(p.startedAt())).orElseGet(Instant::now);
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
        String runId = prior.map(Resumption::runId).orElseGet(() -> runId(started));
        Path dir = prior.map(Resumption::dir)
                .orElseGet(() -> (out != null ? out : reportsRoot.resolve(runId)).toAbsolutePath().normalize());
        if (shard.isPresent() && (versionSelection != Versions.ALL || worktree)) {
            throw ExitException.usage("--shard: splits the module versions of a whole range; it cannot be used with --worktree");
        }

        try (Repository repo = TargetHistory.open(config, cache)) {
            List<CommitNode> commits = TargetHistory.commits(repo, config, selection, range.isPresent() ? "--range" : null);
            ModuleVersionIndex index = ModuleVersions.compute(repo, commits, config.target().module(), setup.cache());
            List<ModuleVersion> all = switch (versionSelection) {
                case ALL -> index.versions();
                case HEAD -> List.of(index.moduleVersionOf(commits.get(commits.size() - 1).id()));
                case NONE -> List.of();
            };
            List<ModuleVersion> versions = shard.map(s -> all.stream().filter(v -> s.owns(v.id())).toList()).orElse(all);
            Map<String, String> rowIds = RowIds.of(index.versions());
            Optional<WorktreeModule.State> tree = worktreeState(repo);
            String versionsDigest = versionsDigest(index.versions(), tree);
            if (prior.isPresent() && !prior.get().moduleVersionsDigest().equals(versionsDigest)) {
                throw ExitException.usage("--resume " + dir + ": the range " + selection.describe() + " now resolves to other module "
                        + "versions than when that run started (a branch moved, or the working tree changed); resuming would mix "
                        + "two histories in one report: start a new run");
            }
            if (prior.isEmpty()) {
                OutputFolder.forNewRun(dir, "--out").ifPresent(listener::note);
            }
            Map<String, Resumption.Done> done = prior.map(Resumption::done).orElse(Map.of());
            // one progress step per module version × environment and per reference call (repetitions run inside a step)
            int trials = (versions.size() + (tree.isPresent() ? 1 : 0)) * envs.size() + (reference ? envs.size() * calls.size() : 0);
            int finishedBefore = done.values().stream().mapToInt(d -> d.row().equals(Row.reference().id()) ? calls.size() : 1).sum();
            int covered = versionSelection == Versions.ALL && shard.isEmpty() ? commits.size()
                    : versions.stream().mapToInt(v -> v.commits().size()).sum();
            prior.ifPresent(p -> listener.note("resuming the run in " + dir + ": " + done.size() + " trials finished before, "
                    + "running the others"));
            listener.planned(versions.size(), covered, trials - finishedBefore);

            List<Cell> cells;
            Map<String, String> buildStatus;
            List<String> warnings;
            Ran ran;
            Path journalFile = dir.resolve("journal.jsonl");
            try (RunJournal journal = prior.isPresent() ? RunJournal.append(journalFile, redactor) : new RunJournal(journalFile, redactor);
                 Upstreams upstreams = Upstreams.start(setup);
                 Relay relay = Relay.start(venue)) {
                if (prior.isPresent()) {
                    journal.event("run_resumed", Map.of("run_id", runId, "trials_finished_before", done.size()));
                } else {
                    Map<String, Object> begin = new java.util.LinkedHashMap<>();
                    begin.put("run_id", runId);
                    begin.put("started_at", started.toString());
                    begin.put("options", options(envs, calls, repetitions).toJournal());
                    begin.put("module_versions", versions.size());
                    begin.put("commits", commits.size());
                    begin.put("environments", envs.stream().map(EnvironmentSpec::name).toList());
                    begin.put("calls", calls.stream().map(CallSpec::name).toList());
                    begin.put("containment", dev.authbisect.process.Containment.detected().kind().word());
                    journal.durable("run_started", begin, Map.of("config_digest", config.digest(),
                            "module_versions_digest", versionsDigest));
                }
                TrialContext ctx = new TrialContext(config, venue, relay, upstreams, credentials, calls, redactor, journal,
                        listener, dir.resolve("logs"), cache, repo);
                ModuleTrials moduleTrials = new ModuleTrials(ctx);
                done.values().forEach(moduleTrials::restore);
                List<ModuleTrials.Target> targets = new ArrayList<>();
                versions.forEach(mv -> targets.add(ModuleTrials.target(mv, rowIds.get(mv.id()))));
                tree.ifPresent(t -> targets.add(new ModuleTrials.Target(Row.WORKTREE_ID, t.head(), t.id(), Optional.of(t))));
                ran = runAll(ctx, moduleTrials, envs, targets, repetitions, jobCount, done);
                cells = ran.cells();
                buildStatus = moduleTrials.buildStatus();
                warnings = new ArrayList<>();
                RunSetup.environWarning(config, dev.authbisect.process.Containment.detected()).ifPresent(warnings::add);
                warnings.addAll(moduleTrials.warnings());
                journal.event(ran.complete() ? "run_finished" : "run_interrupted", Map.of("cells", cells.size(),
                        "trials_finished", ran.finished(), "trials_planned", ran.planned(),
                        "signal", stop.requested().orElse("")));
            }
            if (buildStatus.values().stream().anyMatch(b -> !b.endsWith("(cached)"))) {
                noteCacheSize(cache);
            }
            RunResult result = ResultAssembler.assemble(setup,
                    new ResultAssembler.Plan(selection, versions, rowIds, reference, tree, untested),
                    new ResultAssembler.Trials(cells, buildStatus, warnings, started, Instant.now()), failOn);
            if (shard.isPresent()) {
                result = result.withShard(new RunResult.Shard(shard.get().index(), shard.get().count(),
                        index.versions().stream().map(v -> rowIds.get(v.id())).toList()));
            }
            if (!ran.complete()) {
                String signal = stop.requested().orElse("SIGINT");
                result = result.interrupted(new RunResult.Interruption(signal, ran.finished(), ran.planned(),
                        "authbisect run --config " + config.file() + " --resume " + dir), RunStop.exitCode(signal));
            }
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

    /** What the trials of a run produced: their cells in plan order, and how many of the planned ones finished. */
    private record Ran(List<Cell> cells, int finished, int planned) {
        boolean complete() {
            return finished == planned;
        }
    }

    /** One trial to run: the reference row or a module version under one environment. */
    private record Unit(String row, String env, String moduleVersion, java.util.concurrent.Callable<List<Cell>> task) {
    }

    private Ran runAll(TrialContext ctx, ModuleTrials moduleTrials, List<EnvironmentSpec> envs, List<ModuleTrials.Target> versions,
                          int repetitions, int jobCount, Map<String, Resumption.Done> done) {
        List<Unit> units = new ArrayList<>();
        if (reference) {
            ReferenceTrials referenceTrials = new ReferenceTrials(ctx);
            for (EnvironmentSpec env : envs) {
                units.add(new Unit(Row.reference().id(), env.name(), "", () -> referenceTrials.run(env, repetitions)));
            }
        }
        for (ModuleTrials.Target mv : versions) {
            for (EnvironmentSpec env : envs) {
                units.add(new Unit(mv.row(), env.name(), mv.moduleVersion(), () -> moduleTrials.run(mv, env, repetitions)));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobCount, r -> {
            Thread t = new Thread(r, "authbisect-trial");
            t.setDaemon(true);
            return t;
        });
        List<Future<List<Cell>>> futures = new ArrayList<>();
        try {
            for (Unit u : units) {
                Resumption.Done before = done.get(Resumption.key(u.row(), u.env()));
                if (before != null) {
                    futures.add(java.util.concurrent.CompletableFuture.completedFuture(before.cells()));
                } else {
                    futures.add(pool.submit(() -> finish(ctx, moduleTrials, u)));
                }
            }
            for (Future<List<Cell>> f : futures) {
                while (!stop.requested().isPresent()) {
                    try {
                        f.get(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException notYet) {
                        // look at the stop request again
                    }
                }
                if (stop.requested().isPresent()) {
                    break;
                }
            }
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
                // let cancelled trials kill their process trees before the relay and simulators go away
                pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // stopped: the trials that finished (and were journaled) count, the others are left to --resume
        List<Cell> cells = new ArrayList<>();
        int finished = 0;
        for (Future<List<Cell>> f : futures) {
            if (f.isDone() && !f.isCancelled()) {
                try {
                    List<Cell> c = f.get();
                    if (c != null) {
                        cells.addAll(c);
                        finished++;
                    }
                } catch (ExecutionException | InterruptedException | java.util.concurrent.CancellationException cut) {
                    // cancelled by the stop request: not finished, not journaled
                }
            }
        }
        return new Ran(cells, finished, units.size());
    }

    /** Runs a trial unless the run is stopping, and journals it (forced to disk) before the worker takes another. */
    private List<Cell> finish(TrialContext ctx, ModuleTrials moduleTrials, Unit u) throws Exception {
        if (stop.requested().isPresent()) {
            return null;
        }
        List<Cell> cells = u.task().call();
        if (stop.requested().isPresent()) {
            return null; // it may have been cut short by the stop (its probe killed): --resume runs it again
        }
        Map<String, Object> f = new java.util.LinkedHashMap<>();
        f.put("row", u.row());
        f.put("env", u.env());
        f.put("build", u.moduleVersion().isEmpty() ? "" : moduleTrials.buildStatusOf(u.moduleVersion()));
        f.put("cells", cells);
        f.put("warnings", u.moduleVersion().isEmpty() ? List.of() : moduleTrials.warningsOf(u.row(), u.env()));
        ctx.journal().durable("trial_done", f, Map.of("module_version", u.moduleVersion()));
        return cells;
    }

    /** Takes the options of the run being resumed; options that decide the result must not be given again. */
    private void takeOptions(Resumption p) {
        if (range.isPresent() || !envFilter.isEmpty() || !callFilter.isEmpty() || repeat != null || shard.isPresent()
                || simClock.isPresent() || worktree || out != null) {
            throw ExitException.usage("--resume " + p.dir() + ": takes the run's options from its journal; give only --config, "
                    + "--cache and --jobs with it (not --out, --range, --env, --call, --repeat, --shard, --sim-clock or --worktree)");
        }
        Resumption.RunOptions o = p.options();
        range = o.range();
        envFilter = o.envs();
        callFilter = o.calls();
        repeat = o.repeat();
        reference = o.reference();
        shard = o.shard();
        simClock = o.simClock().map(Instant::parse);
        worktree = o.worktree();
        failOn = FailOn.parse(o.failOn());
    }

    private Resumption.RunOptions options(List<EnvironmentSpec> envs, List<CallSpec> calls, int repetitions) {
        return new Resumption.RunOptions(range, envs.stream().map(EnvironmentSpec::name).toList(),
                calls.stream().map(CallSpec::name).toList(), repetitions, reference, shard, simClock.map(Instant::toString),
                worktree, failOn.text());
    }

    /** Says how big the cache's builds are once they grow past {@link CacheDir#warnBytes} (after a run that built something). */
    private void noteCacheSize(Path cache) {
        long bytes = dev.authbisect.workspace.CacheInventory.recordedBuildBytes(cache);
        long limit = CacheDir.warnBytes(processEnv);
        if (bytes > limit) {
            listener.note("the cache " + cache + " holds " + dev.authbisect.workspace.ByteSizes.text(bytes) + " of builds (more than "
                    + dev.authbisect.workspace.ByteSizes.text(limit) + "); 'authbisect cache prune --older-than 30d' removes the ones "
                    + "no run used for 30 days ('authbisect cache ls' lists them)");
        }
    }

    /** A digest of the module versions the range resolves to (and the working tree's, with --worktree). */
    private static String versionsDigest(List<ModuleVersion> versions, Optional<WorktreeModule.State> tree) {
        StringBuilder s = new StringBuilder();
        versions.forEach(v -> s.append(v.id()).append('\n'));
        tree.ifPresent(t -> s.append("worktree ").append(t.id()));
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
