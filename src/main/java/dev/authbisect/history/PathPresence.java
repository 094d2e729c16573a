package dev.authbisect.history;

import dev.authbisect.core.DidYouMean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Which configured module paths exist nowhere in a range (a misspelled {@code backend/ap/} makes
 * every version "absent" and every cell SKIPPED), with the closest path of a commit's tree as a
 * suggestion.
 */
public final class PathPresence {
    private PathPresence() {
    }

    /**
     * A module path found at none of the commits.
     *
     * @param index      its position in {@code module.paths}
     * @param path       the path as configured
     * @param suggestion the closest existing path, if one is close enough to be what was meant
     */
    public record Absent(int index, String path, Optional<String> suggestion) {
    }

    /**
     * The paths of {@code paths} that exist at none of {@code commits} (one commit per module version
     * suffices: presence is part of the module version), suggesting from the tree of {@code suggestFrom}.
     */
    public static List<Absent> absent(Repository repo, List<ObjectId> commits, List<String> paths, ObjectId suggestFrom) {
        List<Absent> out = new ArrayList<>();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            List<String> tree = null;
            for (int i = 0; i < paths.size(); i++) {
                String p = strip(paths.get(i));
                if (p.isEmpty()) {
                    continue; // the whole repository
                }
                boolean found = false;
                for (ObjectId c : commits) {
                    try (TreeWalk tw = TreeWalk.forPath(reader, p, walk.parseCommit(c).getTree())) {
                        if (tw != null) {
                            found = true;
                            break;
                        }
                    }
                }
                if (!found) {
                    if (tree == null) {
                        tree = allPaths(reader, walk, suggestFrom);
                    }
                    out.add(new Absent(i, paths.get(i), suggest(paths.get(i), tree)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the trees of " + repo.getDirectory(), e);
        }
        return out;
    }

    /** The closest path (directories end with '/'); the same file or folder name elsewhere wins. */
    static Optional<String> suggest(String typed, List<String> tree) {
        String name = lastSegment(strip(typed));
        boolean dir = typed.endsWith("/");
        List<String> sameName = tree.stream().filter(t -> lastSegment(strip(t)).equals(name) && t.endsWith("/") == dir).toList();
        if (sameName.size() == 1) {
            return Optional.of(sameName.get(0));
        }
        Optional<String> close = DidYouMean.closest(typed, tree);
        if (close.isPresent()) {
            return close;
        }
        return dir ? DidYouMean.closest(strip(typed), tree.stream().map(PathPresence::strip).toList()).map(t -> t + "/")
                .filter(tree::contains) : Optional.empty();
    }

    private static List<String> allPaths(ObjectReader reader, RevWalk walk, ObjectId commit) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        try (TreeWalk tw = new TreeWalk(reader)) {
            tw.addTree(walk.parseCommit(commit).getTree());
            tw.setRecursive(false);
            while (tw.next()) {
                if (tw.isSubtree()) {
                    out.add(tw.getPathString() + "/");
                    tw.enterSubtree();
                } else {
                    out.add(tw.getPathString());
                }
            }
        }
        return List.copyOf(out);
    }

    private static String strip(String p) {
        String s = p.strip();
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.equals(".") ? "" : s;
    }

    private static String lastSegment(String p) {
        return p.substring(p.lastIndexOf('/') + 1);
    }
}
