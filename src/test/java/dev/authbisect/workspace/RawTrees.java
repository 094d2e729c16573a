package dev.authbisect.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;

/**
 * Hand-made git trees, written with {@link TreeFormatter} in exactly the order given and with no
 * checks — what a hostile repository holds and git fsck flags, but clone and fetch accept:
 * duplicate names, a symlink and a tree of the same name, names such as {@code ..}.
 *
 * <pre>{@code
 * ObjectId c = RawTrees.commit(repo, dir("backend", dir("app", link("evil", "/tmp"), dir("evil", file("pwned.txt", "x")))));
 * }</pre>
 */
public final class RawTrees {
    private RawTrees() {
    }

    /** One raw tree entry. */
    public record Entry(String name, FileMode mode, Object content) {
    }

    public static Entry file(String name, String content) {
        return new Entry(name, FileMode.REGULAR_FILE, content);
    }

    public static Entry link(String name, String target) {
        return new Entry(name, FileMode.SYMLINK, target);
    }

    public static Entry dir(String name, Entry... children) {
        return new Entry(name, FileMode.TREE, children);
    }

    public static Entry gitlink(String name, String commitId) {
        return new Entry(name, FileMode.GITLINK, ObjectId.fromString(commitId));
    }

    /** A commit (no parent) whose root tree holds {@code entries}, in the given order. */
    public static ObjectId commit(Repository repo, Entry... entries) throws IOException {
        return commit(repo, null, "hostile tree", entries);
    }

    /** A commit on top of HEAD (if any), which then moves HEAD's branch to it. */
    public static ObjectId commitOnHead(Repository repo, String message, Entry... entries) throws IOException {
        ObjectId parent = repo.resolve(Constants.HEAD);
        ObjectId id = commit(repo, parent, message, entries);
        org.eclipse.jgit.lib.RefUpdate u = repo.updateRef(Constants.HEAD);
        u.setNewObjectId(id);
        u.setForceUpdate(true);
        u.update();
        return id;
    }

    private static ObjectId commit(Repository repo, ObjectId parent, String message, Entry... entries) throws IOException {
        try (ObjectInserter ins = repo.newObjectInserter()) {
            ObjectId tree = tree(ins, entries);
            CommitBuilder c = new CommitBuilder();
            c.setTreeId(tree);
            if (parent != null) {
                c.setParentId(parent);
            }
            PersonIdent who = new PersonIdent("Mallory", "mallory@example.org", 1_766_131_200_000L, 0);
            c.setAuthor(who);
            c.setCommitter(who);
            c.setMessage(message + "\n");
            ObjectId id = ins.insert(c);
            ins.flush();
            return id;
        }
    }

    private static ObjectId tree(ObjectInserter ins, Entry... entries) throws IOException {
        TreeFormatter fmt = new TreeFormatter();
        for (Entry e : entries) {
            ObjectId id;
            if (e.content() instanceof Entry[] children) {
                id = tree(ins, children);
            } else if (e.content() instanceof ObjectId commit) {
                id = commit;
            } else {
                id = ins.insert(Constants.OBJ_BLOB, ((String) e.content()).getBytes(StandardCharsets.UTF_8));
            }
            fmt.append(e.name().getBytes(StandardCharsets.UTF_8), e.mode(), id);
        }
        return ins.insert(fmt);
    }
}
