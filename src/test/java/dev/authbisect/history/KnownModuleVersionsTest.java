package dev.authbisect.history;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.CommitSelection;
import dev.authbisect.config.ModuleSpec;
import dev.authbisect.testkit.GitHistory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownModuleVersionsTest {
    static final ModuleSpec SPEC = new ModuleSpec(List.of("a/", "top.py", "lib"), List.of("**/tests/**", "**/*.md"));

    @TempDir
    Path dir;
    Path cache;
    GitHistory git;
    List<CommitNode> commits;

    @BeforeEach
    void history() {
        cache = dir.resolve("cache");
        git = GitHistory.initBare(dir.resolve("repo"));
        ModuleHasherTest.generate(git, new Random(3), 60);
        commits = CommitRange.resolve(git.repository(), CommitSelection.range("main")).commits();
    }

    @AfterEach
    void close() {
        git.close();
    }

    private List<String> ids(ModuleVersionIndex index) {
        return commits.stream().map(c -> index.moduleVersionOf(c.id()).id()).toList();
    }

    private Path indexFile() throws IOException {
        try (Stream<Path> files = Files.list(cache.resolve("history"))) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    @Test
    void aSecondRunReadsEveryIdFromTheIndexAndNoGitObject() {
        List<String> first = ids(ModuleVersions.compute(git.repository(), commits, SPEC, cache));
        assertEquals(ids(ModuleVersions.compute(git.repository(), commits, SPEC)), first, "the index changes no id");

        try (GitHistory empty = GitHistory.initBare(dir.resolve("empty"))) {
            Repository noObjects = empty.repository();
            assertEquals(first, ids(ModuleVersions.compute(noObjects, commits, SPEC, cache)),
                    "a repository without any object still gets every id: none was computed");
        }
    }

    @Test
    void newCommitsAreAddedToTheIndexAndOldOnesKept() throws IOException {
        List<CommitNode> older = commits.subList(0, commits.size() / 2);
        ModuleVersions.compute(git.repository(), older, SPEC, cache);
        KnownModuleVersions known = open(SPEC);
        assertEquals(older.size(), known.size());

        ModuleVersions.compute(git.repository(), commits, SPEC, cache);
        assertEquals(commits.size(), open(SPEC).size());
        long size = Files.size(indexFile());
        ModuleVersions.compute(git.repository(), commits, SPEC, cache);
        assertEquals(size, Files.size(indexFile()), "nothing new, nothing written");
    }

    @Test
    void anotherModuleDefinitionHasItsOwnIndex() {
        ModuleVersions.compute(git.repository(), commits, SPEC, cache);
        ModuleSpec other = new ModuleSpec(SPEC.paths(), List.of("**/tests/**"));
        assertEquals(ids(ModuleVersions.compute(git.repository(), commits, other)),
                ids(ModuleVersions.compute(git.repository(), commits, other, cache)));
        assertEquals(0, open(new ModuleSpec(List.of("elsewhere/"), List.of())).size());
        assertEquals(commits.size(), open(other).size());
    }

    @Test
    void aCorruptTruncatedOrOldIndexIsRebuilt() throws IOException {
        List<String> expected = ids(ModuleVersions.compute(git.repository(), commits, SPEC));
        ModuleVersions.compute(git.repository(), commits, SPEC, cache);
        Path file = indexFile();
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 0x40;
        byte[] oldFormat = good.clone();
        ByteBuffer.wrap(oldFormat).putInt(4, KnownModuleVersions.FILE_VERSION + 1);
        List<byte[]> damaged = List.of(flipped, java.util.Arrays.copyOf(good, good.length - 7), new byte[0],
                "not an index".getBytes(), oldFormat);
        for (byte[] bad : damaged) {
            Files.write(file, bad);
            assertEquals(expected, ids(ModuleVersions.compute(git.repository(), commits, SPEC, cache)));
            assertArrayEquals(good, Files.readAllBytes(file), "rewritten whole");
        }
    }

    @Test
    void aWrongIdInTheIndexIsTrusted() throws IOException {
        // documents the contract: the index is the answer for a commit it knows (commits are immutable)
        ModuleVersions.compute(git.repository(), commits, SPEC, cache);
        KnownModuleVersions known = open(SPEC);
        ObjectId head = commits.get(commits.size() - 1).id();
        known.put(head, "0123456789abcdef");
        known.save();
        assertEquals("0123456789abcdef", ModuleVersions.compute(git.repository(), commits, SPEC, cache)
                .moduleVersionOf(head).id());
    }

    @Test
    void concurrentWritersKeepEachOthersEntries() {
        KnownModuleVersions one = open(SPEC);
        KnownModuleVersions two = open(SPEC);
        one.put(commits.get(0).id(), "1111111111111111");
        two.put(commits.get(1).id(), "2222222222222222");
        one.save();
        two.save();
        KnownModuleVersions after = open(SPEC);
        assertEquals("1111111111111111", after.get(commits.get(0).id()));
        assertEquals("2222222222222222", after.get(commits.get(1).id()));
        assertNull(after.get(commits.get(2).id()));
    }

    @Test
    void runsComputingAtTheSameTimeLeaveAValidIndex() throws Exception {
        List<String> expected = ids(ModuleVersions.compute(git.repository(), commits, SPEC));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int from = t % 4 * commits.size() / 4;
                results.add(pool.submit(() -> {
                    ModuleVersions.compute(git.repository(), commits.subList(from, commits.size()), SPEC, cache);
                    return ids(ModuleVersions.compute(git.repository(), commits, SPEC, cache));
                }));
            }
            for (Future<List<String>> f : results) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        byte[] digest = java.util.HexFormat.of().parseHex(ModuleHasher.sha256(definition(SPEC)));
        Map<ObjectId, String> onDisk = KnownModuleVersions.decode(Files.readAllBytes(indexFile()), digest);
        assertTrue(onDisk.size() > 0, "a whole index (racing writers may drop each other's newest entries, never corrupt)");
        ModuleVersions.compute(git.repository(), commits, SPEC, cache);
        assertEquals(commits.size(), KnownModuleVersions.decode(Files.readAllBytes(indexFile()), digest).size());
        try (Stream<Path> files = Files.list(cache.resolve("history"))) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void anUnwritableCacheIsNotAnError() throws IOException {
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("history"), "a file where the folder should be");
        List<String> expected = ids(ModuleVersions.compute(git.repository(), commits, SPEC));
        assertEquals(expected, ids(ModuleVersions.compute(git.repository(), commits, SPEC, cache)));
        assertNotEquals(0, Files.size(cache.resolve("history")));
    }

    private static String definition(ModuleSpec spec) {
        return KnownModuleVersions.definition(ModulePath.of(spec), ExcludeGlobs.of(spec.exclude()));
    }

    private KnownModuleVersions open(ModuleSpec spec) {
        return KnownModuleVersions.open(cache, definition(spec));
    }
}
