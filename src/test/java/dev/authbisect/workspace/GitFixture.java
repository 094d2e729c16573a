package dev.authbisect.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;

/**
 * A bare repository on disk whose commits are built straight from objects, so tests control
 * modes exactly (executable, symlink, gitlink): {@code fixture.tree().file("a", "x").commit()}.
 */
final class GitFixture implements AutoCloseable {
    private final Repository repo;
    private ObjectId head;
    private long time = 1_766_131_200L;

    private GitFixture(Repository repo) {
        this.repo = repo;
    }

    static GitFixture create(Path dir) throws Exception {
        return new GitFixture(Git.init().setBare(true).setDirectory(dir.toFile()).call().getRepository());
    }

    /** A repository held in memory (fast to fill with many objects; nothing on disk). */
    static GitFixture inMemory() {
        return new GitFixture(new org.eclipse.jgit.internal.storage.dfs.InMemoryRepository(
                new org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription("fixture")));
    }

    Repository repo() {
        return repo;
    }

    Tree tree() {
        return new Tree();
    }

    @Override
    public void close() {
        repo.close();
    }

    final class Tree {
        private final Map<String, Object[]> entries = new LinkedHashMap<>();

        Tree file(String path, String content) {
            entries.put(path, new Object[] {FileMode.REGULAR_FILE, content.getBytes(StandardCharsets.UTF_8)});
            return this;
        }

        Tree executable(String path, String content) {
            entries.put(path, new Object[] {FileMode.EXECUTABLE_FILE, content.getBytes(StandardCharsets.UTF_8)});
            return this;
        }

        Tree symlink(String path, String target) {
            entries.put(path, new Object[] {FileMode.SYMLINK, target.getBytes(StandardCharsets.UTF_8)});
            return this;
        }

        Tree gitlink(String path, ObjectId commit) {
            entries.put(path, new Object[] {FileMode.GITLINK, commit});
            return this;
        }

        ObjectId commit() throws IOException {
            try (ObjectInserter ins = repo.newObjectInserter()) {
                DirCache index = DirCache.newInCore();
                DirCacheBuilder builder = index.builder();
                entries.keySet().stream().sorted().forEach(path -> {
                    Object[] e = entries.get(path);
                    DirCacheEntry entry = new DirCacheEntry(path);
                    entry.setFileMode((FileMode) e[0]);
                    try {
                        entry.setObjectId(e[1] instanceof ObjectId id ? id : ins.insert(Constants.OBJ_BLOB, (byte[]) e[1]));
                    } catch (IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                    builder.add(entry);
                });
                builder.finish();
                ObjectId tree = index.writeTree(ins);
                CommitBuilder c = new CommitBuilder();
                c.setTreeId(tree);
                if (head != null) {
                    c.setParentId(head);
                }
                PersonIdent who = new PersonIdent("Test", "test@example.org", time * 1000, 0);
                time += 60;
                c.setAuthor(who);
                c.setCommitter(who);
                c.setMessage("commit " + time);
                head = ins.insert(c);
                ins.flush();
                return head;
            }
        }
    }
}
