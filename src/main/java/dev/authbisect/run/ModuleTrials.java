package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import dev.authbisect.config.EnvironmentSpec;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.IoFailure;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.Redactor;
import dev.authbisect.history.ModuleVersion;
import dev.authbisect.probe.ProbeRequest;
import dev.authbisect.probe.ProbeRunner;
import dev.authbisect.probe.ProbeVariables;
import dev.authbisect.process.ProcessOutcome;
import dev.authbisect.process.ProcessResult;
import dev.authbisect.relay.TrialRecord;
import dev.authbisect.relay.TrialSession;
import dev.authbisect.relay.RecordedExchange;
import dev.authbisect.workspace.BuildCache;
import dev.authbisect.workspace.BuildOutcome;
import dev.authbisect.workspace.PreparedModule;
import dev.authbisect.workspace.WorktreeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Trials of module versions: build each version once (shared by its environments and
 * repetitions), then run the probe through a fresh relay prefix per trial. A trial whose cells
 * have transport errors is run again (up to twice) only when none of its requests reached the
 * upstream: a trial that sent anything is never repeated, since repeating it would send every
 * call again (a second order, a second cancel). Auth results are never retried.
 */
final class ModuleTrials {
    static final int TRANSPORT_RETRIES = 2;

    private final TrialContext ctx;
    private final BuildCache builds;
    private final ProbeRunner probes = new ProbeRunner();
    private final CellBuilder cellBuilder;
    private final Map<String, CompletableFuture<PreparedModule>> prepared = new ConcurrentHashMap<>();
    private final Map<String, String> buildStatus = new ConcurrentHashMap<>();
    private final TrialWarnings warnings = new TrialWarnings();
    private final MissingSupport missingSupport;

    ModuleTrials(TrialContext ctx) {
        this.ctx = ctx;
        this.missingSupport = new MissingSupport(ctx.repo(), ctx.config().target().module());
        this.builds = new BuildCache(ctx.cache().resolve("builds"));
        this.cellBuilder = new CellBuilder(ctx.redactor());
    }

    /** Protocol problems the relay saw in these trials (unknown calls announced, paths refused), redacted. */
    List<String> warnings() {
        return warnings.list().stream().map(ctx.redactor()::redact).toList();
    }

    /** The build status of a module version once it was prepared (empty before). */
    String buildStatusOf(String moduleVersion) {
        return buildStatus.getOrDefault(moduleVersion, "");
    }

    /** What the trials of {@code row} × {@code env} raised, for the journal. */
    List<TrialWarnings.Entry> warningsOf(String row, String env) {
        return warnings.entriesOf(row, env);
    }

    /** Takes over what a trial of an earlier part of this run (read from its journal) left: its build status and warnings. */
    void restore(Resumption.Done done) {
        if (!done.moduleVersion().isEmpty() && !done.build().isEmpty()) {
            buildStatus.putIfAbsent(done.moduleVersion(), done.build());
        }
        done.warnings().forEach(warnings::restore);
    }

    /** The build status per module version id, for the rows. */
    Map<String, String> buildStatus() {
        return Map.copyOf(buildStatus);
    }

    /** {@code row} is the version's row id ({@link RowIds}). */
    List<Cell> run(ModuleVersion mv, String row, EnvironmentSpec env, int repetitions) {
        return run(target(mv, row), env, repetitions);
    }

    /** The target of a module version of the history: its row ({@link RowIds}), materialized from its first commit. */
    static Target target(ModuleVersion mv, String row) {
        return new Target(row, mv.representative(), mv.id());
    }

    /**
     * A module version to try: its row id, the commit to materialize it from (the probe's
     * AUTHBISECT_COMMIT), its id, and for the working tree the uncommitted state to copy instead.
     */
    record Target(String row, ObjectId commit, String moduleVersion, java.util.Optional<WorktreeModule.State> worktree) {
        Target(String row, ObjectId commit, String moduleVersion) {
            this(row, commit, moduleVersion, java.util.Optional.empty());
        }
    }

