package dev.authbisect.workspace;

import dev.authbisect.config.ModuleSpec;
import dev.authbisect.history.ExcludeGlobs;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
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
 *
 * <p>Repositories are not trusted. Nothing is written outside {@code dir}: the whole tree is read
 * and checked before the first byte is written, and a tree that cannot be written safely is
 * refused with a {@link RefusedTree} naming the entry — duplicate entry names (a symlink
 * {@code evil} and a tree {@code evil/}), names git refuses on checkout ({@code ..}, {@code .},
 * {@code .git}, names holding {@code /} or NUL), and symlinks whose target resolves outside
 * {@code dir} (absolute, too many {@code ..}, or through another link). Then folders are created
 * one at a time without following links, files are created new with {@code O_NOFOLLOW}, symlinks
 * last, and each folder's real path is checked to lie under {@code dir}'s.
 */
public final class Materializer {
    private static final Set<PosixFilePermission> EXECUTABLE = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
    /** Longer link targets are not paths (Linux PATH_MAX). */
    private static final int MAX_LINK_TARGET = 4096;
    /** Like the kernel's MAXSYMLINKS: a longer chain fails to resolve (ELOOP), it cannot escape. */
    private static final int MAX_LINK_HOPS = 40;

    private enum Kind { DIR, FILE, EXECUTABLE, SYMLINK, GITLINK }

    private record Entry(String path, Kind kind, ObjectId id, boolean excluded) {
    }

    private Materializer() {
    }

