package dev.authbisect.analysis;

import java.util.List;
import java.util.Objects;

/**
 * Everything a run found: the content of {@code result.json}, schema {@code authbisect.result/2}
 * (README "result.json", which says what changed from /1). Reports are rendered from this value alone.
 */
public record RunResult(String schema, String toolVersion, String startedAt, String finishedAt, String configDigest,
                        int exitCode, Target target, List<Environment> environments, List<Call> calls, List<Row> rows,
                        List<Cell> cells, List<Verdict> verdicts, List<String> warnings, Boolean complete,
                        Interruption interruption, Shard shard, Merge merge) {
    public static final String SCHEMA = "authbisect.result/2";

    /** A result of schema /2 as it was before the run-scale fields: complete, not interrupted, not a shard, not merged. */
    public RunResult(String schema, String toolVersion, String startedAt, String finishedAt, String configDigest,
                     int exitCode, Target target, List<Environment> environments, List<Call> calls, List<Row> rows,
                     List<Cell> cells, List<Verdict> verdicts, List<String> warnings) {
        this(schema, toolVersion, startedAt, finishedAt, configDigest, exitCode, target, environments, calls, rows, cells,
                verdicts, warnings, true, null, null, null);
    }

    /**
     * Why a run stopped before every trial ran ({@code complete: false}); {@code run --resume} finishes it.
     *
     * @param signal          {@code SIGINT} or {@code SIGTERM}
     * @param trialsFinished  trials whose cells are in this result
     * @param trialsPlanned   trials the run had planned
     * @param resume          the command that finishes the run
     */
    public record Interruption(String signal, int trialsFinished, int trialsPlanned, String resume) {
    }

    /**
     * This result is shard {@code index} of {@code count} ({@code run --shard K/N}): its module-version rows are the
     * range's versions whose hash falls into this shard, plus the reference row.
     *
     * @param moduleVersions every module version row id of the whole range, in history order (the same in every
     *                       shard of one range; {@code merge} orders rows by it and refuses shards that disagree)
     */
    public record Shard(int index, int count, List<String> moduleVersions) {
        public Shard {
            moduleVersions = moduleVersions == null ? List.of() : List.copyOf(moduleVersions);
        }
    }

    /**
     * This result was joined by {@code authbisect merge} from {@code shards} shard results.
     *
     * @param referenceDisagreements one sentence per reference cell the shards disagree on (empty when they agree)
     */
    public record Merge(int shards, List<String> referenceDisagreements) {
        public Merge {
            referenceDisagreements = referenceDisagreements == null ? List.of() : List.copyOf(referenceDisagreements);
        }
    }

    /**
     * @param range  the commit selection as given ({@code v1.4.0..HEAD}, or the revs joined by spaces)
     * @param config the config file the run read (absolute), for the report's repro commands; empty when unknown
     */
    public record Target(String repo, List<String> modulePaths, String range, String config) {
        public Target {
            modulePaths = modulePaths == null ? List.of() : List.copyOf(modulePaths);
            range = range == null ? "" : range;
            config = config == null ? "" : config;
        }

        public Target(String repo, List<String> modulePaths, String range) {
            this(repo, modulePaths, range, "");
        }
    }

    /**
     * @param upstreamKind {@code live} or {@code sim}
     * @param keyId        the redacted key ({@code raHZAk…#3f2a})
     * @param upstream     the upstream as configured (a URL or {@code sim:<scenario>})
     * @param egressIp     the simulated egress IP, or empty
     */
    public record Environment(String name, String upstreamKind, String keyId, String upstream, String egressIp) {
        public Environment {
            egressIp = egressIp == null ? "" : egressIp;
        }
    }

    public record Call(String name, String method) {
    }

    public RunResult {
        schema = schema == null ? SCHEMA : schema;
        Objects.requireNonNull(target, "target");
        environments = environments == null ? List.of() : List.copyOf(environments);
        calls = calls == null ? List.of() : List.copyOf(calls);
        rows = rows == null ? List.of() : List.copyOf(rows);
        cells = cells == null ? List.of() : List.copyOf(cells);
        verdicts = verdicts == null ? List.of() : List.copyOf(verdicts);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        complete = complete == null ? Boolean.TRUE : complete;
    }

    /** Whether every planned trial ran (false: interrupted, see {@link #interruption}). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isComplete() {
        return Boolean.TRUE.equals(complete);
    }

    /** The same result marked interrupted, with the interrupted exit code (130 for SIGINT, 143 for SIGTERM). */
    public RunResult interrupted(Interruption why, int code) {
        return new RunResult(schema, toolVersion, startedAt, finishedAt, configDigest, code, target, environments, calls,
                rows, cells, verdicts, warnings, false, why, shard, merge);
    }

    /** The same result as shard {@code s} (null: not a shard). */
    public RunResult withShard(Shard s) {
        return new RunResult(schema, toolVersion, startedAt, finishedAt, configDigest, exitCode, target, environments, calls,
                rows, cells, verdicts, warnings, complete, interruption, s, merge);
    }

    /** The cell at (row, env, call), if there is one. */
    public java.util.Optional<Cell> cell(String row, String env, String call) {
        return cells.stream().filter(c -> c.row().equals(row) && c.env().equals(env) && c.call().equals(call)).findFirst();
    }

    /** The environments' names: the declared ones in config order, then any only a cell names (an older or merged file). */
    public List<String> envNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        environments.forEach(e -> names.add(e.name()));
        cells.forEach(c -> names.add(c.env()));
        return List.copyOf(names);
    }

    /** The calls' names: the declared ones in config order, then any only a cell names. */
    public List<String> callNames() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        calls.forEach(c -> names.add(c.name()));
        cells.forEach(c -> names.add(c.call()));
        return List.copyOf(names);
    }

    public RunResult withVerdicts(List<Verdict> newVerdicts, int newExitCode) {
        return new RunResult(schema, toolVersion, startedAt, finishedAt, configDigest, newExitCode, target, environments,
                calls, rows, cells, newVerdicts, warnings, complete, interruption, shard, merge);
    }
}
