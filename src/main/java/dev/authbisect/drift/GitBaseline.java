package dev.authbisect.drift;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.ExitException;
import dev.authbisect.report.ResultJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
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
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A baseline in git: {@code git:REF:PATH}, the file PATH at REF of the repository that holds the
 * working folder (as {@code git show REF:PATH} reads it). Writing one ({@code --update-baseline})
 * commits the new file onto REF, which must then be a local branch that is not checked out (e.g.
 * {@code authbisect-baseline}); the work tree is never touched. Push the branch to share it.
 *
 * @param describe as the user wrote it
 * @param gitDir   the repository's git folder
 * @param ref      the ref (a branch, tag, remote-tracking branch or commit)
 * @param path     the file's path inside the tree
 */
record GitBaseline(String describe, Path gitDir, String ref, String path) implements BaselineSource {
    static final PersonIdent AUTHOR_NAME = new PersonIdent("authbisect", "authbisect@localhost");

    static GitBaseline parse(String spec, Path workingDir) {
        String rest = spec.substring(BaselineSource.GIT_PREFIX.length());
        int colon = rest.indexOf(':');
        String ref = colon < 0 ? "" : rest.substring(0, colon).strip();
        String path = colon < 0 ? "" : rest.substring(colon + 1).strip();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (ref.isEmpty() || path.isEmpty() || path.endsWith("/")) {
            throw ExitException.usage("--baseline '" + spec + "': expected git:REF:PATH, e.g. git:authbisect-baseline:drift/baseline.json");
        }
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(workingDir.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            throw ExitException.usage("--baseline '" + spec + "': " + workingDir.toAbsolutePath()
                    + " is not inside a git repository (git:REF:PATH reads from the repository of the current folder)");
        }
        return new GitBaseline(spec, builder.getGitDir().toPath(), ref, path);
    }

    private Repository open() {
        try {
            return new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw ExitException.usage("--baseline '" + describe + "': cannot open the git repository " + gitDir + " (" + e.getMessage() + ")");
        }
    }

    @Override
    public Optional<RunResult> read() {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            ObjectId commit = resolve(repo);
            if (commit == null) {
                return Optional.empty();
            }
            RevCommit c = walk.parseCommit(commit);
            try (TreeWalk tw = TreeWalk.forPath(repo, path, c.getTree())) {
                if (tw == null) {
                    return Optional.empty();
                }
                if (tw.getFileMode(0).getObjectType() != Constants.OBJ_BLOB) {
                    throw ExitException.usage("--baseline '" + describe + "': " + path + " at " + ref + " is not a file");
                }
                byte[] bytes;
                try (var in = repo.open(tw.getObjectId(0), Constants.OBJ_BLOB).openStream()) {
                    bytes = in.readAllBytes();
                }
                return Optional.of(ResultJson.parse(describe, bytes));
            }
        } catch (IOException e) {
            throw ExitException.usage("--baseline '" + describe + "': cannot read it (" + e.getMessage() + ")");
        }
    }

    private ObjectId resolve(Repository repo) throws IOException {
        try {
            return repo.resolve(ref + "^{commit}");
        } catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.AmbiguousObjectException e) {
            throw ExitException.usage("--baseline '" + describe + "': '" + ref + "' is not a valid revision (expected a branch, tag or commit id)");
        }
    }

    @Override
    public String write(RunResult result, String why) {
        String branch = ref.startsWith(Constants.R_HEADS) ? ref : Constants.R_HEADS + ref;
        try (Repository repo = open()) {
            if (!Repository.isValidRefName(branch)) {
                throw notABranch();
            }
            Ref existing = repo.exactRef(branch);
            if (existing == null && repo.resolve(ref) != null) {
                throw notABranch();
            }
            Ref head = repo.exactRef(Constants.HEAD);
            if (!repo.isBare() && head != null && head.isSymbolic() && head.getTarget().getName().equals(branch)) {
                throw ExitException.usage("--update-baseline: '" + ref + "' is the checked-out branch; keep baselines on a branch "
                        + "that is not checked out (e.g. git:authbisect-baseline:" + path + ") or in a FILE");
            }
            ObjectId parent = existing == null ? null : existing.getObjectId();
            byte[] json = ResultJson.toJson(result).getBytes(StandardCharsets.UTF_8);
            ObjectId id;
            try (ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader();
                 RevWalk walk = new RevWalk(reader)) {
                DirCache index = DirCache.newInCore();
                if (parent != null) {
                    DirCacheBuilder b = index.builder();
                    b.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, walk.parseCommit(parent).getTree());
                    b.finish();
                }
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, json);
                DirCacheEditor editor = index.editor();
                editor.add(new DirCacheEditor.PathEdit(path) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(blob);
                    }
                });
                editor.finish();
                ObjectId tree = index.writeTree(inserter);
                PersonIdent who = new PersonIdent(AUTHOR_NAME, Instant.now(), ZoneOffset.UTC);
                CommitBuilder cb = new CommitBuilder();
                cb.setTreeId(tree);
                cb.setParentIds(parent == null ? List.of() : List.of(parent));
                cb.setAuthor(who);
                cb.setCommitter(who);
                cb.setMessage("authbisect drift: new baseline " + path + "\n\n" + why + "\n");
                id = inserter.insert(cb);
                inserter.flush();
            }
            RefUpdate update = repo.updateRef(branch);
            update.setExpectedOldObjectId(parent == null ? ObjectId.zeroId() : parent);
            update.setNewObjectId(id);
            update.setRefLogMessage("authbisect drift --update-baseline", false);
            RefUpdate.Result r = update.update();
            if (r != RefUpdate.Result.NEW && r != RefUpdate.Result.FAST_FORWARD) {
                throw ExitException.usage("--update-baseline: cannot move " + branch + " (" + r + "; another process changed it?)");
            }
            return path + " on branch " + Repository.shortenRefName(branch) + " (commit " + id.abbreviate(7).name()
                    + " in " + gitDir + "; push the branch to share it)";
        } catch (IOException e) {
            throw ExitException.usage("--update-baseline '" + describe + "': cannot write it (" + e.getMessage() + ")");
        }
    }

    private ExitException notABranch() {
        return ExitException.usage("--update-baseline: '" + ref + "' is not a local branch name (git:REF:PATH baselines are "
                + "written as a commit on a local branch; fetch a remote one first, e.g. git fetch origin " + ref.replaceFirst("^[^/]+/", "")
                + ":" + ref.replaceFirst("^[^/]+/", "") + ")");
    }
}
