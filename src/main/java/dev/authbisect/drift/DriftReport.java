package dev.authbisect.drift;

import java.util.List;
import java.util.Objects;

/**
 * What a drift run found: the content of {@code drift.json} (schema {@code authbisect.drift/1}).
 * Every text is already redacted; renderers must still escape it.
 *
 * @param schema               {@link #SCHEMA}
 * @param checkedAt            when the comparison was made (ISO-8601)
 * @param baseline             the baseline side
 * @param current              this run's side
 * @param rows                 the pinned rows ({@code reference,head}, {@code all} …)
 * @param headChanged          whether the module version at the range's head differs from the baseline's
 * @param commitsSinceBaseline commits between the baseline's head and this head ({@code git rev-list base..head}), or null when unknown
 * @param summary              one sentence for the whole comparison
 * @param exitCode             0 no drift, 3 drift, 4 undecided cells
 * @param findings             one per environment × call, in config order
 * @param cells                every compared cell
 * @param keys                 the environments' key ids then and now
 * @param notes                what else a reader should know (config changed, rows not compared …)
 */
public record DriftReport(String schema, String checkedAt, Side baseline, Side current, String rows, boolean headChanged,
                          Integer commitsSinceBaseline, String summary, int exitCode, List<Finding> findings,
                          List<CellDrift> cells, List<KeyChange> keys, List<String> notes) {
    public static final String SCHEMA = "authbisect.drift/1";
    /** The {@code $id} of drift.json's JSON Schema ({@code schemas/drift-1.schema.json}), written as its {@code $schema}. */
    public static final String SCHEMA_ID = "urn:authbisect:schema:drift:1";

    /** What moved for one environment × call. */
    public enum Kind {
        /** Nothing compared changed. */
        NONE,
        /** The environment changed: the reference client changed too, or an unchanged module version changed. */
        ENVIRONMENT,
        /** The module at HEAD changed and the reference did not. */
        CODE,
        /** Both: the reference changed, and the module at HEAD changed differently. */
        BOTH,
        /** A cell changed into or out of a class that is no auth result, or the cause cannot be told. */
        UNDECIDED,
        /** Cells on one side only (a new or removed environment, call or row). */
        ONE_SIDE
    }

    /** How one compared cell moved. */
    public enum Status { UNCHANGED, CHANGED, UNDECIDED, ONLY_BASELINE, ONLY_NOW }

    /**
     * One side of the comparison.
     *
     * @param source            where it came from ({@code baseline.json}, {@code git:REF:PATH}, or {@code this run})
     * @param schema            its result schema
     * @param startedAt         when its run started
     * @param headCommit        the range's head commit, or empty
     * @param headSubject       its subject line (raw)
     * @param headModuleVersion the module version at the head, or empty
     * @param headRow           its row id, or empty
     * @param configDigest      the config digest of its run
     * @param simClock          the {@code --sim-clock} of this run, or empty
     */
    public record Side(String source, String schema, String startedAt, String headCommit, String headSubject,
                       String headModuleVersion, String headRow, String configDigest, String simClock) {
        public Side {
            source = nz(source);
            schema = nz(schema);
            startedAt = nz(startedAt);
            headCommit = nz(headCommit);
            headSubject = nz(headSubject);
            headModuleVersion = nz(headModuleVersion);
            headRow = nz(headRow);
            configDigest = nz(configDigest);
            simClock = nz(simClock);
        }
    }

    /** One environment × call: what moved, in one sentence (empty for {@link Kind#NONE}). */
    public record Finding(String env, String call, Kind kind, String sentence) {
        public Finding {
            Objects.requireNonNull(env, "env");
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(kind, "kind");
            sentence = nz(sentence);
        }

        /** Whether this is drift (exit 3). */
        public boolean drift() {
            return kind == Kind.ENVIRONMENT || kind == Kind.CODE || kind == Kind.BOTH;
        }
    }

    /**
     * One compared cell.
     *
     * @param row         {@code reference}, {@code head}, or the module version's row id (with {@code --rows all})
     * @param baselineRow the baseline's row id, or empty
     * @param currentRow  this run's row id, or empty
     * @param baseline    the baseline's class and venue code ({@code AUTH_REJECTED 40101}), or empty
     * @param current     this run's, or empty
     */
    public record CellDrift(String env, String call, String row, String baselineRow, String currentRow, String baseline,
                            String current, Status status) {
        public CellDrift {
            baselineRow = nz(baselineRow);
            currentRow = nz(currentRow);
            baseline = nz(baseline);
            current = nz(current);
            Objects.requireNonNull(status, "status");
        }
    }

    /** An environment's key id in the baseline and now ({@code unchanged}, {@code changed}, {@code not comparable}, {@code new}, {@code gone}). */
    public record KeyChange(String env, String baseline, String current, String status) {
        public KeyChange {
            baseline = nz(baseline);
            current = nz(current);
            status = nz(status);
        }
    }

    public DriftReport {
        schema = schema == null ? SCHEMA : schema;
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(current, "current");
        findings = findings == null ? List.of() : List.copyOf(findings);
        cells = cells == null ? List.of() : List.copyOf(cells);
        keys = keys == null ? List.of() : List.copyOf(keys);
        notes = notes == null ? List.of() : List.copyOf(notes);
        summary = nz(summary);
    }

    /** Whether any finding is drift. */
    public boolean drift() {
        return findings.stream().anyMatch(Finding::drift);
    }

    /** The findings that say something (everything but {@link Kind#NONE}). */
    public List<Finding> changes() {
        return findings.stream().filter(f -> f.kind() != Kind.NONE).toList();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
