package dev.authbisect.history;

import dev.authbisect.config.ModuleSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Module versions: the identity of the configured module paths at a commit, computed from git
 * objects without checking anything out (works on bare repositories).
 *
 * <p>A module version id is a digest over the sorted (path, git object id) pairs of
 * {@code module.paths}: a directory contributes its tree id (or, with {@code exclude}, a digest
 * of the files it keeps), a file its mode and blob id, a missing path an "absent" marker.
 */
public final class ModuleVersions {
    private ModuleVersions() {
    }

    /**
     * Groups {@code commits} (in history order) by module version, computing every id.
     *
     * @throws dev.authbisect.core.ExitException (usage) for bad module paths or exclude globs
     */
    public static ModuleVersionIndex compute(Repository repo, List<CommitNode> commits, ModuleSpec spec) {
        return group(repo, commits, spec, null);
    }

    /**
     * Groups {@code commits} (in history order) by module version, reading the ids of commits
     * seen before from the persistent index in authbisect's cache folder {@code cacheDir} and
     * adding the new ones to it (see {@link KnownModuleVersions}): a second run over the same
     * commits reads no tree.
     *
     * @throws dev.authbisect.core.ExitException (usage) for bad module paths or exclude globs
     */
    public static ModuleVersionIndex compute(Repository repo, List<CommitNode> commits, ModuleSpec spec, Path cacheDir) {
        return group(repo, commits, spec, java.util.Objects.requireNonNull(cacheDir, "cacheDir"));
    }

    private static ModuleVersionIndex group(Repository repo, List<CommitNode> commits, ModuleSpec spec, Path cacheDir) {
        List<ModulePath> paths = ModulePath.of(spec);
        ExcludeGlobs excludes = ExcludeGlobs.of(spec.exclude());
        KnownModuleVersions known = cacheDir == null ? null
                : KnownModuleVersions.open(cacheDir, KnownModuleVersions.definition(paths, excludes));
        Map<String, List<CommitNode>> groups = new LinkedHashMap<>();
        ObjectReader reader = null;
        RevWalk walk = null;
        ModuleHasher hasher = null;
        try {
            for (CommitNode commit : commits) {
                String id = known == null ? null : known.get(commit.id());
                if (id == null) {
                    if (hasher == null) {
                        reader = repo.newObjectReader();
                        walk = new RevWalk(reader);
                        hasher = new ModuleHasher(reader, paths, excludes);
                    }
                    id = hasher.versionOf(commit.knowsTree() ? commit.tree() : walk.parseCommit(commit.id()).getTree());
                    if (known != null) {
                        known.put(commit.id(), id);
                    }
                }
                groups.computeIfAbsent(id, k -> new ArrayList<>()).add(commit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read module versions from " + repo.getDirectory(), e);
        } finally {
            if (walk != null) {
                walk.close();
            }
            if (reader != null) {
                reader.close();
            }
        }
        if (known != null) {
            known.save();
        }
        List<ModuleVersion> versions = new ArrayList<>(groups.size());
        groups.forEach((id, members) -> versions.add(
                new ModuleVersion(id, versions.size() + 1, members, members.get(0).id())));
        return new ModuleVersionIndex(spec, versions);
    }

    /** The module version id of one commit (same value {@link #compute} gives it). */
    public static String versionOf(Repository repo, ObjectId commit, ModuleSpec spec) {
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            return new ModuleHasher(reader, ModulePath.of(spec), ExcludeGlobs.of(spec.exclude()))
                    .versionOf(walk.parseCommit(commit).getTree());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read commit " + commit.name(), e);
        }
    }

    /**
     * The files of the module at {@code commit} (excluded files left out), sorted by path: what
     * a workspace materializes.
     */
    public static List<ModuleFile> files(Repository repo, ObjectId commit, ModuleSpec spec) {
        List<ModulePath> paths = ModulePath.of(spec);
        ExcludeGlobs excludes = ExcludeGlobs.of(spec.exclude());
        TreeMap<String, ModuleFile> out = new TreeMap<>();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            ObjectId root = walk.parseCommit(commit).getTree();
            for (ModulePath mp : paths) {
                Optional<ModuleHasher.Found> found = ModuleHasher.lookup(reader, root, mp.path());
                if (found.isEmpty()) {
                    continue;
                }
                if (!found.get().isTree()) {
                    if (!excludes.excludes(mp.path())) {
                        out.put(mp.path(), new ModuleFile(mp.path(), found.get().mode(), found.get().id()));
                    }
                    continue;
                }
                try (TreeWalk tw = new TreeWalk(reader)) {
                    tw.addTree(found.get().id());
                    tw.setRecursive(false);
                    String prefix = mp.path().isEmpty() ? "" : mp.path() + "/";
                    while (tw.next()) {
                        String path = prefix + tw.getPathString();
                        if (tw.isSubtree()) {
                            if (!excludes.excludesDirectory(path)) {
                                tw.enterSubtree();
                            }
                        } else if (!excludes.excludes(path)) {
                            out.put(path, new ModuleFile(path, tw.getFileMode(0), tw.getObjectId(0)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read commit " + commit.name(), e);
        }
        return List.copyOf(out.values());
    }

    /**
     * The module files {@code commit} added, changed (content or mode) or deleted relative to
     * its first parent (a root commit: every module file), sorted; excluded files left out.
     */
    public static List<String> changedPaths(Repository repo, CommitNode commit, ModuleSpec spec) {
        List<ModulePath> paths = ModulePath.of(spec);
        ExcludeGlobs excludes = ExcludeGlobs.of(spec.exclude());
        TreeSet<String> changed = new TreeSet<>();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader);
             TreeWalk tw = new TreeWalk(reader)) {
            RevCommit c = walk.parseCommit(commit.id());
            if (c.getParentCount() == 0) {
                tw.addTree(new EmptyTreeIterator());
            } else {
                tw.addTree(walk.parseCommit(c.getParent(0)).getTree());
            }
            tw.addTree(c.getTree());
            tw.setRecursive(true);
            boolean wholeRepo = paths.stream().anyMatch(p -> p.path().isEmpty());
            tw.setFilter(wholeRepo ? TreeFilter.ANY_DIFF : AndTreeFilter.create(
                    PathFilterGroup.createFromStrings(paths.stream().map(ModulePath::path).toList()),
                    TreeFilter.ANY_DIFF));
            while (tw.next()) {
                String path = tw.getPathString();
                if (!excludes.excludes(path)) {
                    changed.add(path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read commit " + commit.id().name(), e);
        }
        return List.copyOf(changed);
    }
}
