package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbisect.core.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder that cannot be written is the machine's state, not a bug: one line naming the path, what was being
 * written and why, exit 2 when the path came from the user ({@code --out}) and 1 otherwise, no stack trace; what
 * finished before stays in the journal. The file systems are real: the jar runs in its own user and mount namespace
 * where a read-only tmpfs, or one of a single 4 KiB page, is mounted (no root needed, nothing outside changes).
 */
class WriteFailureAcceptanceTest {
    private static final Path JAR = Path.of(System.getProperty("authbisect.jar", "target/authbisect.jar")).toAbsolutePath();

    @TempDir
    Path dir;

    record Ran(int code, String out, String err) {
    }

    @BeforeAll
    static void mountNamespacesWork() throws Exception {
        Process p = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                "d=$(mktemp -d) && mount -t tmpfs -o size=4k tmpfs \"$d\" && umount \"$d\" && rmdir \"$d\"")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        Assumptions.assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0,
                "this machine does not allow user and mount namespaces (unshare --user --mount): no tmpfs to fill");
    }

    /** Runs the jar with {@code mountOptions} tmpfs mounted at {@code mountPoint}, in a namespace of its own. */
    private Ran runWithTmpfs(Path mountPoint, String mountOptions, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                "mount -t tmpfs -o \"$1\" tmpfs \"$2\" && shift 2 && exec \"$@\"", "sh", mountOptions, mountPoint.toString(),
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("HOME", Files.createDirectories(dir.resolve("home")).toString());
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "authbisect did not finish");
        return new Ran(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void assertOneLine(Ran r, int code, String expected) {
        assertEquals(code, r.code(), r.err());
        String err = r.err().strip();
        List<String> lines = err.lines().filter(l -> l.startsWith("authbisect: ") && !l.startsWith("authbisect: containment")
                && !l.matches("authbisect: \\d+ commits? → .*")).toList();
        assertEquals(List.of(expected), lines, err);
        assertFalse(err.contains("Exception") || err.contains("\tat ") || err.contains("internal error"), err);
    }

    @Test
    void aReadOnlyOutputFolderIsOneLineNamingItExit2() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir.resolve("fx"));
        Path ro = Files.createDirectories(dir.resolve("ro"));
        List<String> run = List.of("run", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(), "--out");

        Ran below = runWithTmpfs(ro, "ro", concat(run, ro.resolve("run-1").toString()));
        assertOneLine(below, 2, "authbisect: --out " + ro.resolve("run-1") + ": cannot create the folder: read-only file system");

        Ran itself = runWithTmpfs(ro, "ro", concat(run, ro.toString()));
        assertOneLine(itself, 2, "authbisect: --out " + ro + ": cannot create the folder: read-only file system");
    }

    @Test
    void aDiskThatFillsMidRunIsOneLineNamingTheFileAndTheJournalKeepsWhatFinished() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir.resolve("fx"));
        Path out = dir.resolve("out");
        Path logs = Files.createDirectories(out.resolve("logs"));

        // one 4 KiB page for the probe logs: the reference trials (no probe log) finish, then a module version's
        // trial finds the disk full
        Ran r = runWithTmpfs(logs, "size=4k", List.of("run", "--config", fx.configFile().toString(), "--cache",
                fx.cache().toString(), "--out", out.toString(), "--jobs", "1"));

        assertEquals(1, r.code(), r.err());
        String line = r.err().lines().filter(l -> l.contains("cannot write")).findFirst().orElse(r.err());
        assertTrue(line.matches("authbisect: cannot write the probe log " + java.util.regex.Pattern.quote(logs.toString())
                + "/probe-\\S+\\.log: disk full \\(no space left on device\\)"), line);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("internal error"), r.err());
        assertFalse(Files.exists(out.resolve("result.json")), "no result for a run that did not finish");

        List<JsonNode> journal = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("journal.jsonl"), StandardCharsets.UTF_8)) {
            journal.add(Json.mapper().readTree(l));
        }
        assertEquals("run_started", journal.get(0).get("event").asText());
        List<String> finished = journal.stream().filter(e -> e.get("event").asText().equals("reference"))
                .map(e -> e.get("trial").asText()).toList();
        assertEquals(List.of("ref×office×open_orders", "ref×office×balance", "ref×laptop×open_orders", "ref×laptop×balance"),
                finished, "every trial that finished before the disk filled is in the journal: " + journal);
        String failed = line.substring(line.indexOf("/probe-") + "/probe-".length(), line.indexOf(".log:"));
        assertTrue(journal.stream().noneMatch(e -> e.path("trial").asText().replace('×', '@').equals(failed)),
                "the trial whose log could not be written is not in the journal: " + journal);
    }

    private static List<String> concat(List<String> a, String b) {
        List<String> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

}
