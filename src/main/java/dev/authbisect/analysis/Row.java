package dev.authbisect.analysis;

import java.util.List;
import java.util.Objects;

/**
 * A row of the matrix: the reference control row, or one module version with the commits
 * that share it (in history order, oldest first).
 *
 * @param id            {@code ref}, {@code worktree}, or the module version's short hash (8+ hex digits, the same in every run; schema /1 used {@code mv1} …)
 * @param kind          reference, module version, or the uncommitted working tree
 * @param moduleVersion the module version hash (empty for the reference row)
 * @param commits       the commits with this module version, oldest first (empty for the reference row)
 * @param build         the build outcome of this module version ({@code OK}, {@code FAILED}, {@code TIMEOUT},
 *                      {@code NONE} when no build is configured, each with " (cached)" when reused); empty for the reference row
 */
public record Row(String id, Kind kind, String moduleVersion, List<CommitRef> commits, String build) {
    /** Written to result.json as {@code reference} / {@code module_version} (README "result.json"); upper case is read too. */
    public enum Kind {
        @com.fasterxml.jackson.annotation.JsonProperty("reference")
        @com.fasterxml.jackson.annotation.JsonAlias("REFERENCE")
        REFERENCE,
        @com.fasterxml.jackson.annotation.JsonProperty("module_version")
        @com.fasterxml.jackson.annotation.JsonAlias("MODULE_VERSION")
        MODULE_VERSION,
        /** The target repository's uncommitted working tree ({@code run --worktree}); no commits, never part of a verdict. */
        @com.fasterxml.jackson.annotation.JsonProperty("worktree")
        @com.fasterxml.jackson.annotation.JsonAlias("WORKTREE")
        WORKTREE
    }

    public Row {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        moduleVersion = moduleVersion == null ? "" : moduleVersion;
        commits = commits == null ? List.of() : List.copyOf(commits);
        build = build == null ? "" : build;
    }

    public static Row reference() {
        return new Row("ref", Kind.REFERENCE, "", List.of(), "");
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isReference() {
        return kind == Kind.REFERENCE;
    }

    /** The id of the working-tree row. */
    public static final String WORKTREE_ID = "worktree";

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isWorktree() {
        return kind == Kind.WORKTREE;
    }
}
