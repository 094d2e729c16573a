package dev.authbisect.workspace;

import dev.authbisect.config.ModuleSpec;
import dev.authbisect.history.ExcludeGlobs;
import dev.authbisect.history.ModuleFile;
import dev.authbisect.history.ModuleVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * The module as it is in the target repository's working tree, uncommitted changes included:
 * tracked files as they are on disk and untracked files that git does not ignore, under the
 * module paths, without excluded files. {@link #inspect} compares it with HEAD; {@link #materialize}
 * copies it into a folder like {@link Materializer} does for a commit.
 */
public final class WorktreeModule {
    private WorktreeModule() {
    }

    /**
     * The working tree's module.
     *
     * @param files   its files (path, mode, blob id of the content on disk), sorted by path
     * @param changed module paths whose content or mode differs from HEAD (added, changed or deleted), sorted
     * @param id      a digest of {@code files}: the module version id of the working tree
     * @param head    the HEAD commit it was compared with
     * @param support the files under the support paths as they are on disk: materialized beside the module,
     *                not part of {@code id}
     */
    public record State(List<ModuleFile> files, List<String> changed, String id, ObjectId head, List<ModuleFile> support) {
        public State {
            files = List.copyOf(files);
            support = support == null ? List.of() : List.copyOf(support);
            changed = List.copyOf(changed);
            Objects.requireNonNull(id, "id");
        }

        public State(List<ModuleFile> files, List<String> changed, String id, ObjectId head) {
            this(files, changed, id, head, List.of());
        }

        /** The build cache's identity of this folder: {@code id} and the support files' content. */
        public String cacheId() {
            return id + SupportFiles.digestOf(support);
        }

        public boolean hasChanges() {
            return !changed.isEmpty();
        }
    }

    /** The working tree's module compared with HEAD; empty for a bare repository or one without commits. */
    public static Optional<State> inspect(Repository repo, ModuleSpec spec) {
        if (repo.isBare()) {
            return Optional.empty();
        }
        try {
            ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
            if (head == null) {
                return Optional.empty();
            }
            List<ModuleFile> files = workTreeFiles(repo, spec.paths(), spec.exclude());
            List<ModuleFile> support = new ArrayList<>();
            if (!spec.support().isEmpty()) {
                java.util.Set<String> inModule = new java.util.HashSet<>();
                files.forEach(f -> inModule.add(f.path()));
                workTreeFiles(repo, spec.support(), spec.exclude()).stream().filter(f -> !inModule.contains(f.path())).forEach(support::add);
            }
            Map<String, ModuleFile> committed = new TreeMap<>();
            ModuleVersions.files(repo, head, spec).forEach(f -> committed.put(f.path(), f));
            TreeSet<String> changed = new TreeSet<>();
            for (ModuleFile f : files) {
                ModuleFile c = committed.remove(f.path());
                if (c == null || !c.id().equals(f.id()) || !c.mode().equals(f.mode())) {
                    changed.add(f.path());
                }
            }
            changed.addAll(committed.keySet()); // deleted in the working tree
            return Optional.of(new State(files, List.copyOf(changed), digest(files), head, support));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the working tree of " + repo.getWorkTree(), e);
        }
    }

    private static List<ModuleFile> workTreeFiles(Repository repo, List<String> modulePaths, List<String> exclude) throws IOException {
        ExcludeGlobs excludes = ExcludeGlobs.of(exclude);
        List<String> paths = filterPaths(modulePaths);
        List<ModuleFile> out = new ArrayList<>();
        try (TreeWalk tw = new TreeWalk(repo)) {
            int index = tw.addTree(new DirCacheIterator(repo.readDirCache()));
            FileTreeIterator work = new FileTreeIterator(repo);
            int disk = tw.addTree(work);
            work.setDirCacheIterator(tw, index);
            tw.setRecursive(true);
            if (!paths.isEmpty()) {
                tw.setFilter(PathFilterGroup.createFromStrings(paths));
            }
            while (tw.next()) {
                WorkingTreeIterator w = tw.getTree(disk, WorkingTreeIterator.class);
                if (w == null) {
                    continue; // deleted on disk
                }
                boolean tracked = tw.getTree(index, DirCacheIterator.class) != null;
                String path = tw.getPathString();
                FileMode mode = w.getEntryFileMode();
                if (!tracked && w.isEntryIgnored() || mode == FileMode.GITLINK || excludes.excludes(path)) {
                    continue;
                }
                out.add(new ModuleFile(path, mode, w.getEntryObjectId()));
            }
        }
        return out;
    }

    /** The module paths as JGit path filters; empty when the module is the whole repository. */
    private static List<String> filterPaths(List<String> paths) {
        List<String> out = new ArrayList<>();
        for (String p : paths) {
            String s = p.strip();
            while (s.startsWith("./") || s.startsWith("/")) {
                s = s.substring(s.startsWith("/") ? 1 : 2);
            }
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            if (s.isEmpty() || s.equals(".")) {
                return List.of();
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static String digest(List<ModuleFile> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update("authbisect worktree module\n".getBytes(StandardCharsets.UTF_8));
            for (ModuleFile f : files) {
                md.update((f.path() + "\0" + f.mode().getBits() + "\0" + f.id().name() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest(), 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the state's files from the working tree into {@code dir} (repository layout), which must not exist or be empty. */
    public static Materialization materialize(Repository repo, State state, Path dir) {
        Path root = repo.getWorkTree().toPath().toAbsolutePath().normalize();
        Path target = dir.toAbsolutePath().normalize();
        int files = 0;
        int symlinks = 0;
        long bytes = 0;
        try {
            Files.createDirectories(target);
            try (var entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("folder is not empty: " + target);
                }
            }
            // symlinks are recreated only when they resolve inside the module, as for a commit (Materializer), and last
            Map<String, String> links = new TreeMap<>();
            List<ModuleFile> all = new ArrayList<>(state.files());
            all.addAll(state.support());
            for (ModuleFile f : all) {
                if (f.isSymlink()) {
                    links.put(f.path(), Files.readSymbolicLink(root.resolve(f.path()).normalize()).toString());
                }
            }
            for (Map.Entry<String, String> link : links.entrySet()) {
                if (Materializer.escapes(link.getKey(), link.getValue(), links)) {
                    throw new RefusedTree("working tree entry " + Materializer.shown(link.getKey())
                            + ": symlink to a path outside the module");
                }
            }
            for (ModuleFile f : all) {
                Path from = root.resolve(f.path()).normalize();
                Path to = target.resolve(f.path()).normalize();
                if (!from.startsWith(root) || !to.startsWith(target)) {
                    throw new IOException("refusing a path outside the module folder: '" + f.path() + "'");
                }
                if (f.isSymlink()) {
                    continue;
                }
                Files.createDirectories(to.getParent());
                Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                if (f.isExecutable()) {
                    to.toFile().setExecutable(true, false);
                }
                files++;
                bytes += Files.size(to);
            }
            for (Map.Entry<String, String> link : links.entrySet()) {
                Path to = target.resolve(link.getKey()).normalize();
                Files.createDirectories(to.getParent());
                if (!to.getParent().toRealPath().startsWith(target.toRealPath())) {
                    throw new RefusedTree("working tree entry " + Materializer.shown(link.getKey())
                            + ": its folder resolves outside the module");
                }
                Files.createSymbolicLink(to, Path.of(link.getValue()));
                symlinks++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the working tree's module into " + dir, e);
        }
        return new Materialization(files, symlinks, bytes, 0);
    }
}
