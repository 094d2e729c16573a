package dev.authbisect.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessRunnerTest {
    private static final Redactor NO_SECRETS = Redactor.create(new byte[] {1});
    private static final Duration SHORT = Duration.ofSeconds(5);

    @TempDir
    Path cwd;

    private final ProcessRunner runner = new ProcessRunner();

    private ProcessResult sh(String script, Duration timeout) {
        return runner.run(ProcessRequest.of("test command", List.of("sh", "-c", script), cwd, Map.of(), timeout), NO_SECRETS);
    }

    @Test
    void anExitCodeAndBothOutputsAreReported() {
        ProcessResult r = sh("echo out; echo err >&2; exit 3", SHORT);

        assertEquals(new ProcessOutcome.Exited(3), r.outcome());
        assertEquals("out\n", r.stdoutTail());
        assertEquals("err\n", r.stderrTail());
        assertEquals(4, r.stdoutBytes());
        assertEquals(4, r.stderrBytes());
        assertEquals(3, r.exitCode().orElseThrow());
    }

    @Test
    void theCommandRunsInTheGivenFolder() {
        ProcessResult r = sh("pwd", SHORT);

        assertEquals(cwd.toAbsolutePath() + "\n", r.stdoutTail());
    }

    @Test
    void aTimeoutKillsTheCommandAndItsGrandchildren() throws Exception {
        // found in /proc by their arguments: pids printed inside a PID namespace are not this machine's
        String child = Processes.uniqueSleep();
        String grandchild = Processes.uniqueSleep();
        String script = "sleep " + child + " & echo $!; sh -c 'sleep " + grandchild + " & echo $!; wait' & echo $!; wait";
        long started = System.nanoTime();

        ProcessResult r = sh(script, Duration.ofMillis(700));

        assertEquals(new ProcessOutcome.TimedOut(Duration.ofMillis(700)), r.outcome());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2500, "returned promptly");
        assertEquals(3, Processes.pids(r.stdoutTail()).size(), "the script printed its three descendants: " + r.stdoutTail());
        assertEquals(List.of(), Processes.stillRunningAfter(Duration.ofSeconds(2), child));
        assertEquals(List.of(), Processes.stillRunningAfter(Duration.ofSeconds(2), grandchild));
    }

    @Test
    void stopAllStopsARunningCommandWithItsChildrenAndItsRunThrows() throws Exception {
        String child = Processes.uniqueSleep();
        java.util.concurrent.CompletableFuture<ProcessResult> running = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> sh("sleep " + child + " & wait", Duration.ofSeconds(60)));
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (Processes.withArgument(child).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertFalse(Processes.withArgument(child).isEmpty(), "the command started its child");

        assertEquals(1, ProcessRunner.stopAll());

        java.util.concurrent.ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> running.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertInstanceOf(java.util.concurrent.CancellationException.class, e.getCause());
        assertEquals(List.of(), Processes.stillRunningAfter(Duration.ofSeconds(2), child));
        assertEquals(0, ProcessRunner.stopAll(), "nothing is left running");
    }

    @Test
    void aBackgroundProcessLeftBehindByAnExitedCommandIsKilled() throws Exception {
        long started = System.nanoTime();

        String sleep = Processes.uniqueSleep();
        ProcessResult r = sh("sleep " + sleep + " & echo $!; sleep 0.3", SHORT);

        assertEquals(new ProcessOutcome.Exited(0), r.outcome());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 1200, "did not wait for the leftover's pipe");
        assertEquals(List.of(), Processes.stillRunningAfter(Duration.ofSeconds(2), sleep));
    }

    @Test
    void megabytesOfOutputOnBothStreamsAreCountedButOnlyTheTailIsKept() {
        String script = "(yes a | head -c 20000000) & (yes b | head -c 5000000 >&2); wait";
        long started = System.nanoTime();

        ProcessResult r = sh(script, Duration.ofSeconds(20));

        assertEquals(new ProcessOutcome.Exited(0), r.outcome());
        assertEquals(20_000_000, r.stdoutBytes());
        assertEquals(5_000_000, r.stderrBytes());
        String out = r.stdoutTail();
        assertTrue(out.startsWith("…(output cut, showing the end of 20000000 bytes)…\n"), out.substring(0, 80));
        String kept = out.substring(out.indexOf('\n') + 1);
        assertTrue(kept.length() <= ProcessRunner.DEFAULT_TAIL_BYTES && kept.length() > 60_000, "kept " + kept.length());
        assertEquals(Set.of("a"), Arrays.stream(kept.split("\n")).filter(l -> !l.isEmpty()).collect(Collectors.toSet()));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10);
    }

    @Test
    void aCommandNotOnPathIsAOneLineStartFailure() {
        ProcessRequest request = new ProcessRequest("probe command", List.of("pytho3", "probe.py"), cwd, Map.of(),
                SHORT, "/usr/bin:/bin");

        ProcessResult r = runner.run(request, NO_SECRETS);

        assertEquals(new ProcessOutcome.FailedToStart("probe command not found: 'pytho3' (not on PATH /usr/bin:/bin)"),
                r.outcome());
        assertEquals("probe command not found: 'pytho3' (not on PATH /usr/bin:/bin)", r.outcome().describe());
    }

    @Test
    void aMissingRelativeCommandNamesTheFileItLookedFor() {
        ProcessResult r = runner.run(ProcessRequest.of("build command", List.of("./build.sh"), cwd, Map.of(), SHORT), NO_SECRETS);

        ProcessOutcome.FailedToStart failed = assertInstanceOf(ProcessOutcome.FailedToStart.class, r.outcome());
        assertEquals("build command not found: './build.sh' (no such file: " + cwd.resolve("build.sh") + ")", failed.reason());
    }

    @Test
    void theChildGetsExactlyTheGivenEnvironmentPlusAMinimalPath() {
        ProcessRequest request = ProcessRequest.of("test command", List.of("env"), cwd, Map.of("ONLY_ME", "1"), SHORT);

        ProcessResult r = runner.run(request, NO_SECRETS);

        String envDir = Path.of(Processes.which("env")).getParent().toString();
        Set<String> expected = Set.of("ONLY_ME=1", "PATH=" + ProcessRunner.minimalPath(Path.of(envDir)));
        assertEquals(expected, Set.of(r.stdoutTail().split("\n")));
    }

    @Test
    void aPathInTheGivenEnvironmentIsKept() {
        ProcessRequest request = ProcessRequest.of("test command", List.of("env"), cwd, Map.of("PATH", "/opt/x"), SHORT);

        ProcessResult r = runner.run(request, NO_SECRETS);

        assertEquals("PATH=/opt/x\n", r.stdoutTail());
    }

    @Test
    void secretsInTheOutputAreRedacted() {
        Redactor redactor = NO_SECRETS.withSecret("S3cr3t-value-42");

        ProcessResult r = runner.run(ProcessRequest.of("test command",
                List.of("sh", "-c", "echo secret=S3cr3t-value-42; echo S3cr3t-value-42 >&2"), cwd, Map.of(), SHORT), redactor);

        assertEquals("secret=***\n", r.stdoutTail());
        assertEquals("***\n", r.stderrTail());
    }

    @Test
    void aSecretCutAtTheStartOfTheTailDoesNotShowItsEnd() {
        ProcessRunner small = new ProcessRunner(100);
        Redactor redactor = NO_SECRETS.withSecret("S3cr3t-value-tail");
        // 1124 bytes are kept (100 + margin); the secret's last 5 bytes fall into them
        String script = "printf 'xxxxS3cr3t-value-tail'; head -c 1119 /dev/zero | tr '\\000' y";

        ProcessResult r = small.run(ProcessRequest.of("test command", List.of("sh", "-c", script), cwd, Map.of(), SHORT), redactor);

        assertEquals(21 + 1119, r.stdoutBytes());
        assertFalse(r.stdoutTail().contains("-tail"), r.stdoutTail());
        assertTrue(r.stdoutTail().endsWith("y".repeat(95)));
    }
}
