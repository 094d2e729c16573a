package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.Outcome;
import dev.authbisect.report.ResultJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input through the real CLI: one clear line, the right exit code, nothing lost. */
class RunBadInputAcceptanceTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(PipelineFixture.Result r, int code, String contains) {
        assertEquals(code, r.code(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), "expected one line, got:\n" + err);
        assertTrue(err.startsWith("authbisect: "), err);
        assertTrue(err.contains(contains), err);
        assertFalse(err.contains("Exception"), err);
    }

    private PipelineFixture fixture() throws IOException {
        return PipelineFixture.python(dir);
    }

    @Test
    void malformedYamlNamesFileLineAndColumn() throws IOException {
        PipelineFixture fx = fixture();
        Files.writeString(fx.configFile(), Files.readString(fx.configFile()).replace("paths: [broker/]", "paths: [broker/"));
        assertOneLineError(fx.run(), 2, "config.yaml:");
        assertTrue(fx.run().err().contains(": malformed YAML: "), fx.run().err());
    }

    @Test
    void anUnknownKeyIsNamedWithItsPosition() throws IOException {
        PipelineFixture fx = fixture();
        Files.writeString(fx.configFile(), Files.readString(fx.configFile()).replace("  range: HEAD", "  range: HEAD\n  frist_parent: true"));
        assertOneLineError(fx.run(), 2, "commits.frist_parent: unknown key 'frist_parent'");
    }

    @Test
    void anUnknownRevisionIsAUsageError() throws IOException {
        assertOneLineError(fixture().run("--range", "v9.9..HEAD"), 2, "unknown revision 'v9.9'");
    }

    @Test
    void aMissingRepositoryIsAUsageError() throws IOException {
        PipelineFixture fx = fixture();
        Files.writeString(fx.configFile(), Files.readString(fx.configFile()).replace("repo: repo", "repo: no-such-repo"));
        assertOneLineError(fx.run(), 2, "no-such-repo");
    }

    @Test
    void anUnknownEnvironmentOrCallIsAUsageError() throws IOException {
        PipelineFixture fx = fixture();
        assertOneLineError(fx.run("--env", "staging"), 2, "--env 'staging': not in the config (expected one of: office, laptop)");
        assertOneLineError(fx.run("--call", "withdraw"), 2, "--call 'withdraw': not in the config");
    }

    @Test
    void aProbeCommandThatDoesNotExistIsAUsageErrorBeforeAnythingRuns() throws IOException {
        PipelineFixture fx = fixture().config("", "", "[no-such-probe-xyz, --flag]", "20s");
        assertOneLineError(fx.run(), 2, "no-such-probe-xyz");
        assertFalse(Files.exists(fx.out().resolve("result.json")));
    }

    @Test
    void aProbeScriptPathWithATypoIsAUsageErrorBeforeAnythingRuns() throws IOException {
        PipelineFixture fx = fixture().config("", "", "[python3, \"${configDir}/prboe.py\"]", "20s");
        assertOneLineError(fx.run(), 2, "prboe.py does not exist");
    }

    @Test
    void anOutFolderThatIsAFileIsAUsageError() throws IOException {
        PipelineFixture fx = fixture();
        Files.writeString(fx.out(), "not a folder");
        assertOneLineError(fx.run(), 2, "exists and is not a folder");
    }

    @Test
    void aHangingProbeIsKilledAtItsTimeoutWithItsChildren() throws IOException, InterruptedException {
        Path pidFile = dir.resolve("child.pid");
        // the child is found in /proc by its argument: a pid written inside the probe's PID namespace is not this machine's
        String sleep = "300." + System.nanoTime();
        PipelineFixture fx = fixture().config("PROBE_MODE: hang\nPROBE_PIDFILE: \"" + pidFile + "\"\nPROBE_SLEEP: \"" + sleep + "\"", "",
                "[python3, \"${configDir}/probe.py\"]", "2s");
        long start = System.nanoTime();
        PipelineFixture.Result r = fx.run("--env", "office", "--call", "balance", "--range", fx.only("client"));
        assertTrue((System.nanoTime() - start) / 1_000_000_000L < 30, "the run must not wait for the hanging probe");
        assertEquals(4, r.code(), r.err());
        RunResult result = ResultJson.read(fx.out().resolve("result.json"));
        Cell c = result.cells().stream().filter(x -> !x.row().equals("ref")).findFirst().orElseThrow();
        assertEquals(Outcome.PROBE_ERROR, c.outcome());
        assertTrue(c.diagnosis().contains("timed out after 2s"), c.diagnosis());
        assertTrue(Files.exists(pidFile), "the probe started its child");
        long deadline = System.currentTimeMillis() + 5_000;
        while (running(sleep) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(running(sleep), "the probe's child survived");
    }

    /** A process with the argument {@code arg} is alive and not a zombie (an orphan killed here may wait for a reaper). */
    private static boolean running(String arg) throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = Files.readString(p.resolve("cmdline"));
                    String stat = Files.readString(p.resolve("stat"));
                    if (java.util.List.of(cmdline.split("\0")).contains(arg) && stat.charAt(stat.lastIndexOf(')') + 2) != 'Z') {
                        return true;
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        return false;
    }

    @Test
    void aProbeThatPrintsMegabytesIsBoundedAndStillCounts() throws IOException {
        PipelineFixture fx = fixture().config("PROBE_MODE: spam", "");
        PipelineFixture.Result r = fx.run("--env", "office", "--range", fx.only("client"));
        assertEquals(0, r.code(), r.err());
        RunResult result = ResultJson.read(fx.out().resolve("result.json"));
        assertTrue(result.cells().stream().allMatch(c -> c.outcome() == Outcome.OK), result.cells().toString());
        try (var logs = Files.list(fx.out().resolve("logs"))) {
            for (Path log : logs.toList()) {
                assertTrue(Files.size(log) < 256 * 1024, log + " is " + Files.size(log) + " bytes");
            }
        }
        assertTrue(Files.size(fx.out().resolve("result.json")) < 512 * 1024);
    }

    @Test
    void anUpstreamThatRefusesConnectionsIsTransportErrorNotAnAuthResult() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        PipelineFixture fx = fixture().config("", """
                - name: down
                  credentials: {api_key: "${file:key.txt}", api_secret: "${file:secret.txt}"}
                  upstream: http://127.0.0.1:%d/exchange/v1
                  timeouts: {connect: 1s, read: 1s}
                """.formatted(closed));
        PipelineFixture.Result r = fx.run("--env", "down", "--range", fx.only("client"));
        assertEquals(4, r.code(), r.err());
        RunResult result = ResultJson.read(fx.out().resolve("result.json"));
        for (Cell c : result.cells()) {
            assertEquals(Outcome.TRANSPORT_ERROR, c.outcome(), c.toString());
            assertTrue(c.diagnosis().contains("connection refused by 127.0.0.1:" + closed), c.diagnosis());
        }
    }

    @Test
    void aKeyTheCodeSentThatIsNotTheEnvironmentsIsRedactedEverywhere() throws IOException {
        PipelineFixture fx = fixture().config("PROBE_MODE: stalekey", "");
        PipelineFixture.Result r = fx.run("--env", "office", "--range", fx.only("client"));
        assertEquals(4, r.code(), r.err()); // another key at every version: a HARNESS verdict, not the code's
        RunResult result = ResultJson.read(fx.out().resolve("result.json"));
        Cell c = result.cells().stream().filter(x -> !x.row().equals("ref")).findFirst().orElseThrow();
        assertEquals(Outcome.AUTH_REJECTED, c.outcome());
        assertTrue(result.verdicts().stream().allMatch(v -> v.verdict() == dev.authbisect.analysis.Verdict.Kind.HARNESS
                && String.join(" ", v.sentences()).contains("the code sent key StaleL…#")), result.verdicts()::toString);
        assertTrue(c.evidence().probeTail().contains("using key StaleL…#"), c.evidence().probeTail());
        try (var files = Files.walk(fx.out())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f).contains("StaleLocalKey0123456789"), "the stale key leaked into " + f);
            }
        }
        assertFalse((r.out() + r.err()).contains("StaleLocalKey0123456789"));
    }

    @Test
    void anAttemptToReachAnotherHostIsRefusedAndRecorded() throws IOException {
        PipelineFixture fx = fixture().config("PROBE_MODE: egress", "");
        PipelineFixture.Result r = fx.run("--env", "office", "--range", fx.only("client"));
        assertEquals(0, r.code(), r.err());
        RunResult result = ResultJson.read(fx.out().resolve("result.json"));
        Cell c = result.cells().stream().filter(x -> !x.row().equals("ref")).findFirst().orElseThrow();
        assertEquals(java.util.List.of("GET http://api.ipify.org/?…"), c.evidence().egress());
        assertEquals(Outcome.OK, c.outcome());
    }
}
