package dev.authbisect.scaffold;

import dev.authbisect.core.ExitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of a repository's HEAD commit, read from git objects (what a run tests is committed
 * code): every path, and the text of source files small enough to scan.
 */
final class RepoFiles {
    static final long MAX_BYTES = 512 * 1024;
    static final Set<String> SOURCE = Set.of(".py", ".js", ".mjs", ".cjs");

    private final Set<String> paths;
    private final Map<String, String> sources;

    private RepoFiles(Set<String> paths, Map<String, String> sources) {
        this.paths = Collections.unmodifiableSet(paths);
        this.sources = Collections.unmodifiableMap(sources);
    }

    static RepoFiles head(Repository repo, String what) {
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader);
             TreeWalk tw = new TreeWalk(reader)) {
            ObjectId head = repo.resolve(Constants.HEAD + "^{commit}");
            if (head == null) {
                throw ExitException.usage("--repo " + what + ": the repository has no commits yet (commit the client first)");
            }
            tw.addTree(walk.parseCommit(head).getTree());
            tw.setRecursive(true);
            Set<String> paths = new TreeSet<>();
            Map<String, String> sources = new LinkedHashMap<>();
            while (tw.next()) {
                String path = tw.getPathString();
                paths.add(path);
                FileMode mode = tw.getFileMode(0);
                if ((mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) && isSource(path)
                        && !path.contains("node_modules/") && reader.getObjectSize(tw.getObjectId(0), Constants.OBJ_BLOB) <= MAX_BYTES) {
                    text(reader.open(tw.getObjectId(0)).getBytes()).ifPresent(t -> sources.put(path, t));
                }
            }
            return new RepoFiles(paths, sources);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the files of " + what, e);
        }
    }

    private static boolean isSource(String path) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') && SOURCE.contains(path.substring(dot));
    }

    private static java.util.Optional<String> text(byte[] bytes) {
        try {
            return java.util.Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return java.util.Optional.empty();
        }
    }

    boolean exists(String path) {
        return paths.contains(path);
    }

    /** Source files (.py, .js, .mjs, .cjs) by path, in path order. */
    Map<String, String> sources() {
        return sources;
    }

    Set<String> paths() {
        return paths;
    }
}
