package dev.authbisect.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Test helper: read trees of the demo repository with plain JGit (independent of the history package). */
final class Trees {
    private Trees() {
    }

    static RevCommit commit(Repository repo, String id) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.parseCommit(ObjectId.fromString(id));
        }
    }

    /** The object id at {@code path} in the commit's tree, or null when absent. */
    static ObjectId treeAt(Repository repo, RevCommit commit, String path) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(commit);
            try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
                return tw == null ? null : tw.getObjectId(0);
            }
        }
    }

    /** path → blob under {@code dir}, without *.md files and tests/ folders (demo.yaml's exclude). */
    static Map<String, ObjectId> moduleContent(Repository repo, RevCommit commit, String dir) throws IOException {
        Map<String, ObjectId> out = new TreeMap<>();
        ObjectId tree = treeAt(repo, commit, dir);
        if (tree == null) {
            return out;
        }
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(tree);
            tw.setRecursive(true);
            while (tw.next()) {
                String path = tw.getPathString();
                if (!path.endsWith(".md") && !("/" + path).contains("/tests/")) {
                    out.put(path, tw.getObjectId(0));
                }
            }
        }
        return out;
    }

    /** Writes the commit's files under {@code dir} (a repository path prefix) into {@code target}. */
    static void materialize(Repository repo, String commitId, String dir, Path target) throws IOException {
        Files.createDirectories(target);
        ObjectId tree = treeAt(repo, commit(repo, commitId), dir);
        if (tree == null) {
            return;
        }
        try (TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(tree);
            tw.setRecursive(true);
            while (tw.next()) {
                Path file = target.resolve(tw.getPathString());
                Files.createDirectories(file.getParent());
                Files.write(file, repo.open(tw.getObjectId(0)).getBytes());
            }
        }
    }
}
