package dev.authbisect.history;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One commit of the selected history.
 *
 * @param id          the commit
 * @param parents     all its parents in git order (also those outside the selection)
 * @param subject     first line of the message
 * @param authorName  author name
 * @param authorEmail author e-mail
 * @param time        commit (committer) time
 * @param tree        its root tree, or {@link ObjectId#zeroId()} when not known (then read from the commit when needed)
 */
public record CommitNode(ObjectId id, List<ObjectId> parents, String subject, String authorName, String authorEmail,
                         Instant time, ObjectId tree) {
    public CommitNode {
        id = Objects.requireNonNull(id, "id").copy();
        parents = parents.stream().map(ObjectId::copy).toList();
        subject = subject == null ? "" : subject;
        authorName = authorName == null ? "" : authorName;
        authorEmail = authorEmail == null ? "" : authorEmail;
        Objects.requireNonNull(time, "time");
        tree = tree == null ? ObjectId.zeroId() : tree.copy();
    }

    /** A commit whose root tree is not known yet. */
    public CommitNode(ObjectId id, List<ObjectId> parents, String subject, String authorName, String authorEmail,
                      Instant time) {
        this(id, parents, subject, authorName, authorEmail, time, ObjectId.zeroId());
    }

    /** True when {@link #tree()} holds the commit's root tree. */
    public boolean knowsTree() {
        return !ObjectId.zeroId().equals(tree);
    }

    /** The first 7 hex digits, as {@code git log --oneline} shows them. */
    public String shortId() {
        return id.name().substring(0, 7);
    }

    public boolean isMerge() {
        return parents.size() > 1;
    }
}
