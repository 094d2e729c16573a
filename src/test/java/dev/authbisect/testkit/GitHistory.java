package dev.authbisect.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A fluent builder of real git histories for tests, in the spirit of JGit's {@code TestRepository}.
 *
 * <p>Objects are written directly with an {@link ObjectInserter} (no porcelain add/commit). Each
 * step is on disk when it returns (loose objects, a few ms per commit); wrap big histories in
 * {@link #bulk} to write one pack instead (2,000 commits in about a second). Times are deterministic: the clock starts at
 * {@link #START}, every commit advances it by one minute, and {@link #tick(int)} moves it further.
 * Author and committer are the same person ({@link #author(String)} changes it).
 *
 * <pre>{@code
 * try (GitHistory git = GitHistory.init(dir)) {
 *     ObjectId base = git.commit("add client", "app/client.py", "v1", "README.md", "hi").head();
 *     git.branch("feature").checkout("feature")
 *        .commit("sign nonce", GitHistory.file("app/sign.py", "v2"), GitHistory.executable("run.sh", "#!/bin/sh"))
 *        .checkout("main")
 *        .commit("docs", GitHistory.delete("README.md"))
 *        .merge("feature", "Merge feature")
 *        .tag("v1.0");
 * }
 * }</pre>
 *
 * <p>For a working-tree repository ({@link #init(Path)}) the files and the index follow the
 * current branch, so {@code git status} is clean; a bare one ({@link #initBare(Path)}) has
 * objects and refs only. Not thread-safe.
 */
public final class GitHistory implements AutoCloseable {
    /** The time of the first commit. */
    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    /** The branch a new repository starts on. */
    public static final String MAIN = "main";

    private final Git git;
    private final Repository repo;
    private final Map<String, DirCacheEntry> indexCache = new HashMap<>();
    private ObjectInserter inserter;
    private ObjectReader reader;
    /** Ref updates not written yet, while inside {@link #bulk}; null outside. */
    private Map<String, ObjectId> pendingRefs;

    private Instant now = START;
    private String authorName = "A U Thor";
    private String branch = MAIN;
    private ObjectId head;
    private TreeMap<String, Blob> files = new TreeMap<>();
    /** What the working tree and index hold (lags behind {@link #files} inside {@link #bulk}). */
    private TreeMap<String, Blob> onDisk = new TreeMap<>();

    private GitHistory(Git git) {
        this.git = git;
        this.repo = git.getRepository();
        this.inserter = repo.newObjectInserter();
        this.reader = inserter.newReader();
    }

    /** A new repository with a working tree at {@code dir}, on branch {@code main}. */
    public static GitHistory init(Path dir) {
        return create(dir, false);
    }

    /** A new bare repository at {@code dir}, HEAD on branch {@code main}. */
    public static GitHistory initBare(Path dir) {
        return create(dir, true);
    }

    private static GitHistory create(Path dir, boolean bare) {
        try {
            Files.createDirectories(dir);
            Git git = Git.init().setDirectory(dir.toFile()).setBare(bare).setInitialBranch(MAIN).call();
            return new GitHistory(git);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("cannot init " + dir, e);
        }
    }

    // ---- file changes ---------------------------------------------------------------------

    /** A change to one path in a commit. */
    public sealed interface Change permits Write, Delete {
        String path();
    }

    /** Write a regular or executable file. */
    public record Write(String path, byte[] content, boolean executable) implements Change {
        public Write {
            checkPath(path);
            content = content.clone();
        }
    }

    /** Delete a file, or every file under a directory when the path ends with '/'. */
    public record Delete(String path) implements Change {
        public Delete {
            Objects.requireNonNull(path, "path");
        }
    }

    public static Change file(String path, String content) {
        return new Write(path, content.getBytes(StandardCharsets.UTF_8), false);
    }

    public static Change file(String path, byte[] content) {
        return new Write(path, content, false);
    }

    public static Change executable(String path, String content) {
        return new Write(path, content.getBytes(StandardCharsets.UTF_8), true);
    }

    public static Change delete(String path) {
        return new Delete(path);
    }

    private static void checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//")) {
            throw new IllegalArgumentException("not a repository-relative file path: '" + path + "'");
        }
    }

    // ---- clock and identity -----------------------------------------------------------------

    /** Advances the clock by {@code seconds} (commits already advance it by 60 s each). */
    public GitHistory tick(int seconds) {
        now = now.plusSeconds(seconds);
        return this;
    }

    /** The time the next commit gets. */
    public Instant now() {
        return now;
    }

    /** Author and committer of the following commits ({@code name@example.com}). */
    public GitHistory author(String name) {
        this.authorName = Objects.requireNonNull(name, "name");
        return this;
    }

    // ---- commits ----------------------------------------------------------------------------

    /** A commit that changes nothing (same tree as its parent). */
    public GitHistory commit(String subject) {
        return commit(subject, new Change[0]);
    }

    /** A commit writing regular files, given as path, content, path, content, … */
    public GitHistory commit(String subject, String... pathsAndContents) {
        if (pathsAndContents.length % 2 != 0) {
            throw new IllegalArgumentException("expected path/content pairs, got " + pathsAndContents.length + " strings");
        }
        Change[] changes = new Change[pathsAndContents.length / 2];
        for (int i = 0; i < changes.length; i++) {
            changes[i] = file(pathsAndContents[2 * i], pathsAndContents[2 * i + 1]);
        }
        return commit(subject, changes);
    }

    /** A commit writing regular files (path → content). */
    public GitHistory commit(String subject, Map<String, String> pathToContent) {
        return commit(subject, new TreeMap<>(pathToContent).entrySet().stream()
                .map(e -> file(e.getKey(), e.getValue())).toArray(Change[]::new));
    }

    /** A commit applying {@code changes} to the current branch's files. */
    public GitHistory commit(String subject, Change... changes) {
        TreeMap<String, Blob> next = new TreeMap<>(files);
        apply(next, Arrays.asList(changes));
        List<ObjectId> parents = head == null ? List.of() : List.of(head);
        advance(writeCommit(subject, parents, next), next);
        return this;
    }

    /**
     * A merge commit on the current branch with two parents: the current head and the tip of
     * {@code other}. Paths are merged file by file against the merge base; a path changed
     * differently on both sides is a conflict and must be resolved by one of {@code resolutions}.
     */
    public GitHistory merge(String other, String subject, Change... resolutions) {
        ObjectId theirs = id(other);
        requireHead("merge");
        try (RevWalk walk = new RevWalk(reader)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(head));
            walk.markStart(walk.parseCommit(theirs));
            RevCommit baseCommit = walk.next();
            SortedMap<String, Blob> base = baseCommit == null ? new TreeMap<>() : readTree(baseCommit);
            SortedMap<String, Blob> other2 = readTree(theirs);
            TreeMap<String, Blob> merged = new TreeMap<>();
            Set<String> conflicts = new TreeSet<>();
            Set<String> all = new TreeSet<>(files.keySet());
            all.addAll(other2.keySet());
            all.addAll(base.keySet());
            for (String path : all) {
                Blob b = base.get(path);
                Blob o = files.get(path);
                Blob t = other2.get(path);
                Blob result;
                if (Objects.equals(o, t) || Objects.equals(t, b)) {
                    result = o;
                } else if (Objects.equals(o, b)) {
                    result = t;
                } else {
                    conflicts.add(path);
                    result = o;
                }
                if (result != null) {
                    merged.put(path, result);
                }
            }
            List<Change> fixes = Arrays.asList(resolutions);
            fixes.forEach(c -> conflicts.remove(c.path()));
            if (!conflicts.isEmpty()) {
                throw new IllegalStateException("merge of '" + other + "' conflicts in " + conflicts
                        + "; pass resolutions for them");
            }
            apply(merged, fixes);
            advance(writeCommit(subject, List.of(head, theirs), merged), merged);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- refs ---------------------------------------------------------------------------------

    /** Creates (or moves) branch {@code name} at the current head, without switching to it. */
    public GitHistory branch(String name) {
        requireHead("branch " + name);
        updateRef(Constants.R_HEADS + name, head, false);
        return this;
    }

    /** A lightweight tag at the current head. */
    public GitHistory tag(String name) {
        requireHead("tag " + name);
        updateRef(Constants.R_TAGS + name, head, false);
        return this;
    }

    /** An annotated tag at the current head. */
    public GitHistory annotatedTag(String name, String message) {
        requireHead("tag " + name);
        TagBuilder tag = new TagBuilder();
        tag.setObjectId(head, Constants.OBJ_COMMIT);
        tag.setTag(name);
        tag.setTagger(ident());
        tag.setMessage(message + "\n");
        try {
            ObjectId id = inserter.insert(tag);
            flushUnlessBulk();
            updateRef(Constants.R_TAGS + name, id, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Switches to branch {@code rev} (creating it at the current head when it does not exist
     * yet and there is a head), or detaches HEAD at any other revision (tag, id, {@code main~2}).
     */
    public GitHistory checkout(String rev) {
        String branchRef = Constants.R_HEADS + rev;
        if (refId(branchRef).isEmpty() && resolve(rev).isEmpty()) {
            if (head != null) {
                branch(rev);
            }
            branch = rev;
            head = refId(branchRef).orElse(null);
        } else if (refId(branchRef).isPresent()) {
            branch = rev;
            head = refId(branchRef).get();
        } else {
            branch = null;
            head = id(rev);
        }
        files = head == null ? new TreeMap<>() : readTree(head);
        if (pendingRefs == null) {
            writeHead();
            syncWorkTree();
        }
        return this;
    }

    // ---- bulk -------------------------------------------------------------------------------------

    /**
     * Runs {@code steps} with all new objects collected into one pack and refs, HEAD and the
     * working tree written once at the end: thousands of commits in about a second. Inside,
     * revisions resolve only as branch names, tag names, {@code HEAD} or full ids, and
     * {@link #repository()} must not be used.
     */
    public GitHistory bulk(java.util.function.Consumer<GitHistory> steps) {
        if (pendingRefs != null) {
            steps.accept(this);
            return this;
        }
        if (!(repo.getObjectDatabase() instanceof ObjectDirectory odb)) {
            steps.accept(this);
            return this;
        }
        ObjectInserter looseInserter = inserter;
        ObjectReader looseReader = reader;
        PackInserter packInserter = odb.newPackInserter();
        packInserter.checkExisting(false);
        inserter = packInserter;
        reader = packInserter.newReader();
        pendingRefs = new java.util.LinkedHashMap<>();
        try {
            steps.accept(this);
            packInserter.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Map<String, ObjectId> refs = pendingRefs;
            pendingRefs = null;
            reader.close();
            packInserter.close();
            inserter = looseInserter;
            reader = looseReader;
            refs.forEach((name, id) -> updateRef(name, id, false));
        }
        writeHead();
        syncWorkTree();
        return this;
    }

    private void writeHead() {
        try {
            if (branch != null) {
                RefUpdate u = repo.updateRef(Constants.HEAD);
                u.disableRefLog();
                u.link(Constants.R_HEADS + branch);
            } else if (head != null) {
                updateRef(Constants.HEAD, head, true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- queries ------------------------------------------------------------------------------

    /** The current commit. */
    public ObjectId head() {
        requireHead("head");
        return head;
    }

    /** Resolves a revision (branch, tag, id, {@code main~2}) to a commit id. */
    public ObjectId id(String rev) {
        return resolve(rev).orElseThrow(() -> new IllegalArgumentException("unknown revision '" + rev + "'"));
    }

    private java.util.Optional<ObjectId> resolve(String rev) {
        try {
            if (pendingRefs == null) {
                return java.util.Optional.ofNullable(repo.resolve(rev + "^{commit}"));
            }
            ObjectId id;
            if (rev.equals(Constants.HEAD)) {
                id = head;
            } else if (ObjectId.isId(rev)) {
                id = ObjectId.fromString(rev);
            } else {
                id = refId(Constants.R_HEADS + rev).or(() -> refId(Constants.R_TAGS + rev)).or(() -> refId(rev)).orElse(null);
                if (id == null && !rev.matches("[A-Za-z0-9._/-]+")) {
                    throw new IllegalStateException("inside bulk() only branch names, tag names, HEAD and full ids resolve; got '"
                            + rev + "'");
                }
            }
            if (id == null) {
                return java.util.Optional.empty();
            }
            try (RevWalk walk = new RevWalk(reader)) {
                return java.util.Optional.of(walk.peel(walk.parseAny(id)))
                        .filter(o -> o instanceof RevCommit).map(ObjectId::toObjectId);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private java.util.Optional<ObjectId> refId(String name) {
        try {
            if (pendingRefs != null && pendingRefs.containsKey(name)) {
                return java.util.Optional.of(pendingRefs.get(name));
            }
            var ref = repo.exactRef(name);
            return ref == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(ref.getObjectId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The current branch, or empty when HEAD is detached. */
    public java.util.Optional<String> currentBranch() {
        return java.util.Optional.ofNullable(branch);
    }

    public Repository repository() {
        requireNotBulk("repository()");
        return repo;
    }

    /** The working tree, or the git directory of a bare repository. */
    public Path directory() {
        return (repo.isBare() ? repo.getDirectory() : repo.getWorkTree()).toPath();
    }

    /** Packs all objects (like {@code git gc}), as real repositories are. */
    public GitHistory pack() {
        requireNotBulk("pack()");
        try {
            inserter.flush();
            git.gc().setAggressive(false).call();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("gc failed", e);
        }
    }

    private void requireNotBulk(String what) {
        if (pendingRefs != null) {
            throw new IllegalStateException(what + " is not available inside bulk(): refs are written at its end");
        }
    }

    @Override
    public void close() {
        reader.close();
        inserter.close();
        git.close();
    }

    // ---- internals ------------------------------------------------------------------------------

    private record Blob(ObjectId id, FileMode mode) {
    }

    private void apply(TreeMap<String, Blob> target, List<Change> changes) {
        try {
            for (Change change : changes) {
                if (change instanceof Write w) {
                    ObjectId id = inserter.insert(Constants.OBJ_BLOB, w.content());
                    target.keySet().removeIf(p -> p.startsWith(w.path() + "/"));
                    target.put(w.path(), new Blob(id, w.executable() ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE));
                } else if (change instanceof Delete d) {
                    String dir = d.path().endsWith("/") ? d.path() : d.path() + "/";
                    boolean removed = target.remove(d.path()) != null;
                    removed |= target.keySet().removeIf(p -> p.startsWith(dir));
                    if (!removed) {
                        throw new IllegalArgumentException("cannot delete '" + d.path() + "': no such file");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ObjectId writeCommit(String message, List<ObjectId> parents, SortedMap<String, Blob> tree) {
        try {
            DirCache dc = DirCache.newInCore();
            DirCacheBuilder builder = dc.builder();
            for (Map.Entry<String, Blob> e : tree.entrySet()) {
                DirCacheEntry entry = new DirCacheEntry(e.getKey());
                entry.setFileMode(e.getValue().mode());
                entry.setObjectId(e.getValue().id());
                builder.add(entry);
            }
            builder.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(dc.writeTree(inserter));
            commit.setParentIds(parents);
            PersonIdent ident = ident();
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage(message.endsWith("\n") ? message : message + "\n");
            ObjectId id = inserter.insert(commit);
            flushUnlessBulk();
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void flushUnlessBulk() throws IOException {
        if (pendingRefs == null) {
            inserter.flush();
        }
    }

    private PersonIdent ident() {
        String email = authorName.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", ".") + "@example.com";
        return new PersonIdent(authorName, email, now, ZoneOffset.UTC);
    }

    private void advance(ObjectId commit, TreeMap<String, Blob> next) {
        head = commit;
        files = next;
        now = now.plusSeconds(60);
        if (branch != null) {
            updateRef(Constants.R_HEADS + branch, commit, false);
        } else if (pendingRefs == null) {
            updateRef(Constants.HEAD, commit, true);
        }
        if (pendingRefs == null) {
            syncWorkTree();
        }
    }

    private void updateRef(String name, ObjectId id, boolean detach) {
        if (pendingRefs != null) {
            pendingRefs.put(name, id);
            return;
        }
        try {
            RefUpdate u = repo.updateRef(name, detach);
            u.setNewObjectId(id);
            u.disableRefLog();
            RefUpdate.Result result = u.forceUpdate();
            switch (result) {
                case NEW, FORCED, FAST_FORWARD, NO_CHANGE -> {
                }
                default -> throw new IllegalStateException("cannot update " + name + ": " + result);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TreeMap<String, Blob> readTree(ObjectId commit) {
        TreeMap<String, Blob> out = new TreeMap<>();
        try (RevWalk walk = new RevWalk(reader); TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(walk.parseCommit(commit).getTree());
            tw.setRecursive(true);
            while (tw.next()) {
                out.put(tw.getPathString(), new Blob(tw.getObjectId(0), tw.getFileMode(0)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private void requireHead(String what) {
        if (head == null) {
            throw new IllegalStateException("cannot " + what + ": no commit yet");
        }
    }

    /** Makes the working tree and index match {@link #files} (no-op for bare repositories). */
    private void syncWorkTree() {
        TreeMap<String, Blob> next = files;
        if (repo.isBare()) {
            return;
        }
        try {
            Path root = repo.getWorkTree().toPath();
            for (String path : onDisk.keySet()) {
                if (!next.containsKey(path)) {
                    Path file = root.resolve(path);
                    Files.deleteIfExists(file);
                    indexCache.remove(path);
                    for (Path dir = file.getParent(); !dir.equals(root) && isEmptyDir(dir); dir = dir.getParent()) {
                        Files.delete(dir);
                    }
                }
            }
            for (Map.Entry<String, Blob> e : next.entrySet()) {
                Blob blob = e.getValue();
                if (blob.equals(onDisk.get(e.getKey())) && indexCache.containsKey(e.getKey())) {
                    continue;
                }
                Path file = root.resolve(e.getKey());
                if (Files.isDirectory(file)) {
                    deleteRecursively(file);
                }
                Files.createDirectories(file.getParent());
                Files.write(file, reader.open(blob.id()).getBytes());
                if (blob.mode() == FileMode.EXECUTABLE_FILE) {
                    Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(file));
                    perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_EXECUTE));
                    Files.setPosixFilePermissions(file, perms);
                }
                DirCacheEntry entry = new DirCacheEntry(e.getKey());
                entry.setFileMode(blob.mode());
                entry.setObjectId(blob.id());
                entry.setLength(Files.size(file));
                entry.setLastModified(Files.getLastModifiedTime(file).toInstant());
                indexCache.put(e.getKey(), entry);
            }
            DirCache index = repo.lockDirCache();
            DirCacheBuilder builder = index.builder();
            for (String path : next.keySet()) {
                builder.add(new DirCacheEntry(indexCache.get(path)));
            }
            if (!builder.commit()) {
                throw new IOException("cannot write the index of " + root);
            }
            onDisk = next;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                Files.delete(p);
            }
        }
    }
}
