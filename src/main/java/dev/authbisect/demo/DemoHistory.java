package dev.authbisect.demo;

import dev.authbisect.core.ExitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ThreeWayMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The demo's git repository: a trading bot whose Crypto.com client goes through the seed
 * incident's changes, built from the story bundled in {@code history.yaml}. The same
 * commit ids on every run (fixed people and times).
 *
 * <pre>{@code
 * DemoHistory demo = DemoHistory.create(out.resolve(DemoFiles.REPO_FOLDER));
 * String firstBad = demo.commit("floatCommit");
 * }</pre>
 *
 * @param dir       the working repository (with {@code .git}), checked out at the default branch
 * @param commitIds commit key → commit id (40 hex), in the order they were made
 */
public record DemoHistory(Path dir, Map<String, String> commitIds) {
    public DemoHistory {
        Objects.requireNonNull(dir, "dir");
        commitIds = Collections.unmodifiableMap(new LinkedHashMap<>(commitIds));
    }

    /**
     * Builds the demo repository in {@code dir}, which must not exist or be empty.
     *
     * @throws ExitException (usage) when {@code dir} is a non-empty folder or a file
     * @throws IOException   when the repository cannot be written
     */
    public static DemoHistory create(Path dir) throws IOException {
        requireEmpty(dir);
        Story story = Story.bundled();
        Map<String, String> ids = new LinkedHashMap<>();
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(story.defaultBranch()).call()) {
            Repository repo = git.getRepository();
            try (ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader()) {
                for (Story.Commit commit : story.commits()) {
                    ObjectId id = write(repo, inserter, reader, story, commit, ids);
                    ids.put(commit.key(), id.name());
                }
            }
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(Constants.HEAD).call();
        } catch (GitAPIException e) {
            throw new IOException("cannot create the demo repository in " + dir + ": " + e.getMessage(), e);
        }
        return new DemoHistory(dir, ids);
    }

    /** The id of the commit with this key (see {@code history.yaml}), e.g. {@code floatCommit}. */
    public String commit(String key) {
        String id = commitIds.get(key);
        if (id == null) {
            throw new IllegalArgumentException("no demo commit '" + key + "' (expected one of: "
                    + String.join(", ", commitIds.keySet()) + ")");
        }
        return id;
    }

    /** The id of the last commit made (the default branch's tip). */
    public String head() {
        List<String> all = new ArrayList<>(commitIds.values());
        return all.get(all.size() - 1);
    }

    private static void requireEmpty(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw ExitException.usage("demo repository " + dir + ": is a file (expected a new or empty folder)");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw ExitException.usage("demo repository " + dir + ": folder is not empty (expected a new or empty folder)");
            }
        }
    }

    private static ObjectId write(Repository repo, ObjectInserter inserter, ObjectReader reader, Story story,
                                  Story.Commit commit, Map<String, String> ids) throws IOException {
        String branch = Constants.R_HEADS + commit.branchOr(story.defaultBranch());
        Ref ref = repo.exactRef(branch);
        ObjectId first = ref != null ? ref.getObjectId()
                : commit.from() == null ? null : ObjectId.fromString(ids.get(commit.from()));
        List<ObjectId> parents = new ArrayList<>();
        ObjectId baseTree = null;
        if (first != null) {
            parents.add(first);
            baseTree = treeOf(repo, first);
        }
        if (commit.merge() != null) {
            ObjectId second = repo.exactRef(Constants.R_HEADS + commit.merge()).getObjectId();
            parents.add(second);
            baseTree = merge(repo, commit, first, second);
        }
        ObjectId tree = applyFiles(inserter, reader, baseTree, commit.files());

        Story.Person person = story.people().get(commit.author());
        PersonIdent ident = new PersonIdent(person.name(), person.email(), commit.when().toInstant(),
                commit.when().getOffset());
        CommitBuilder builder = new CommitBuilder();
        builder.setTreeId(tree);
        builder.setParentIds(parents);
        builder.setAuthor(ident);
        builder.setCommitter(ident);
        builder.setMessage(commit.message());
        ObjectId id = inserter.insert(builder);
        inserter.flush();

        RefUpdate update = repo.updateRef(branch);
        update.setExpectedOldObjectId(ref != null ? ref.getObjectId() : ObjectId.zeroId());
        update.setNewObjectId(id);
        update.setRefLogMessage("demo: " + commit.subject(), false);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
            throw new IOException("cannot move " + branch + " to " + commit.key() + ": " + result);
        }
        return id;
    }

    private static ObjectId treeOf(Repository repo, ObjectId commitId) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(commitId);
            return c.getTree().getId();
        }
    }

    private static ObjectId merge(Repository repo, Story.Commit commit, ObjectId ours, ObjectId theirs) throws IOException {
        ThreeWayMerger merger = MergeStrategy.RECURSIVE.newMerger(repo, true);
        if (!merger.merge(ours, theirs)) {
            throw new IllegalStateException("history.yaml: " + commit.key() + ": merging " + commit.merge() + " conflicts");
        }
        return merger.getResultTreeId();
    }

    private static ObjectId applyFiles(ObjectInserter inserter, ObjectReader reader, ObjectId baseTree,
                                       Map<String, String> files) throws IOException {
        DirCache index = DirCache.newInCore();
        if (baseTree != null) {
            DirCacheBuilder builder = index.builder();
            builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, baseTree);
            builder.finish();
        }
        DirCacheEditor editor = index.editor();
        for (Map.Entry<String, String> file : files.entrySet()) {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, Story.read(file.getValue()));
            editor.add(new DirCacheEditor.PathEdit(file.getKey()) {
                @Override
                public void apply(DirCacheEntry entry) {
                    entry.setFileMode(FileMode.REGULAR_FILE);
                    entry.setObjectId(blob);
                }
            });
        }
        editor.finish();
        return index.writeTree(inserter);
    }
}