    /**
     * Materializes {@code spec.paths()} and {@code spec.support()} of {@code commit} into {@code dir}, which must not
     * exist or be empty. A path absent at that commit contributes nothing.
     *
     * @throws RefusedTree when the tree cannot be written without leaving {@code dir} (nothing was written)
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
                walk.setRecursive(false);
                List<String> paths = filterPaths(spec.materialized());
                if (!paths.isEmpty()) {
                    walk.setFilter(PathFilterGroup.createFromStrings(paths));
                }
                List<Entry> entries = read(walk, excludes);
                Map<String, String> links = linkTargets(entries, reader);
                checkLinks(entries, links);
                return write(entries, links, reader, dir.toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot materialize " + commit.name() + " into " + dir, e);
        }
    }

    /** Every entry under the module paths, trees included, refusing bad and duplicate names. */
    private static List<Entry> read(TreeWalk walk, ExcludeGlobs excludes) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, Kind> seen = new HashMap<>();
        while (walk.next()) {
            String path = walk.getPathString();
            checkName(path, walk.getNameString(), walk.getRawPath());
            FileMode mode = walk.getFileMode(0);
            Kind kind = kindOf(mode, path);
            if (seen.putIfAbsent(path, kind) != null) {
                throw refused(path, "duplicate entry name (another entry of the same tree has it; git fsck: duplicateEntries)");
            }
            String parent = parentOf(path);
            if (!parent.isEmpty() && seen.get(parent) != Kind.DIR) {
                throw refused(path, "its parent " + shown(parent) + " is a " + describe(seen.get(parent)) + ", not a folder");
            }
            if (kind == Kind.DIR) {
                entries.add(new Entry(path, kind, walk.getObjectId(0), false));
                walk.enterSubtree();
                continue;
            }
            entries.add(new Entry(path, kind, walk.getObjectId(0), kind == Kind.GITLINK || excludes.excludes(path)));
        }
        return entries;
    }

    private static Kind kindOf(FileMode mode, String path) {
        if (mode == FileMode.TREE) {
            return Kind.DIR;
        }
        if (mode == FileMode.SYMLINK) {
            return Kind.SYMLINK;
        }
        if (mode == FileMode.GITLINK) {
            return Kind.GITLINK;
        }
        if (mode == FileMode.EXECUTABLE_FILE) {
            return Kind.EXECUTABLE;
        }
        if (mode == FileMode.REGULAR_FILE) {
            return Kind.FILE;
        }
        throw refused(path, "unknown file mode " + Integer.toOctalString(mode.getBits()));
    }

    /** The last segment of a walked path: git's own checkout rules (no "", ".", "..", ".git", "/", NUL). */
    private static void checkName(String path, String name, byte[] raw) {
        if (name.indexOf('/') >= 0) {
            throw refused(path, "a name holding '/'");
        }
        for (byte b : raw) {
            if (b == 0) {
                throw refused(path, "a name holding a NUL byte");
            }
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw refused(path, "the name '" + name + "' (git refuses it on checkout)");
        }
        if (name.toLowerCase(Locale.ROOT).equals(".git")) {
            throw refused(path, "the name '" + shown(name) + "' (git refuses it on checkout)");
        }
    }

    private static Map<String, String> linkTargets(List<Entry> entries, ObjectReader reader) throws IOException {
        Map<String, String> links = new HashMap<>();
        for (Entry e : entries) {
            if (e.kind() != Kind.SYMLINK) {
                continue;
            }
            ObjectLoader loader = reader.open(e.id(), Constants.OBJ_BLOB);
            if (loader.getSize() > MAX_LINK_TARGET) {
                throw refused(e.path(), "symlink with a target over " + MAX_LINK_TARGET + " bytes");
            }
            byte[] bytes = loader.getBytes();
            for (byte b : bytes) {
                if (b == 0) {
                    throw refused(e.path(), "symlink target holding a NUL byte");
                }
            }
            String target = new String(bytes, StandardCharsets.UTF_8);
            if (target.isEmpty()) {
                throw refused(e.path(), "symlink with an empty target");
            }
            links.put(e.path(), target);
        }
        return links;
    }

    /** Every symlink that will be written must resolve inside the module folder, links followed as the kernel would. */
    private static void checkLinks(List<Entry> entries, Map<String, String> links) {
        Map<String, String> written = new HashMap<>();
        for (Entry e : entries) {
            if (e.kind() == Kind.SYMLINK && !e.excluded()) {
                written.put(e.path(), links.get(e.path()));
            }
        }
        for (Map.Entry<String, String> link : written.entrySet()) {
            if (escapes(link.getKey(), link.getValue(), written)) {
                throw refused(link.getKey(), "symlink to a path outside the module");
            }
        }
    }

    /**
     * True when {@code target}, read from the folder holding {@code link}, leaves the module folder.
     * Components that are links of this tree are replaced by their targets; every other component
     * is taken to be a folder (the strict reading: something may be created there later).
     */
    static boolean escapes(String link, String target, Map<String, String> links) {
        List<String> at = new ArrayList<>(List.of(parentOf(link).isEmpty() ? new String[0] : parentOf(link).split("/")));
        List<String> rest = new ArrayList<>(List.of(target.split("/", -1)));
        if (target.startsWith("/")) {
            return true;
        }
        int hops = 0;
        while (!rest.isEmpty()) {
            String seg = rest.remove(0);
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (at.isEmpty()) {
                    return true;
                }
                at.remove(at.size() - 1);
                continue;
            }
            at.add(seg);
            String next = links.get(String.join("/", at));
            if (next != null) {
                if (++hops > MAX_LINK_HOPS) {
                    return false; // ELOOP: the kernel gives up, nothing is reached
                }
                if (next.startsWith("/")) {
                    return true;
                }
                at.remove(at.size() - 1);
                rest.addAll(0, List.of(next.split("/", -1)));
            }
        }
        return false;
    }

    private static Materialization write(List<Entry> entries, Map<String, String> links, ObjectReader reader, Path root)
            throws IOException {
        Path realRoot = root.toRealPath();
        Set<Path> madeDirs = new HashSet<>();
        madeDirs.add(root);
        int files = 0;
        int symlinks = 0;
        int skipped = 0;
        long bytes = 0;
        List<Entry> linksLast = new ArrayList<>();
        for (Entry e : entries) {
            if (e.kind() == Kind.DIR) {
                continue;
            }
            if (e.excluded()) {
                skipped++;
                continue;
            }
            if (e.kind() == Kind.SYMLINK) {
                linksLast.add(e);
                continue;
            }
            Path target = inside(root, e.path());
            makeParents(root, realRoot, target.getParent(), madeDirs, e.path());
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                reader.open(e.id(), Constants.OBJ_BLOB).copyTo(out);
            }
            if (e.kind() == Kind.EXECUTABLE) {
                makeExecutable(target);
            }
            files++;
            bytes += reader.getObjectSize(e.id(), Constants.OBJ_BLOB);
        }
        for (Entry e : linksLast) {
            Path target = inside(root, e.path());
            makeParents(root, realRoot, target.getParent(), madeDirs, e.path());
            Files.createSymbolicLink(target, Path.of(links.get(e.path())));
            symlinks++;
        }
        return new Materialization(files, symlinks, bytes, skipped);
    }

    /** Creates the folders from root down to {@code dir} one at a time, never through a link, and checks the real path. */
    private static void makeParents(Path root, Path realRoot, Path dir, Set<Path> madeDirs, String entry) throws IOException {
        if (madeDirs.contains(dir)) {
            return;
        }
        Path current = root;
        for (Path seg : root.relativize(dir)) {
            current = current.resolve(seg);
            if (madeDirs.contains(current)) {
                continue;
            }
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                    throw refused(entry, "its parent " + shown(root.relativize(current).toString()) + " is not a folder");
                }
            } else {
                Files.createDirectory(current);
            }
            if (!current.toRealPath().startsWith(realRoot)) {
                throw refused(entry, "its parent " + shown(root.relativize(current).toString()) + " resolves outside the module");
            }
            madeDirs.add(current);
        }
    }

    /** {@code root/path}, refusing a path that would land outside root (belt and braces: names were checked). */
    private static Path inside(Path root, String path) {
        Path target = root.resolve(path).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw refused(path, "a path outside the module folder");
        }
        return target;
    }

    /** The module paths as JGit path filters; empty when the module is the whole repository. */
    static List<String> filterPaths(List<String> paths) {
        List<String> stripped = paths.stream().map(Materializer::stripSlashes).toList();
        if (stripped.stream().anyMatch(p -> p.isEmpty() || p.equals("."))) {
            return List.of();
        }
        return stripped.stream().distinct().toList();
    }

    /** A configured path without leading "/" or "./" and trailing "/"; "." (the repository root) is "". */
    static String stripSlashes(String p) {
        String s = p.strip();
        while (s.startsWith("/") || s.startsWith("./")) {
            s = s.substring(s.startsWith("/") ? 1 : 2);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.equals(".") ? "" : s;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String describe(Kind kind) {
        if (kind == null) {
            return "missing entry";
        }
        return switch (kind) {
            case SYMLINK -> "symlink";
            case GITLINK -> "gitlink (submodule)";
            case DIR -> "folder";
            default -> "file";
        };
    }

    private static RefusedTree refused(String path, String why) {
        return new RefusedTree("tree entry " + shown(path) + ": " + why);
    }

    /** A repository path for a one-line message: control and format characters become '?', bounded. */
    static String shown(String path) {
        StringBuilder sb = new StringBuilder();
        path.codePoints().limit(200).forEach(cp -> sb.appendCodePoint(
                Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT ? '?' : cp));
        return path.length() > 200 ? sb + "…" : sb.toString();
    }

    private static void makeExecutable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, EXECUTABLE);
        } catch (UnsupportedOperationException e) {
            file.toFile().setExecutable(true, false);
        }
    }

    private static void prepareEmpty(Path dir) throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("not a folder (or a symlink): " + dir);
            }
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
