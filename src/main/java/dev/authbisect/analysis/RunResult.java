package dev.authbisect.analysis;

import java.util.List;
import java.util.Objects;

/**
 * Everything a run found: the content of {@code result.json}, schema {@code authbisect.result/2}
 * (README "result.json", which says what changed from /1). Reports are rendered from this value alone.
 */
public record RunResult(String schema, String toolVersion, String startedAt, String finishedAt, String configDigest,
                        int exitCode, Target target, List<Environment> environments, List<Call> calls, List<Row> rows,
                        List<Cell> cells, List<Verdict> verdicts, List<String> warnings) {
    public static final String SCHEMA = "authbisect.result/2";

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
                calls, rows, cells, newVerdicts, warnings);
    }
}
