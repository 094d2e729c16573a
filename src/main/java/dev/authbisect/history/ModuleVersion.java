package dev.authbisect.history;

import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The module as it is at one or more commits: commits with the same module version share every
 * build and probe result.
 *
 * @param id             hex digest over the (path, object id) pairs of the module paths
 * @param ordinal        1-based position by first appearance in history order
 * @param commits        the commits with this module version, in history order (not always contiguous:
 *                       a revert brings an earlier version back)
 * @param representative the first of {@code commits}: materialize the module from it
 */
public record ModuleVersion(String id, int ordinal, List<CommitNode> commits, ObjectId representative) {
    public ModuleVersion {
        Objects.requireNonNull(id, "id");
        commits = List.copyOf(commits);
        if (commits.isEmpty()) {
            throw new IllegalArgumentException("a module version has at least one commit");
        }
        representative = representative.copy();
    }

    /** The first 8 hex digits, for display. */
    public String shortId() {
        return id.substring(0, Math.min(8, id.length()));
    }

    public CommitNode first() {
        return commits.get(0);
    }

    public CommitNode last() {
        return commits.get(commits.size() - 1);
    }
}