    List<Cell> run(Target mv, EnvironmentSpec env, int repetitions) {
        PreparedModule module = prepare(mv);
        String row = mv.row();
        List<List<Cell>> reps = new ArrayList<>();
        Path[] log = {null};
        for (int i = 1; i <= repetitions; i++) {
            reps.add(withTransportRetries(mv, env, module, row, i, log));
        }
        List<Cell> cells = missingSupport.explain(Repetitions.aggregate(reps), mv.commit(), module.dir());
        ctx.listener().trialFinished(row + " × " + env.name(), cells, java.util.Optional.ofNullable(log[0]));
        return cells;
    }

    /** One probe run's cells, and whether running it again could help without sending anything twice. */
    private record Attempt(List<Cell> cells, boolean repeatable) {
    }

    /** {@code log[0]} is set to the log file of the last attempt. */
    private List<Cell> withTransportRetries(Target mv, EnvironmentSpec env, PreparedModule module, String row, int rep,
                                            Path[] log) {
        Attempt attempt = once(mv, env, module, row, rep, 0, log);
        List<Cell> cells = attempt.cells();
        boolean repeatable = attempt.repeatable();
        for (int retry = 1; retry <= TRANSPORT_RETRIES && repeatable && cells.stream().anyMatch(c -> c.outcome() == Outcome.TRANSPORT_ERROR);
             retry++) {
            Attempt again = once(mv, env, module, row, rep, retry, log);
            List<Cell> merged = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                merged.add(cells.get(i).outcome() == Outcome.TRANSPORT_ERROR ? again.cells().get(i) : cells.get(i));
            }
            cells = merged;
            repeatable = again.repeatable();
        }
        return cells;
    }

    private Attempt once(Target mv, EnvironmentSpec env, PreparedModule module, String row, int rep, int retry, Path[] log) {
        List<CallSpec> calls = ctx.calls();
        String trialId = row + "×" + env.name() + (rep > 1 ? "#" + rep : "") + (retry > 0 ? "-retry" + retry : "");
        BuildOutcome build = module.outcome();
        if (!build.usable()) {
            List<Cell> cells = cellBuilder.cells(row, env.name(), calls, emptyRecord(), build.status() == BuildOutcome.Status.REFUSED
                    ? new TrialEnd.Refused(build.detail()) : new TrialEnd.BuildFailed(build.status().name().toLowerCase(java.util.Locale.ROOT) + ", " + build.detail() + " (log: " + relativeLog(mv) + ")"), "");
            journal(trialId, mv, env, "build " + build.detail(), cells, 0, emptyRecord());
            log[0] = ctx.logs().resolve("build-" + mv.row() + ".log");
            return new Attempt(cells, false);
        }
        List<String> configCalls = ctx.config().calls().stream().map(CallSpec::name).toList();
        try (TrialSession session = ctx.relay().open(ctx.upstreams().target(env.name(), trialId), configCalls)) {
            ProbeVariables vars = new ProbeVariables(session.relayUrl().toString(), session.controlUrl().toString(),
                    calls.stream().map(CallSpec::name).toList(), mv.commit().name(), mv.moduleVersion(), env.name(),
                    ctx.upstreams().fixedClock(env.name()));
            Path scratch = ctx.cache().resolve("scratch");
            ProbeRequest request = ProbeRequest.of(ctx.config().target().probe(), module.dir(), scratch, vars,
                    ctx.credentials().get(env.name()), session.proxyUrl(), session.relayHost(), ctx.redactor())
                    .withCaBundle(session.caBundle());
            ProcessResult result = probes.run(request);
            TrialRecord record = session.finish();
            warnings.note(trialId, record, configCalls);
            Redactor trialRedactor = CellBuilder.knowingSentKeys(ctx.redactor(), ctx.venue(), record);
            String output = trialRedactor.redact(output(result));
            log[0] = writeLog(trialId, result, request.envNames(), output, trialRedactor);
            List<Cell> cells = new CellBuilder(trialRedactor).cells(row, env.name(), calls, record, end(result.outcome()), output);
            journal(trialId, mv, env, result.outcome().describe(), cells, result.duration().toMillis(), record);
            return new Attempt(cells, record.repeatable());
        }
    }

    private PreparedModule prepare(Target mv) {
        CompletableFuture<PreparedModule> f = prepared.computeIfAbsent(mv.moduleVersion(), id -> new CompletableFuture<>());
        synchronized (f) {
            if (!f.isDone()) {
                try {
                    PreparedModule pm = mv.worktree().isPresent()
                            ? builds.prepare(mv.worktree().get().cacheId(), ctx.config().target().module(), ctx.config().target().build(),
                            ctx.redactor(), "worktree", dir -> WorktreeModule.materialize(ctx.repo(), mv.worktree().get(), dir))
                            : builds.prepare(ctx.repo(), mv.commit(), mv.moduleVersion(), ctx.config().target().module(),
                            ctx.config().target().build(), ctx.redactor());
                    buildStatus.putIfAbsent(mv.moduleVersion(), pm.outcome().status().name() + (pm.outcome().cached() ? " (cached)" : ""));
                    copyBuildLog(mv, pm);
                    f.complete(pm);
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            }
        }
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private void copyBuildLog(Target mv, PreparedModule pm) {
        Path log = pm.outcome().log();
        try {
            // the build ran beside its log: read it only if it is still a regular file, never through a link
            java.util.Optional<byte[]> text = dev.authbisect.workspace.SafeFiles.readRegular(log, 4 * 1024 * 1024);
            Files.createDirectories(ctx.logs());
            dev.authbisect.workspace.SafeFiles.write(ctx.logs().resolve("build-" + mv.row() + ".log"), ctx.redactor()
                    .redact(text.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("(the build log is not a regular file)\n"))
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw IoFailure.writing("the build log", ctx.logs().resolve("build-" + mv.row() + ".log"), e);
        }
    }

    private String relativeLog(Target mv) {
        return "logs/build-" + mv.row() + ".log";
    }

    private static TrialEnd end(ProcessOutcome o) {
        if (o instanceof ProcessOutcome.Exited e) {
            return new TrialEnd.Exited(e.code());
        }
        if (o instanceof ProcessOutcome.TimedOut t) {
            return new TrialEnd.TimedOut(t.timeout());
        }
        return new TrialEnd.FailedToStart(((ProcessOutcome.FailedToStart) o).reason());
    }

    private static String output(ProcessResult r) {
        StringBuilder s = new StringBuilder();
        if (!r.stdoutTail().isEmpty()) {
            s.append(r.stdoutTail());
            if (!r.stdoutTail().endsWith("\n")) {
                s.append('\n');
            }
        }
        if (!r.stderrTail().isEmpty()) {
            s.append(r.stderrTail());
        }
        return s.toString();
    }

    private Path writeLog(String trialId, ProcessResult r, List<String> envNames, String output, Redactor redactor) {
        // '@' cannot occur in row ids or environment names, so names never collide
        String name = "probe-" + trialId.replace('×', '@').replace('#', '@') + ".log";
        String text = "outcome: " + r.outcome().describe() + "\nduration: " + r.duration().toMillis() + " ms\n"
                + "stdout bytes: " + r.stdoutBytes() + ", stderr bytes: " + r.stderrBytes() + "\n"
                + "probe.env variables: " + String.join(", ", envNames) + "\n--- output (tail) ---\n" + output;
        Path file = ctx.logs().resolve(name);
        try {
            Files.writeString(file, redactor.redact(text));
        } catch (IOException e) {
            throw IoFailure.writing("the probe log", file, e);
        }
        return file;
    }

    private void journal(String trialId, Target mv, EnvironmentSpec env, String probe, List<Cell> cells, long ms, TrialRecord record) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("trial", trialId);
        f.put("module_version", mv.moduleVersion());
        f.put("commit", mv.commit().name());
        f.put("env", env.name());
        f.put("probe", probe);
        f.put("duration_ms", ms);
        Map<String, String> outcomes = new LinkedHashMap<>();
        cells.forEach(c -> outcomes.put(c.call(), c.outcome() + (c.answer().venueCode() == null ? "" : " " + c.answer().venueCode())));
        f.put("outcomes", outcomes);
        f.put("upstream_reached", record.upstreamReached());
        f.put("capture", ctx.upstreams().capture(env.name()).describe());
        if (!record.egress().isEmpty()) {
            f.put("egress_refused", record.egress().stream().map(dev.authbisect.relay.EgressAttempt::explain).toList());
        }
        ctx.journal().event("trial", f);
    }

    static TrialRecord emptyRecord() {
        return new TrialRecord(List.of(), List.<RecordedExchange>of(), Map.of(), List.of());
    }
}
