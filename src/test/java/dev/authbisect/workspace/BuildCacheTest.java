package dev.authbisect.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.BuildSpec;
import dev.authbisect.config.ModuleSpec;
import dev.authbisect.core.Redactor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheTest {
    static final ModuleSpec MODULE = new ModuleSpec(List.of("backend/app/"), List.of("**/tests/**"));
    private static final Redactor REDACTOR = Redactor.create(new byte[] {1});

    @TempDir
    Path tmp;

    private GitFixture git;
    private ObjectId v1;
    private ObjectId v2;
    private BuildCache cache;

    @BeforeEach
    void history() throws Exception {
        git = GitFixture.create(tmp.resolve("repo.git"));
        v1 = git.tree().file("backend/app/client.py", "VERSION = 1\n").file("backend/app/tests/t.py", "t\n").commit();
        v2 = git.tree().file("backend/app/client.py", "VERSION = 2\n").commit();
        cache = new BuildCache(tmp.resolve("cache"));
    }

    @AfterEach
    void close() {
        git.close();
    }

    private static Optional<BuildSpec> build(String script, Duration timeout) {
        return Optional.of(new BuildSpec(List.of("sh", "-c", script), timeout));
    }

    private Path counter() {
        return tmp.resolve("builds.txt");
    }

    private List<String> builds() throws Exception {
        return Files.exists(counter()) ? Files.readAllLines(counter()) : List.of();
    }

    /** A build that records each run in the counter file, then takes {@code seconds}. */
    private String countingBuild(String seconds) {
        return "echo \"$(pwd)\" >> '" + counter() + "'; sleep " + seconds + "; echo compiled > compiled.txt";
    }

    @Test
    void withoutABuildTheModuleIsMaterializedAndReusedTheSecondTime() throws Exception {
        PreparedModule first = cache.prepare(git.repo(), v1, "mv-1", MODULE, Optional.empty(), REDACTOR);
        Files.writeString(first.dir().resolve("planted.txt"), "would vanish if materialized again");

        PreparedModule second = cache.prepare(git.repo(), v1, "mv-1", MODULE, Optional.empty(), REDACTOR);

        assertEquals(BuildOutcome.Status.NONE, first.outcome().status());
        assertFalse(first.outcome().cached());
        assertTrue(second.outcome().cached());
        assertEquals(first.dir(), second.dir());
        assertTrue(Files.exists(second.dir().resolve("planted.txt")));
        assertEquals("VERSION = 1\n", Files.readString(first.dir().resolve("backend/app/client.py")));
        assertFalse(Files.exists(first.dir().resolve("backend/app/tests")));
        assertTrue(first.outcome().usable());
    }

    @Test
    void theBuildRunsOnceInTheModuleFolderAndItsOutcomeIsReused() throws Exception {
        Optional<BuildSpec> build = build(countingBuild("0"), Duration.ofSeconds(5));

        PreparedModule first = cache.prepare(git.repo(), v1, "mv-1", MODULE, build, REDACTOR);
        PreparedModule second = cache.prepare(git.repo(), v1, "mv-1", MODULE, build, REDACTOR);

        assertEquals(List.of(first.dir().toString()), builds());
        assertEquals(BuildOutcome.Status.OK, first.outcome().status());
        assertEquals(0, first.outcome().exitCode());
        assertEquals("compiled\n", Files.readString(first.dir().resolve("compiled.txt")));
        assertTrue(second.outcome().cached());
        assertEquals(BuildOutcome.Status.OK, second.outcome().status());
        assertEquals(0, second.outcome().exitCode());
        assertEquals(first.outcome().duration().toMillis(), second.outcome().duration().toMillis());
        assertEquals(first.outcome().log(), second.outcome().log());
        assertTrue(Files.readString(first.dir().resolveSibling("build.json")).contains("\"status\" : \"OK\""));
    }

    @Test
    void theBuildGetsACleanEnvironment() throws Exception {
        PreparedModule m = cache.prepare(git.repo(), v1, "mv-1", MODULE, Optional.of(new BuildSpec(List.of("env"), Duration.ofSeconds(5))), REDACTOR);

        String log = Files.readString(m.outcome().log());
        String out = log.substring(log.indexOf("--- stdout"), log.indexOf("--- stderr"));
        Set<String> names = Arrays.stream(out.split("\n")).skip(1).map(l -> l.substring(0, l.indexOf('='))).collect(Collectors.toSet());
        assertEquals(Set.of("PATH", "HOME", "TMPDIR", "LANG"), names);
        assertTrue(out.contains("LANG=C.UTF-8\n"), out);
        assertTrue(out.contains("HOME=" + m.dir().getParent()), out);
    }

    @Test
    void aFailingBuildIsRecordedWithItsExitCodeAndLogAndCachedToo() throws Exception {
        Optional<BuildSpec> build = build("echo 'SyntaxError: bad' >&2; echo x >> '" + counter() + "'; exit 3", Duration.ofSeconds(5));

        PreparedModule first = cache.prepare(git.repo(), v1, "mv-1", MODULE, build, REDACTOR);
        PreparedModule second = cache.prepare(git.repo(), v1, "mv-1", MODULE, build, REDACTOR);

        assertEquals(BuildOutcome.Status.FAILED, first.outcome().status());
        assertEquals(3, first.outcome().exitCode());
        assertEquals("exit 3", first.outcome().detail());
        assertFalse(first.outcome().usable());
        String log = Files.readString(first.outcome().log());
        assertTrue(log.startsWith("$ sh -c echo 'SyntaxError: bad'"), log);
        assertTrue(log.contains("--- stderr (17 bytes) ---\nSyntaxError: bad\n"), log);
        assertEquals(BuildOutcome.Status.FAILED, second.outcome().status());
        assertEquals(3, second.outcome().exitCode());
        assertTrue(second.outcome().cached());
        assertEquals(1, builds().size());
    }

    @Test
    void aBuildPastItsTimeoutIsKilledAndRecordedAsTimeout() throws Exception {
        PreparedModule m = cache.prepare(git.repo(), v1, "mv-1", MODULE, build("sleep 1000", Duration.ofMillis(500)), REDACTOR);

        assertEquals(BuildOutcome.Status.TIMEOUT, m.outcome().status());
        assertNull(m.outcome().exitCode());
        assertEquals("timed out after 500ms", m.outcome().detail());
    }

    @Test
    void aBuildCommandThatDoesNotExistIsAFailureWithOneLine() throws Exception {
        PreparedModule m = cache.prepare(git.repo(), v1, "mv-1", MODULE,
                Optional.of(new BuildSpec(List.of("pytho3", "-m", "compileall"), Duration.ofSeconds(5))), REDACTOR);

        assertEquals(BuildOutcome.Status.FAILED, m.outcome().status());
        assertNull(m.outcome().exitCode());
        assertTrue(m.outcome().detail().startsWith("build command not found: 'pytho3' (not on PATH "), m.outcome().detail());
    }

    @Test
    void secretsInTheBuildOutputAreRedactedInTheLog() throws Exception {
        Redactor redactor = REDACTOR.withSecret("build-time-S3CRET");

        PreparedModule m = cache.prepare(git.repo(), v1, "mv-1", MODULE, build("echo token build-time-S3CRET", Duration.ofSeconds(5)), redactor);

        String log = Files.readString(m.outcome().log());
        assertFalse(log.contains("build-time-S3CRET"), log);
        assertTrue(log.contains("token ***"), log);
    }

    @Test
    void theKeyChangesWithTheVersionTheBuildCommandAndTheExcludes() {
        Optional<BuildSpec> build = build("true", Duration.ofSeconds(5));
        String base = BuildCache.key("mv-1", MODULE, build);

        assertEquals(base, BuildCache.key("mv-1", MODULE, build(("true"), Duration.ofMinutes(9))));
        assertNotEquals(base, BuildCache.key("mv-2", MODULE, build));
        assertNotEquals(base, BuildCache.key("mv-1", MODULE, build("make", Duration.ofSeconds(5))));
        assertNotEquals(base, BuildCache.key("mv-1", MODULE, Optional.empty()));
        assertNotEquals(base, BuildCache.key("mv-1", new ModuleSpec(MODULE.paths(), List.of()), build));
    }

    @Test
    void anEntryLeftIncompleteByACrashIsPreparedAgain() throws Exception {
        String key = BuildCache.key("mv-1", MODULE, Optional.empty());
        Path stale = Files.createDirectories(tmp.resolve("cache").resolve(key).resolve("module/backend/app"));
        Files.writeString(stale.resolve("half-written.py"), "x");

        PreparedModule m = cache.prepare(git.repo(), v1, "mv-1", MODULE, Optional.empty(), REDACTOR);

        assertFalse(m.outcome().cached());
        assertFalse(Files.exists(m.dir().resolve("backend/app/half-written.py")));
        assertTrue(Files.exists(m.dir().resolve("backend/app/client.py")));
    }

    @Test
    void anEntryWhoseModuleFolderWasDeletedIsPreparedAgain() throws Exception {
        PreparedModule first = cache.prepare(git.repo(), v1, "mv-1", MODULE, Optional.empty(), REDACTOR);
        dev.authbisect.process.Scratch.deleteTree(first.dir());

        PreparedModule again = cache.prepare(git.repo(), v1, "mv-1", MODULE, Optional.empty(), REDACTOR);

        assertFalse(again.outcome().cached());
        assertTrue(Files.exists(again.dir().resolve("backend/app/client.py")));
    }

    @Test
    void parallelPreparesOfDifferentVersionsEachGetTheirOwnFolder() throws Exception {
        Optional<BuildSpec> build = build(countingBuild("0.2"), Duration.ofSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PreparedModule>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                ObjectId commit = i % 2 == 0 ? v1 : v2;
                String version = "mv-" + i;
                futures.add(pool.submit(() -> cache.prepare(git.repo(), commit, version, MODULE, build, REDACTOR)));
            }
            List<PreparedModule> modules = new ArrayList<>();
            for (Future<PreparedModule> f : futures) {
                modules.add(f.get(10, TimeUnit.SECONDS));
            }

            assertEquals(4, modules.stream().map(PreparedModule::dir).distinct().count());
            for (int i = 0; i < 4; i++) {
                assertEquals("VERSION = " + (i % 2 + 1) + "\n", Files.readString(modules.get(i).dir().resolve("backend/app/client.py")));
                assertEquals(BuildOutcome.Status.OK, modules.get(i).outcome().status());
            }
            assertEquals(4, builds().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threadsRacingOnOneKeyBuildItOnce() throws Exception {
        Optional<BuildSpec> build = build(countingBuild("0.3"), Duration.ofSeconds(5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<PreparedModule> prepare = () -> cache.prepare(git.repo(), v1, "mv-1", MODULE, build, REDACTOR);
            List<Future<PreparedModule>> futures = pool.invokeAll(List.of(prepare, prepare, prepare, prepare));
            List<PreparedModule> modules = new ArrayList<>();
            for (Future<PreparedModule> f : futures) {
                modules.add(f.get(10, TimeUnit.SECONDS));
            }

            assertEquals(1, builds().size());
            assertEquals(1, modules.stream().filter(m -> !m.outcome().cached()).count());
            assertEquals(1, modules.stream().map(PreparedModule::dir).distinct().count());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoProcessesRacingOnOneKeyBuildItOnceAndTheLoserUsesTheWinnersFolder() throws Exception {
        String script = countingBuild("0.5");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process other = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                BuildCacheRaceMain.class.getName(), git.repo().getDirectory().toString(), v1.name(),
                tmp.resolve("cache").toString(), script)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new java.io.OutputStreamWriter(other.getOutputStream(), StandardCharsets.UTF_8)) {
            assertEquals("ready", out.readLine());
            in.write("go\n");
            in.flush();

            PreparedModule mine = cache.prepare(git.repo(), v1, "mv-race", MODULE,
                    Optional.of(new BuildSpec(List.of("sh", "-c", script), Duration.ofSeconds(10))), REDACTOR);
            String theirs = out.readLine();

            assertTrue(other.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, other.exitValue());
            assertEquals(1, builds().size(), "built once: " + builds());
            boolean theyWereCached = theirs.startsWith("cached=true ");
            assertNotEquals(mine.outcome().cached(), theyWereCached, "exactly one of the two built: " + theirs);
            assertEquals("dir=" + mine.dir(), theirs.substring(theirs.indexOf(' ') + 1));
            assertEquals("compiled\n", Files.readString(mine.dir().resolve("compiled.txt")));
        } finally {
            other.destroyForcibly();
        }
    }
}
