package dev.authbisect.history;

import dev.authbisect.config.CommitSelection;
import dev.authbisect.core.ExitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;

/**
 * The commits a run covers, resolved from {@code commits} in the config, in history order
 * (oldest first; parents before children).
 *
 * <ul>
 *   <li>{@code range: A..B}: like {@code git rev-list A..B} (reachable from B, not from A;
 *       merges and their side branches included); an empty side means {@code HEAD};</li>
 *   <li>{@code range: A...B}: reachable from either, not from their merge bases;</li>
 *   <li>{@code range: B}: everything reachable from B;</li>
 *   <li>{@code range: B^!}: the commit B alone (as in {@code git rev-list B^!});</li>
 *   <li>{@code revs: [..]}: exactly those commits;</li>
 *   <li>{@code first_parent: true}: only first parents are followed (like
 *       {@code git rev-list --first-parent}), for ranges.</li>
 * </ul>
 *
 * @param description the selection as the user wrote it ("v1.4.0..HEAD")
 * @param commits     the commits in history order
 */
public record CommitRange(String description, List<CommitNode> commits) {
    static final String EXPECTED_REV = "expected a branch, tag or commit id";

    public CommitRange {
        Objects.requireNonNull(description, "description");
        commits = List.copyOf(commits);
    }

    /**
     * Resolves {@code selection} in {@code repo}.
     *
     * @throws ExitException (usage) for an unknown revision, a malformed range or an empty selection
     */
    public static CommitRange resolve(Repository repo, CommitSelection selection) {
        String range = selection.range().map(String::strip).filter(r -> !r.isEmpty()).orElse(null);
        if (range != null && !selection.revs().isEmpty()) {
            throw ExitException.usage("commits: give either range or revs, not both");
        }
        if (range == null && selection.revs().isEmpty()) {
            throw ExitException.usage("commits: expected range (e.g. v1.4.0..HEAD) or revs (a list of commits)");
        }
        try (RevWalk walk = new RevWalk(repo)) {
            List<RevCommit> picked = range != null
                    ? walkRange(repo, walk, range, selection.firstParent())
                    : pickRevs(repo, walk, selection.revs());
            return build(selection.describe(), picked);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the history of " + repo.getDirectory(), e);
        }
    }

    /** The commit with {@code id}, if selected. */
    public Optional<CommitNode> find(ObjectId id) {
        return commits.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    public int size() {
        return commits.size();
    }

    private static List<RevCommit> walkRange(Repository repo, RevWalk walk, String range, boolean firstParent)
            throws IOException {
        if (range.chars().anyMatch(Character::isWhitespace)) {
            throw ExitException.usage("commits.range: '" + range + "' is not a range (expected A..B, A...B, B^! or a single revision)");
        }
        walk.setFirstParent(firstParent);
        walk.sort(RevSort.TOPO_KEEP_BRANCH_TOGETHER, true);
        walk.sort(RevSort.REVERSE, true);
        int three = range.indexOf("...");
        int two = range.indexOf("..");
        if (range.endsWith("^!") && two < 0) {
            RevCommit only = walk.parseCommit(rev(repo, "commits.range", range.substring(0, range.length() - 2)));
            walk.markStart(only);
            for (RevCommit parent : only.getParents()) {
                walk.markUninteresting(walk.parseCommit(parent));
            }
        } else if (three >= 0) {
            RevCommit a = walk.parseCommit(rev(repo, "commits.range", side(range.substring(0, three))));
            RevCommit b = walk.parseCommit(rev(repo, "commits.range", side(range.substring(three + 3))));
            List<RevCommit> bases = mergeBases(repo, a, b);
            walk.markStart(a);
            walk.markStart(b);
            for (RevCommit base : bases) {
                walk.markUninteresting(walk.parseCommit(base));
            }
        } else if (two >= 0) {
            RevCommit a = walk.parseCommit(rev(repo, "commits.range", side(range.substring(0, two))));
            RevCommit b = walk.parseCommit(rev(repo, "commits.range", side(range.substring(two + 2))));
            walk.markStart(b);
            walk.markUninteresting(a);
        } else {
            walk.markStart(walk.parseCommit(rev(repo, "commits.range", range)));
        }
        List<RevCommit> out = new ArrayList<>();
        walk.forEach(out::add);
        if (out.isEmpty()) {
            throw ExitException.usage("commits.range: '" + range + "' selects no commits (in A..B the older revision "
                    + "comes first, as in git rev-list A..B; B must not be reachable from A)");
        }
        return out;
    }

    private static String side(String rev) {
        return rev.isEmpty() ? "HEAD" : rev;
    }

    private static List<RevCommit> mergeBases(Repository repo, RevCommit a, RevCommit b) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            List<RevCommit> bases = new ArrayList<>();
            walk.forEach(bases::add);
            return bases;
        }
    }

    private static List<RevCommit> pickRevs(Repository repo, RevWalk walk, List<String> revs) throws IOException {
        Set<ObjectId> wanted = new LinkedHashSet<>();
        for (int i = 0; i < revs.size(); i++) {
            wanted.add(rev(repo, "commits.revs[" + i + "]", revs.get(i).strip()));
        }
        walk.sort(RevSort.TOPO_KEEP_BRANCH_TOGETHER, true);
        walk.sort(RevSort.REVERSE, true);
        for (ObjectId id : wanted) {
            walk.markStart(walk.parseCommit(id));
        }
        List<RevCommit> out = new ArrayList<>();
        for (RevCommit c : walk) {
            if (wanted.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    /** Resolves one revision to a commit, or fails naming {@code field}. */
    static ObjectId rev(Repository repo, String field, String rev) {
        try {
            ObjectId id = rev.isEmpty() ? null : repo.resolve(rev + "^{commit}");
            if (id == null) {
                throw ExitException.usage(field + ": unknown revision '" + rev + "' (" + EXPECTED_REV + ")");
            }
            return id;
        } catch (AmbiguousObjectException e) {
            throw ExitException.usage(field + ": ambiguous revision '" + rev + "' (use more hex digits or a branch or tag name)");
        } catch (RevisionSyntaxException | IOException e) {
            throw ExitException.usage(field + ": unknown revision '" + rev + "' (" + EXPECTED_REV + ")");
        }
    }

    private static CommitRange build(String description, List<RevCommit> picked) {
        List<CommitNode> nodes = new ArrayList<>(picked.size());
        for (RevCommit c : picked) {
            ObjectId id = c.copy();
            List<ObjectId> parents = new ArrayList<>(c.getParentCount());
            for (RevCommit p : c.getParents()) {
                parents.add(p.copy());
            }
            PersonIdent author = c.getAuthorIdent();
            // the commit time as parsed from the committer line (whole seconds), without parsing the ident again
            nodes.add(new CommitNode(id, parents, c.getShortMessage(), author.getName(), author.getEmailAddress(),
                    Instant.ofEpochSecond(c.getCommitTime()), c.getTree()));
        }
        return new CommitRange(description, nodes);
    }

}
