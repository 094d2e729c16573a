package dev.authbisect.history;

import dev.authbisect.config.ModuleSpec;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/** The module versions of a commit range, ordered by first appearance in history order. */
public final class ModuleVersionIndex {
    private final ModuleSpec spec;
    private final List<ModuleVersion> versions;
    private final Map<ObjectId, ModuleVersion> byCommit;
    private final Map<String, ModuleVersion> byId;

    ModuleVersionIndex(ModuleSpec spec, List<ModuleVersion> versions) {
        this.spec = spec;
        this.versions = List.copyOf(versions);
        Map<ObjectId, ModuleVersion> commits = new HashMap<>();
        Map<String, ModuleVersion> ids = new HashMap<>();
        for (ModuleVersion v : this.versions) {
            ids.put(v.id(), v);
            v.commits().forEach(c -> commits.put(c.id(), v));
        }
        this.byCommit = Collections.unmodifiableMap(commits);
        this.byId = Collections.unmodifiableMap(ids);
    }

    public ModuleSpec spec() {
        return spec;
    }

    /** In order of first appearance; ordinals 1..n. */
    public List<ModuleVersion> versions() {
        return versions;
    }

    public int size() {
        return versions.size();
    }

    public int commitCount() {
        return byCommit.size();
    }

    /** The module version of {@code commit}, if the commit is in the range. */
    public Optional<ModuleVersion> find(ObjectId commit) {
        return Optional.ofNullable(byCommit.get(commit));
    }

    /** The module version of {@code commit}; fails for a commit outside the range. */
    public ModuleVersion moduleVersionOf(ObjectId commit) {
        ModuleVersion v = byCommit.get(commit);
        if (v == null) {
            throw new IllegalArgumentException("commit " + commit.name() + " is not in the selected range");
        }
        return v;
    }

    /** The module files {@code commit} changed relative to its first parent (see {@link ModuleVersions#changedPaths}). */
    public List<String> changedPaths(org.eclipse.jgit.lib.Repository repo, CommitNode commit) {
        return ModuleVersions.changedPaths(repo, commit, spec);
    }

    /** The module version with {@code id} (its hex digest). */
    public Optional<ModuleVersion> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
