package dev.authbisect.workspace;

import dev.authbisect.config.ModuleSpec;
import dev.authbisect.history.ExcludeGlobs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * Writes the module paths of one commit into a folder straight from git objects (no checkout,
 * no index, the repository's work tree untouched), keeping the repository layout
 * ({@code dir/backend/app/...}), executable bits and symlinks; excluded files and gitlinks
 * (submodules) are left out.
 */
public final class Materializer {
    private static final Set<PosixFilePermission> EXECUTABLE = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

    private Materializer() {
    }

    /**
     * Materializes {@code spec.paths()} of {@code commit} into {@code dir}, which must not exist or be empty.
     * A module path absent at that commit contributes nothing.
     */
    public static Materialization materialize(Repository repo, ObjectId commit, ModuleSpec spec, Path dir) {
        try {
            prepareEmpty(dir);
            ExcludeGlobs excludes = ExcludeGlobs.of(spec.exclude());
            try (ObjectReader reader = repo.newObjectReader();
                 RevWalk revs = new RevWalk(reader);
                 TreeWalk walk = new TreeWalk(repo, reader)) {
                RevCommit c = revs.parseCommit(commit);
                walk.addTree(c.getTree());
                walk.setRecursive(true);
                List<String> paths = filterPaths(spec.paths());
                if (!paths.isEmpty()) {
                    walk.setFilter(PathFilterGroup.createFromStrings(paths));
                }
                return write(walk, reader, excludes, dir.toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot materialize " + commit.name() + " into " + dir, e);
        }
    }

    private static Materialization write(TreeWalk walk, ObjectReader reader, ExcludeGlobs excludes, Path root)
            throws IOException {
        Set<Path> madeDirs = new HashSet<>();
        madeDirs.add(root);
        int files = 0;
        int symlinks = 0;
        int skipped = 0;
        long bytes = 0;
        while (walk.next()) {
            String path = walk.getPathString();
            FileMode mode = walk.getFileMode(0);
            if (mode == FileMode.GITLINK || excludes.excludes(path)) {
                skipped++;
                continue;
            }
            Path target = safeResolve(root, path);
            Path parent = target.getParent();
            if (madeDirs.add(parent)) {
                Files.createDirectories(parent);
            }
            ObjectId id = walk.getObjectId(0);
            if (mode == FileMode.SYMLINK) {
                String link = new String(reader.open(id, Constants.OBJ_BLOB).getBytes(), StandardCharsets.UTF_8);
                Files.createSymbolicLink(target, Path.of(link));
                symlinks++;
            } else {
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    reader.open(id, Constants.OBJ_BLOB).copyTo(out);
                }
                if (mode == FileMode.EXECUTABLE_FILE) {
                    makeExecutable(target);
                }
                files++;
                bytes += reader.getObjectSize(id, Constants.OBJ_BLOB);
            }
        }
        return new Materialization(files, symlinks, bytes, skipped);
    }

    /** The module paths as JGit path filters; empty when the module is the whole repository. */
    static List<String> filterPaths(List<String> paths) {
        List<String> stripped = paths.stream().map(Materializer::stripSlashes).toList();
        if (stripped.stream().anyMatch(p -> p.isEmpty() || p.equals("."))) {
            return List.of();
        }
        return stripped.stream().distinct().toList();
    }

    private static String stripSlashes(String p) {
        String s = p.strip();
        while (s.startsWith("/") || s.startsWith("./")) {
            s = s.substring(s.startsWith("/") ? 1 : 2);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** {@code root/path}, refusing a tree entry that would land outside root ("..", absolute names). */
    private static Path safeResolve(Path root, String path) throws IOException {
        Path target = root.resolve(path).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new IOException("refusing tree entry outside the module folder: '" + path + "'");
        }
        return target;
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, EXECUTABLE);
        } catch (UnsupportedOperationException e) {
            file.toFile().setExecutable(true, false);
        }
    }

    private static void prepareEmpty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException("folder is not empty: " + dir);
                }
            }
        } else {
            Files.createDirectories(dir);
        }
    }
}
