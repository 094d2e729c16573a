package dev.authbisect.workspace;

import dev.authbisect.core.KeyLock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.process.Scratch;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What authbisect's cache holds ({@code cache ls}) and how it shrinks ({@code cache prune}). The builds
 * folder has one entry per module version × build definition ({@link BuildCache}); each records its size
 * when built and is touched ({@code last-used}) whenever a run uses it.
 *
 * <p>Pruning is safe beside running runs: an entry is removed only under its own lock (one being prepared
 * is skipped), and an entry used within {@link #IN_USE} is never removed — a run may be probing in it.
 * Scratch folders (probe and build working folders) older than {@link #STALE_SCRATCH} were left by runs
 * that were killed; they are removed too.
 */
public final class CacheInventory {
    /** Entries used more recently than this are kept whatever the limits say. */
    public static final Duration IN_USE = Duration.ofHours(1);
    /** Scratch folders older than this belong to no live trial (probe and build timeouts are far shorter). */
    public static final Duration STALE_SCRATCH = Duration.ofHours(24);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAST_USED = "last-used";

    private CacheInventory() {
    }

    /**
     * One build entry.
     *
     * @param key           its folder under {@code builds/}
     * @param moduleVersion the module version id (empty for an entry that never finished)
     * @param commit        the commit it was materialized from, or "worktree"
     * @param status        the build status, or "INCOMPLETE" (a run died while preparing it)
     * @param bytes         its size on disk
     * @param lastUsed      when a run last used it
     */
    public record Entry(String key, String moduleVersion, String commit, String status, long bytes, Instant lastUsed) {
    }

    /** The cache's parts: build entries, plus the bytes of clones, module-version indexes and scratch folders. */
    public record Listing(Path dir, List<Entry> builds, long repoBytes, long historyBytes, long scratchBytes) {
        public long buildBytes() {
            return builds.stream().mapToLong(Entry::bytes).sum();
        }

        public long totalBytes() {
            return buildBytes() + repoBytes + historyBytes + scratchBytes;
        }
    }

    /** What a prune removed. */
    public record Pruned(List<Entry> removed, long freedBytes, int scratchFolders, List<Entry> keptInUse) {
    }

    /** Lists the cache at {@code cacheDir} (nothing there: an empty listing). */
    public static Listing list(Path cacheDir) {
        Path builds = cacheDir.resolve("builds");
        List<Entry> entries = new ArrayList<>();
        for (Path entry : folders(builds)) {
            entries.add(entry(entry));
        }
        entries.sort(Comparator.comparing(Entry::lastUsed).reversed());
        return new Listing(cacheDir, entries, bytesOf(cacheDir.resolve("repos")), bytesOf(cacheDir.resolve("history")),
                bytesOf(cacheDir.resolve("scratch")));
    }

    /** The bytes of finished build entries, from their records alone (cheap: no folder walk). */
    public static long recordedBuildBytes(Path cacheDir) {
        long sum = 0;
        for (Path entry : folders(cacheDir.resolve("builds"))) {
            sum += record(entry).map(j -> j.path("size_bytes").asLong(0)).orElse(0L);
        }
        return sum;
    }

    /**
     * Removes build entries unused for longer than {@code olderThan}, then the least recently used ones until the
     * builds take at most {@code maxBytes}; never one used within {@link #IN_USE} of {@code now} or locked by a run.
     */
    public static Pruned prune(Path cacheDir, Optional<Duration> olderThan, Optional<Long> maxBytes, Instant now) {
        Listing listing = list(cacheDir);
        List<Entry> oldestFirst = new ArrayList<>(listing.builds());
        oldestFirst.sort(Comparator.comparing(Entry::lastUsed));
        long total = listing.buildBytes();
        List<Entry> removed = new ArrayList<>();
        List<Entry> kept = new ArrayList<>();
        long freed = 0;
        for (Entry e : oldestFirst) {
            boolean tooOld = olderThan.isPresent() && e.lastUsed().isBefore(now.minus(olderThan.get()));
            boolean tooBig = maxBytes.isPresent() && total > maxBytes.get();
            boolean abandoned = e.status().equals("INCOMPLETE") && e.lastUsed().isBefore(now.minus(IN_USE));
            if (!tooOld && !tooBig && !abandoned) {
                continue;
            }
            if (e.lastUsed().isAfter(now.minus(IN_USE))) {
                kept.add(e);
                continue;
            }
            Path builds = cacheDir.resolve("builds");
            Optional<KeyLock> lock = KeyLock.tryAcquire(builds.resolve(e.key() + ".lock"));
            if (lock.isEmpty()) {
                kept.add(e); // a run is preparing it right now
                continue;
            }
            try (KeyLock held = lock.get()) {
                // out of the way first (one rename: a run never sees half an entry), then deleted
                Path doomed = builds.resolve(".pruned-" + e.key() + "-" + ProcessHandle.current().pid());
                Files.move(builds.resolve(e.key()), doomed, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                Scratch.deleteTree(doomed);
                Files.deleteIfExists(builds.resolve(e.key() + ".lock"));
            } catch (IOException gone) {
                continue;
            }
            removed.add(e);
            freed += e.bytes();
            total -= e.bytes();
        }
        int scratch = 0;
        for (Path s : folders(cacheDir.resolve("scratch"))) {
            if (modified(s).isBefore(now.minus(STALE_SCRATCH))) {
                Scratch.deleteTree(s);
                scratch++;
            }
        }
        return new Pruned(removed, freed, scratch, kept);
    }

    /** Marks an entry used now. */
    static void touch(Path entry) {
        Path f = entry.resolve(LAST_USED);
        try {
            if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
                SafeFiles.write(f, new byte[0]);
            }
            Files.setLastModifiedTime(f, FileTime.from(Instant.now()));
        } catch (IOException | java.io.UncheckedIOException e) {
            // a read-only cache still works; only pruning order suffers
        }
    }

    /** Bytes under {@code dir} (links not followed; 0 when missing). */
    static long bytesOf(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        long[] sum = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    sum[0] += attrs.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // what could be read
        }
        return sum[0];
    }

    private static Entry entry(Path entry) {
        String key = entry.getFileName().toString();
        Optional<JsonNode> json = record(entry);
        Instant used = modified(entry.resolve(LAST_USED));
        if (used.equals(Instant.EPOCH)) {
            used = modified(entry);
        }
        if (json.isEmpty()) {
            return new Entry(key, "", "", "INCOMPLETE", bytesOf(entry), used);
        }
        JsonNode j = json.get();
        long bytes = j.has("size_bytes") ? j.get("size_bytes").asLong() : bytesOf(entry);
        return new Entry(key, j.path("module_version").asText(), j.path("commit").asText(), j.path("status").asText(), bytes, used);
    }

    private static Optional<JsonNode> record(Path entry) {
        return SafeFiles.readRegular(entry.resolve("build.json"), 64 * 1024).flatMap(b -> {
            try {
                return Optional.of(JSON.readTree(b));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** Sub-folders of {@code dir} (not links, not the ones a prune is removing). */
    private static List<Path> folders(Path dir) {
        if (!SafeFiles.isRealFolder(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(SafeFiles::isRealFolder).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
