package dev.authbisect.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.RawParseUtils;

/**
 * Computes module version ids from git objects. One instance per computation; not thread-safe.
 *
 * <p>The configured paths form a trie of path components. A tree is read at a trie node only
 * the first time its id shows up there: a commit that leaves every module path alone costs one
 * read of its root tree (the same work as git's own pathspec-limited diff), and a commit that
 * changes one file under {@code backend/app/} reads just the trees on the way to it. Tree
 * entries are matched as raw bytes; names are decoded only where excludes need them. The
 * entries found are interned level by level, so commits whose module entries are the same share
 * one digest, computed once.
 *
 * <p>The id is a digest over the text {@code FORMAT \n (path-key \t description \n)*}, the
 * description being {@code absent}, {@code <octal mode> <blob id>} for a file,
 * {@code tree <tree id>} for a directory, or {@code filtered <digest>} for a directory under
 * exclude globs (a digest over the files it keeps). This text is the contract: the ids are the
 * same as those of every earlier authbisect release with this {@link #FORMAT}.
 */
final class ModuleHasher {
    /** Bumped when the digest format changes, so old cached ids never match new ones. */
    static final String FORMAT = "authbisect.module/1";
    /** Length of a module version id in hex digits (64 bits). */
    static final int ID_HEX_DIGITS = 16;

    private final ObjectReader reader;
    private final List<ModulePath> paths;
    private final ExcludeGlobs excludes;
    private final Node root;
    /** Per module path (in {@link #paths} order): the child indexes leading to it from the root. */
    private final int[][] routes;
    private final Map<Level, String> ids = new IdentityHashMap<>();
    private final Map<SubtreeKey, Optional<String>> filtered = new HashMap<>();
    private final MessageDigest sha256 = newSha256();
    /** {@link ExcludeGlobs#excludes} per path: the same names come back in every changed tree. */
    private final Map<String, Boolean> excluded = new HashMap<>();

    private record SubtreeKey(String path, ObjectId tree) {
    }

    /** An entry found at a module path. */
    record Found(FileMode mode, ObjectId id) {
        boolean isTree() {
            return mode == FileMode.TREE;
        }
    }

    ModuleHasher(ObjectReader reader, List<ModulePath> paths, ExcludeGlobs excludes) {
        this.reader = reader;
        this.paths = List.copyOf(paths);
        this.excludes = excludes;
        Builder trie = new Builder("");
        for (ModulePath mp : this.paths) {
            Builder at = trie;
            if (!mp.path().isEmpty()) {
                for (String name : mp.path().split("/")) {
                    at = at.children.computeIfAbsent(name, Builder::new);
                }
            }
            at.end = true;
        }
        this.root = trie.build();
        this.routes = new int[this.paths.size()][];
        for (int i = 0; i < this.paths.size(); i++) {
            String p = this.paths.get(i).path();
            String[] names = p.isEmpty() ? new String[0] : p.split("/");
            int[] route = new int[names.length];
            Node at = root;
            for (int k = 0; k < names.length; k++) {
                route[k] = at.indexOf(names[k]);
                at = at.children[route[k]];
            }
            routes[i] = route;
        }
    }

    /** The module version id of the commit whose root tree is {@code rootTree}. */
    String versionOf(ObjectId rootTree) throws IOException {
        Level level = resolve(root, rootTree);
        String id = ids.get(level);
        if (id == null) {
            StringBuilder text = new StringBuilder(FORMAT).append('\n');
            for (int i = 0; i < paths.size(); i++) {
                ModulePath mp = paths.get(i);
                text.append(mp.key()).append('\t').append(describe(mp, entryAt(level, routes[i]))).append('\n');
            }
            id = digest(text).substring(0, ID_HEX_DIGITS);
            ids.put(level, id);
        }
        return id;
    }

    /** The module entries under {@code node} when its tree is {@code tree}, read once per (node, tree). */
    private Level resolve(Node node, ObjectId tree) throws IOException {
        Level known = node.byTree.get(tree);
        if (known != null) {
            return known;
        }
        Object[] slots = new Object[node.children.length];
        if (slots.length > 0) {
            byte[] raw = reader.open(tree, Constants.OBJ_TREE).getCachedBytes();
            boolean[] seen = new boolean[slots.length];
            int wanted = slots.length;
            int ptr = 0;
            while (ptr < raw.length && wanted > 0) {
                int bits = 0;
                byte c;
                while ((c = raw[ptr++]) != ' ') {
                    bits = (bits << 3) + (c - '0');
                }
                int nameStart = ptr;
                while (raw[ptr] != 0) {
                    ptr++;
                }
                int nameEnd = ptr;
                int idOffset = ptr + 1;
                ptr = idOffset + Constants.OBJECT_ID_LENGTH;
                int i = node.match(raw, nameStart, nameEnd);
                if (i < 0 || seen[i]) {
                    continue;
                }
                seen[i] = true;
                wanted--;
                Node child = node.children[i];
                FileMode mode = FileMode.fromBits(bits);
                ObjectId id = ObjectId.fromRaw(raw, idOffset);
                if (mode == FileMode.TREE && child.children.length > 0) {
                    slots[i] = resolve(child, id);
                } else if (child.end) {
                    slots[i] = new Found(mode, id);
                }
                // else: not a directory where deeper module paths expect one, so they are absent
            }
        }
        Level level = node.interned.computeIfAbsent(new Level(node.end ? tree.copy() : null, slots), l -> l);
        node.byTree.put(tree.copy(), level);
        return level;
    }

