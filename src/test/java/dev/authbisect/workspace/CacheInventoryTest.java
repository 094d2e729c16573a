package dev.authbisect.workspace;

import dev.authbisect.core.KeyLock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheInventoryTest {
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    @TempDir
    Path cache;

    /** A finished build entry of {@code bytes} bytes, last used {@code age} before NOW. */
    Path entry(String key, int bytes, Duration age) throws Exception {
        Path e = cache.resolve("builds").resolve(key);
        Files.createDirectories(e.resolve("module"));
        Files.write(e.resolve("module/blob"), new byte[bytes]);
        Files.writeString(e.resolve("build.json"), "{\"schema\":\"authbisect.build/1\",\"module_version\":\"mv-" + key
                + "\",\"commit\":\"c0ffee\",\"status\":\"OK\",\"size_bytes\":" + bytes + "}");
        Files.writeString(e.resolve("last-used"), "");
        Files.setLastModifiedTime(e.resolve("last-used"), FileTime.from(NOW.minus(age)));
        return e;
    }

    @Test
    void listsEntriesMostRecentlyUsedFirstWithTheirRecordedSizes() throws Exception {
        entry("old", 100, Duration.ofDays(40));
        entry("new", 300, Duration.ofDays(1));
        CacheInventory.Listing l = CacheInventory.list(cache);
        assertEquals(List.of("new", "old"), l.builds().stream().map(CacheInventory.Entry::key).toList());
        assertEquals(400, l.buildBytes());
        assertEquals(400, CacheInventory.recordedBuildBytes(cache));
        assertEquals("mv-new", l.builds().get(0).moduleVersion());
    }

    @Test
    void olderThanRemovesOnlyEntriesUnusedThatLong() throws Exception {
        entry("old", 100, Duration.ofDays(40));
        entry("new", 300, Duration.ofDays(1));
        CacheInventory.Pruned p = CacheInventory.prune(cache, Optional.of(Duration.ofDays(30)), Optional.empty(), NOW);
        assertEquals(List.of("old"), p.removed().stream().map(CacheInventory.Entry::key).toList());
        assertEquals(100, p.freedBytes());
        assertFalse(Files.exists(cache.resolve("builds/old")));
        assertTrue(Files.exists(cache.resolve("builds/new/module/blob")));
    }

    @Test
    void maxSizeRemovesTheLeastRecentlyUsedButNeverOneInUse() throws Exception {
        entry("a", 100, Duration.ofDays(3));
        entry("b", 100, Duration.ofDays(2));
        entry("c", 100, Duration.ofMinutes(5)); // a run may be probing in it
        CacheInventory.Pruned p = CacheInventory.prune(cache, Optional.empty(), Optional.of(50L), NOW);
        assertEquals(List.of("a", "b"), p.removed().stream().map(CacheInventory.Entry::key).toList());
        assertEquals(List.of("c"), p.keptInUse().stream().map(CacheInventory.Entry::key).toList());
        assertTrue(Files.exists(cache.resolve("builds/c")));
    }

    @Test
    void anEntryARunIsPreparingIsKept() throws Exception {
        entry("busy", 100, Duration.ofDays(90));
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            try (KeyLock lock = KeyLock.acquire(cache.resolve("builds/busy.lock"))) {
                held.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        held.await();
        CacheInventory.Pruned p = CacheInventory.prune(cache, Optional.of(Duration.ofDays(30)), Optional.empty(), NOW);
        done.countDown();
        other.join();
        assertTrue(p.removed().isEmpty());
        assertTrue(Files.exists(cache.resolve("builds/busy/module/blob")));
    }

    @Test
    void abandonedEntriesAndStaleScratchFoldersGoWithoutLimits() throws Exception {
        Path half = cache.resolve("builds/half/module");
        Files.createDirectories(half);
        Files.setLastModifiedTime(half.getParent(), FileTime.from(NOW.minus(Duration.ofDays(2))));
        Path stale = Files.createDirectories(cache.resolve("scratch/probe-123/work"));
        Files.setLastModifiedTime(stale.getParent(), FileTime.from(NOW.minus(Duration.ofDays(2))));
        Path fresh = Files.createDirectories(cache.resolve("scratch/probe-456"));
        Files.setLastModifiedTime(fresh, FileTime.from(NOW.minus(Duration.ofMinutes(1))));
        CacheInventory.Pruned p = CacheInventory.prune(cache, Optional.empty(), Optional.empty(), NOW);
        assertEquals(List.of("half"), p.removed().stream().map(CacheInventory.Entry::key).toList());
        assertEquals(1, p.scratchFolders());
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
    }

    @Test
    void sizesParseAndPrint() {
        assertEquals(Optional.of(5L * 1024 * 1024 * 1024), ByteSizes.parse("5G"));
        assertEquals(Optional.of(500L * 1024 * 1024), ByteSizes.parse("500MB"));
        assertEquals(Optional.of(1024L), ByteSizes.parse("1024"));
        assertEquals(Optional.empty(), ByteSizes.parse("five"));
        assertEquals("1.5 GB", ByteSizes.text(1536L * 1024 * 1024));
        assertEquals("812 B", ByteSizes.text(812));
    }
}
