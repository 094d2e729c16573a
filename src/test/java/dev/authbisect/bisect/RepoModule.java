package dev.authbisect.bisect;

import dev.authbisect.core.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A real repository seen the way the bisection needs it: the commit graph of every ref, the
 * module version of a commit (the tree id of {@code module/}) and a tester that reads
 * {@code module/state} from git objects, as the script given to {@code git bisect run} does.
 */
public final class RepoModule implements AutoCloseable {
    public static final String MODULE = "module";

    private final Repository repo;
    private final Map<String, RevCommit> commits = new HashMap<>();
    private final BisectGraph graph;
    private final Map<String, String> moduleVersions = new HashMap<>();
    private int testsRun;

    public RepoModule(Path dir) {
        try {
            FileRepositoryBuilder builder = new FileRepositoryBuilder().setMustExist(true);
            repo = (java.nio.file.Files.isDirectory(dir.resolve(".git")) ? builder.findGitDir(dir.toFile()) : builder.setGitDir(dir.toFile())).build();
            List<BisectGraph.Node> nodes = new ArrayList<>();
            try (RevWalk walk = new RevWalk(repo)) {
                for (Ref ref : repo.getRefDatabase().getRefsByPrefix("refs/heads/")) {
                    walk.markStart(walk.parseCommit(ref.getObjectId()));
                }
                for (RevCommit c : walk) {
                    commits.put(c.name(), c);
                    nodes.add(new BisectGraph.Node(c.name(), Arrays.stream(c.getParents()).map(RevCommit::name).toList(),
                            c.getCommitTime(), c.getShortMessage()));
                }
            }
            graph = BisectGraph.of(nodes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BisectGraph graph() {
        return graph;
    }

    public String moduleVersionOf(String commit) {
        return moduleVersions.computeIfAbsent(commit, c -> {
            try (TreeWalk tw = TreeWalk.forPath(repo, MODULE, commits.get(c).getTree())) {
                return tw == null ? "absent" : tw.getObjectId(0).name();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** good → OK, bad → AUTH_REJECTED 40101, skip → SKIPPED: the same decision as the git bisect script. */
    TrialOutcome test(String commit, String moduleVersion) {
        testsRun++;
        String state = read(commit, MODULE + "/state");
        return switch (state) {
            case "good" -> TrialOutcome.of(Outcome.OK);
            case "skip" -> new TrialOutcome(Outcome.SKIPPED, "exit 125");
            default -> new TrialOutcome(Outcome.AUTH_REJECTED, "40101");
        };
    }

    int testsRun() {
        return testsRun;
    }

    String read(String commit, String path) {
        try (TreeWalk tw = TreeWalk.forPath(repo, path, commits.get(commit).getTree())) {
            if (tw == null) {
                return "";
            }
            ObjectId blob = tw.getObjectId(0);
            return new String(repo.open(blob).getBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        repo.close();
    }
}