    /** The entry a module path reaches through {@code route}, or null when it is absent. */
    private static Found entryAt(Level rootLevel, int[] route) {
        Object at = rootLevel;
        for (int index : route) {
            if (!(at instanceof Level level)) {
                return null; // a file where a directory was expected
            }
            at = level.slots[index];
            if (at == null) {
                return null;
            }
        }
        if (at instanceof Level level) {
            return new Found(FileMode.TREE, level.self);
        }
        return (Found) at;
    }

    private String describe(ModulePath mp, Found f) throws IOException {
        if (f == null) {
            return "absent";
        }
        if (!f.isTree()) {
            return excluded(mp.path()) ? "absent" : octal(f.mode()) + " " + f.id().name();
        }
        if (excludes.isEmpty()) {
            return "tree " + f.id().name();
        }
        if (!mp.path().isEmpty() && excluded(mp.path())) { // excludesDirectory is excludes
            return "absent";
        }
        return filteredDigest(mp.path(), f.id()).map(d -> "filtered " + d).orElse("absent");
    }

    /** Digest of the included files under {@code tree} at {@code path}; empty when none are included. */
    private Optional<String> filteredDigest(String path, ObjectId tree) throws IOException {
        SubtreeKey key = new SubtreeKey(path, tree.copy());
        Optional<String> cached = filtered.get(key);
        if (cached != null) {
            return cached;
        }
        StringBuilder text = new StringBuilder();
        byte[] raw = reader.open(tree, Constants.OBJ_TREE).getCachedBytes();
        int ptr = 0;
        while (ptr < raw.length) {
            int bits = 0;
            byte c;
            while ((c = raw[ptr++]) != ' ') {
                bits = (bits << 3) + (c - '0');
            }
            int nameStart = ptr;
            while (raw[ptr] != 0) {
                ptr++;
            }
            String name = RawParseUtils.decode(StandardCharsets.UTF_8, raw, nameStart, ptr);
            ObjectId id = ObjectId.fromRaw(raw, ptr + 1);
            ptr += 1 + Constants.OBJECT_ID_LENGTH;
            String child = path.isEmpty() ? name : path + "/" + name;
            FileMode mode = FileMode.fromBits(bits);
            if (mode == FileMode.TREE) {
                if (excludedChild(child)) {
                    continue;
                }
                Optional<String> sub = filteredDigest(child, id);
                if (sub.isPresent()) {
                    text.append(name).append("/\t").append(sub.get()).append('\n');
                }
            } else if (!excludedChild(child)) {
                text.append(name).append('\t').append(octal(mode)).append(' ').append(id.name()).append('\n');
            }
        }
        Optional<String> digest = text.length() == 0 ? Optional.empty() : Optional.of(digest(text));
        filtered.put(key, digest);
        return digest;
    }

    /**
     * Whether {@code path}, whose parent is an included directory (filteredDigest only walks into
     * those, starting at a module path it checked with {@link #excluded}), is excluded: the same
     * answer as {@link ExcludeGlobs#excludes}, without testing the ancestors again.
     */
    private boolean excludedChild(String path) {
        Boolean known = excluded.get(path);
        if (known == null) {
            known = excludes.excludesChildOfIncluded(path);
            excluded.put(path, known);
        }
        return known;
    }

    private boolean excluded(String path) {
        if (excludes.isEmpty()) {
            return false;
        }
        Boolean known = excluded.get(path);
        if (known == null) {
            known = excludes.excludes(path);
            excluded.put(path, known);
        }
        return known;
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

    /** {@link #sha256} with this computation's own digest (no provider lookup per call). */
    private String digest(CharSequence text) {
        return HexFormat.of().formatHex(sha256.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(newSha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The module entries found under one trie node at one tree: the tree itself when a module
     * path ends at the node, and per child either nothing (absent), the {@link Found} entry, or
     * the child's own (interned) level. Interned per node, so equal levels are the same object.
     */
    private static final class Level {
        final ObjectId self;
        final Object[] slots;
        private final int hash;

        Level(ObjectId self, Object[] slots) {
            this.self = self;
            this.slots = slots;
            int h = self == null ? 0 : self.hashCode();
            for (Object s : slots) {
                h = 31 * h + (s == null ? 0 : s instanceof Level ? System.identityHashCode(s) : s.hashCode());
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Level other) || hash != other.hash || !java.util.Objects.equals(self, other.self)
                    || slots.length != other.slots.length) {
                return false;
            }
            for (int i = 0; i < slots.length; i++) {
                Object a = slots[i];
                Object b = other.slots[i];
                if (a != b && (a instanceof Level || a == null || !a.equals(b))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A node of the path trie: one path component, and the levels seen there. */
    private static final class Node {
        final byte[] name;
        final boolean end;
        final Node[] children;
        final Map<ObjectId, Level> byTree = new HashMap<>();
        final Map<Level, Level> interned = new HashMap<>();

        Node(byte[] name, boolean end, Node[] children) {
            this.name = name;
            this.end = end;
            this.children = children;
        }

        /** The child named by {@code raw[start..end)}, or -1. */
        int match(byte[] raw, int start, int end) {
            int length = end - start;
            for (int i = 0; i < children.length; i++) {
                byte[] n = children[i].name;
                if (n.length == length && Arrays.equals(n, 0, length, raw, start, end)) {
                    return i;
                }
            }
            return -1;
        }

        int indexOf(String childName) {
            byte[] n = childName.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < children.length; i++) {
                if (Arrays.equals(children[i].name, n)) {
                    return i;
                }
            }
            throw new IllegalStateException("no trie child " + childName);
        }
    }

    private static final class Builder {
        final String name;
        final TreeMap<String, Builder> children = new TreeMap<>();
        boolean end;

        Builder(String name) {
            this.name = name;
        }

        Node build() {
            Node[] built = children.values().stream().map(Builder::build).toArray(Node[]::new);
            return new Node(name.getBytes(StandardCharsets.UTF_8), end, built);
        }
    }
}
