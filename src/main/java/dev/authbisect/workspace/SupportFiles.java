package dev.authbisect.workspace;

import dev.authbisect.config.ModuleSpec;
import dev.authbisect.history.ModuleFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * What the support paths ({@code target.module.support}) hold at one commit, as a digest for the build
 * cache's key: support files are materialized beside the module but are not part of its version, so two
 * commits of one module version with different helpers must not share a cache entry.
 */
final class SupportFiles {
    private SupportFiles() {
    }

    /** Empty without support paths; else {@code "+support:"} and a digest of each support path's object id at {@code commit}. */
    static String digestAt(Repository repo, ObjectId commit, ModuleSpec spec) {
        if (spec.support().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            var tree = walk.parseCommit(commit).getTree();
            for (String path : spec.support()) {
                String p = Materializer.stripSlashes(path);
                try (TreeWalk tw = p.isEmpty() ? null : TreeWalk.forPath(reader, p, tree)) {
                    s.append(path).append('\0').append(tw == null ? "absent" : tw.getObjectId(0).name()).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the support paths at " + commit.name(), e);
        }
        return "+support:" + sha(s.toString());
    }

    /** The same for support files read from the working tree. */
    static String digestOf(List<ModuleFile> files) {
        if (files.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        files.forEach(f -> s.append(f.path()).append('\0').append(f.mode().getBits()).append('\0').append(f.id().name()).append('\n'));
        return "+support:" + sha(s.toString());
    }

    private static String sha(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
