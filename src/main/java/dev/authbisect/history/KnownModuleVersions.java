package dev.authbisect.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The persistent commit → module version index of one module definition (paths, excludes and
 * {@link ModuleHasher#FORMAT}), kept in the cache at {@code history/<definition digest>.mvi}.
 * A commit id names its tree for good, so an entry never goes stale: a second run over the same
 * commits reads every id from here and touches no tree.
 *
 * <p>Safe for concurrent runs: a writer merges what is on disk with what it learned, writes a
 * temporary file and renames it into place atomically, so readers see an old or a new index,
 * never half of one. A file that is unreadable, truncated, of another format or for another
 * definition is ignored (and replaced by the next write); the cache is never a reason to fail.
 *
 * <p>Format (big-endian): magic {@code ABMV}, format version, the 32-byte definition digest,
 * the entry count, then per entry the 20-byte commit id and the 8-byte module version id, and a
 * CRC-32 of everything before it.
 */
final class KnownModuleVersions {
    static final int FILE_VERSION = 1;
    private static final byte[] MAGIC = {'A', 'B', 'M', 'V'};
    private static final int HEADER = MAGIC.length + 4 + 32 + 4;
    private static final int ENTRY = Constants.OBJECT_ID_LENGTH + ModuleHasher.ID_HEX_DIGITS / 2;

    private final Path file;
    private final byte[] definition;
    private final Map<ObjectId, String> known;
    private final Map<ObjectId, String> learned = new LinkedHashMap<>();

    private KnownModuleVersions(Path file, byte[] definition, Map<ObjectId, String> known) {
        this.file = file;
        this.definition = definition;
        this.known = known;
    }

    /** The index of {@code definition} under {@code cacheDir}; empty when there is none (or it cannot be read). */
    static KnownModuleVersions open(Path cacheDir, String definition) {
        byte[] digest = HexFormat.of().parseHex(ModuleHasher.sha256(definition));
        Path file = cacheDir.resolve("history").resolve(HexFormat.of().formatHex(digest, 0, 16) + ".mvi");
        return new KnownModuleVersions(file, digest, read(file, digest));
    }

    Path file() {
        return file;
    }

    /** The module version id of {@code commit}, or null when not known. */
    String get(AnyObjectId commit) {
        String id = learned.get(commit);
        return id != null ? id : known.get(commit);
    }

    /** Remembers an id computed in this run (written by {@link #save()}). */
    void put(ObjectId commit, String id) {
        if (!id.equals(known.get(commit))) {
            learned.put(commit.copy(), id);
        }
    }

    int size() {
        return known.size() + learned.size();
    }

    /**
     * Writes what this run learned, merged with what is on disk now (another run may have
     * written meanwhile). Does nothing when nothing was learned; failures leave the cache as it was.
     */
    void save() {
        if (learned.isEmpty()) {
            return;
        }
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            Map<ObjectId, String> all = read(file, definition);
            all.putAll(known);
            all.putAll(learned);
            tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, encode(all, definition));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            known.putAll(learned);
            learned.clear();
        } catch (IOException | RuntimeException e) {
            // a read-only or full cache costs the next run time, nothing else
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // left for cache prune
                }
            }
        }
    }

    static byte[] encode(Map<ObjectId, String> entries, byte[] definition) {
        ByteBuffer out = ByteBuffer.allocate(HEADER + entries.size() * ENTRY + 4);
        out.put(MAGIC).putInt(FILE_VERSION).put(definition).putInt(entries.size());
        byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
        HexFormat hex = HexFormat.of();
        entries.forEach((commit, id) -> {
            commit.copyRawTo(raw, 0);
            out.put(raw).put(hex.parseHex(id));
        });
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, out.position());
        out.putInt((int) crc.getValue());
        return out.array();
    }

    private static Map<ObjectId, String> read(Path file, byte[] definition) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException | RuntimeException e) { // absent or unreadable: start afresh
            return new HashMap<>();
        }
        return decode(data, definition);
    }

    /** The entries of an index file's bytes; empty when they are not a complete index of {@code definition}. */
    static Map<ObjectId, String> decode(byte[] data, byte[] definition) {
        ByteBuffer in = ByteBuffer.wrap(data);
        if (data.length < HEADER + 4) {
            return new HashMap<>();
        }
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        byte[] digest = new byte[32];
        int version = in.getInt();
        in.get(digest);
        int count = in.getInt();
        if (!java.util.Arrays.equals(magic, MAGIC) || version != FILE_VERSION || !java.util.Arrays.equals(digest, definition)
                || count < 0 || (long) HEADER + (long) count * ENTRY + 4 != data.length) {
            return new HashMap<>();
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(data, data.length - 4, 4).getInt()) {
            return new HashMap<>();
        }
        Map<ObjectId, String> out = new HashMap<>(count * 4 / 3 + 1);
        Map<Long, String> ids = new HashMap<>();
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < count; i++) {
            int at = HEADER + i * ENTRY;
            ObjectId commit = ObjectId.fromRaw(data, at);
            long id = ByteBuffer.wrap(data, at + Constants.OBJECT_ID_LENGTH, 8).getLong();
            out.put(commit, ids.computeIfAbsent(id, v -> hex.formatHex(data, at + Constants.OBJECT_ID_LENGTH,
                    at + Constants.OBJECT_ID_LENGTH + 8)));
        }
        return out;
    }

    /** The text that identifies a module definition: the same text means the same ids. */
    static String definition(java.util.List<ModulePath> paths, ExcludeGlobs excludes) {
        StringBuilder text = new StringBuilder(ModuleHasher.FORMAT).append('\n');
        paths.forEach(p -> text.append("path\t").append(p.key()).append('\n'));
        excludes.globs().forEach(g -> text.append("exclude\t").append(g.strip()).append('\n'));
        return text.toString();
    }

    @Override
    public String toString() {
        return "KnownModuleVersions[" + file + ", " + size() + " commits]";
    }
}
