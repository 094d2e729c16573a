package dev.authbisect.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The module-version algorithm as it was before the trie-based {@link ModuleHasher} (one lookup
 * per configured path per commit, names decoded through {@link CanonicalTreeParser}), kept
 * verbatim as the reference the new one must agree with, id for id.
 */
final class LegacyModuleHasher {
    /** Bumped when the digest format changes, so old cached ids never match new ones. */
    static final String FORMAT = ModuleHasher.FORMAT;
    /** Length of a module version id in hex digits (64 bits). */
    static final int ID_HEX_DIGITS = 16;

    private final ObjectReader reader;
    private final List<ModulePath> paths;
    private final ExcludeGlobs excludes;
    private final Map<ObjectId, String> byRootTree = new HashMap<>();
    private final Map<SubtreeKey, Optional<String>> subtrees = new HashMap<>();

    private final Map<SubtreeKey, Optional<Found>> lookups = new HashMap<>();

    private record SubtreeKey(String path, ObjectId tree) {
    }

    /** An entry found at a module path. */
    record Found(FileMode mode, ObjectId id) {
        boolean isTree() {
            return mode == FileMode.TREE;
        }
    }

    LegacyModuleHasher(ObjectReader reader, List<ModulePath> paths, ExcludeGlobs excludes) {
        this.reader = reader;
        this.paths = paths;
        this.excludes = excludes;
    }

    /** The module version id of the commit whose root tree is {@code root}. */
    String versionOf(ObjectId root) throws IOException {
        String cached = byRootTree.get(root);
        if (cached != null) {
            return cached;
        }
        StringBuilder text = new StringBuilder(FORMAT).append('\n');
        for (ModulePath mp : paths) {
            text.append(mp.key()).append('\t').append(describe(root, mp)).append('\n');
        }
        String id = sha256(text.toString()).substring(0, ID_HEX_DIGITS);
        byRootTree.put(root.copy(), id);
        return id;
    }

    private String describe(ObjectId root, ModulePath mp) throws IOException {
        Optional<Found> found = find(root, mp.path());
        if (found.isEmpty()) {
            return "absent";
        }
        Found f = found.get();
        if (!f.isTree()) {
            return excludes.excludes(mp.path()) ? "absent" : octal(f.mode()) + " " + f.id().name();
        }
        if (excludes.isEmpty()) {
            return "tree " + f.id().name();
        }
        if (!mp.path().isEmpty() && excludes.excludesDirectory(mp.path())) {
            return "absent";
        }
        return filteredDigest(mp.path(), f.id()).map(d -> "filtered " + d).orElse("absent");
    }

    /** Digest of the included files under {@code tree} at {@code path}; empty when none are included. */
    private Optional<String> filteredDigest(String path, ObjectId tree) throws IOException {
        SubtreeKey key = new SubtreeKey(path, tree.copy());
        Optional<String> cached = subtrees.get(key);
        if (cached != null) {
            return cached;
        }
        StringBuilder text = new StringBuilder();
        CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree);
        for (; !parser.eof(); parser.next()) {
            String name = parser.getEntryPathString();
            String child = path.isEmpty() ? name : path + "/" + name;
            FileMode mode = parser.getEntryFileMode();
            ObjectId id = parser.getEntryObjectId();
            if (mode == FileMode.TREE) {
                if (excludes.excludesDirectory(child)) {
                    continue;
                }
                Optional<String> sub = filteredDigest(child, id);
                if (sub.isPresent()) {
                    text.append(name).append("/\t").append(sub.get()).append('\n');
                }
            } else if (!excludes.excludes(child)) {
                text.append(name).append('\t').append(octal(mode)).append(' ').append(id.name()).append('\n');
            }
        }
        Optional<String> digest = text.length() == 0 ? Optional.empty() : Optional.of(sha256(text.toString()));
        subtrees.put(key, digest);
        return digest;
    }

    /**
     * The entry at {@code path} under {@code tree}, descending one tree at a time and remembering
     * each (tree, remaining path) answer, so a subtree that did not change is not read again.
     */
    private Optional<Found> find(ObjectId tree, String path) throws IOException {
        if (path.isEmpty()) {
            return Optional.of(new Found(FileMode.TREE, tree.copy()));
        }
        SubtreeKey key = new SubtreeKey(path, tree.copy());
        Optional<Found> cached = lookups.get(key);
        if (cached != null) {
            return cached;
        }
        int slash = path.indexOf('/');
        String name = slash < 0 ? path : path.substring(0, slash);
        Optional<Found> entry = Optional.empty();
        for (CanonicalTreeParser parser = new CanonicalTreeParser(null, reader, tree); !parser.eof(); parser.next()) {
            if (parser.getEntryPathString().equals(name)) {
                entry = Optional.of(new Found(parser.getEntryFileMode(), parser.getEntryObjectId()));
                break;
            }
        }
        Optional<Found> result;
        if (entry.isEmpty() || slash < 0) {
            result = entry;
        } else if (entry.get().isTree()) {
            result = find(entry.get().id(), path.substring(slash + 1));
        } else {
            result = Optional.empty();
        }
        lookups.put(key, result);
        return result;
    }

    /** The entry at {@code path} under {@code root} ({@code ""} is the root itself). */
    static Optional<Found> lookup(ObjectReader reader, ObjectId root, String path) throws IOException {
        if (path.isEmpty()) {
            return Optional.of(new Found(FileMode.TREE, root.copy()));
        }
        try (TreeWalk walk = TreeWalk.forPath(reader, path, root)) {
            return walk == null ? Optional.empty() : Optional.of(new Found(walk.getFileMode(0), walk.getObjectId(0)));
        }
    }

    private static String octal(FileMode mode) {
        return Integer.toOctalString(mode.getBits());
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
