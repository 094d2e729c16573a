package dev.authbisect.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.authbisect.core.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No process a probe starts outlives its trial — double-forked daemons included, which a tree
 * kill that polls descendants never sees once they are re-parented — under every containment
 * this machine offers; and in a PID namespace the probe cannot read authbisect's environment.
 */
class ProcessContainmentTest {
    private static final Redactor NO_SECRETS = Redactor.create(new byte[] {1});
    private static final List<Containment> AVAILABLE = Containment.available(System.getenv("PATH"));

    @TempDir
    Path cwd;

    private static Optional<Containment> offered(Containment.Kind kind) {
        return AVAILABLE.stream().filter(c -> c.kind() == kind).findFirst();
    }

    private ProcessResult sh(ProcessRunner runner, String script, Duration timeout) {
        return runner.run(ProcessRequest.of("test command", List.of("sh", "-c", script), cwd, Map.of(), timeout), NO_SECRETS);
    }

    /** A daemon the classic way: fork, setsid, fork again, the intermediate exits at once; its environment wiped too. */
    private static String doubleForkedDaemon(String sleep) {
        return "(setsid env -i sleep " + sleep + " > /dev/null 2>&1 < /dev/null &) ; exit 0";
    }

    private void assertNoSurvivor(String sleep) throws InterruptedException {
        List<Long> left = Processes.stillRunningAfter(Duration.ofSeconds(3), sleep);
        Processes.killAll(left);
        assertEquals(List.of(), left, "a process the command started outlived it");
    }

    @Test
    void aDoubleForkedDaemonDoesNotOutliveItsTrial() throws Exception {
        String sleep = Processes.uniqueSleep();

        ProcessResult r = sh(new ProcessRunner(), doubleForkedDaemon(sleep), Duration.ofSeconds(10));

        assertEquals(new ProcessOutcome.Exited(0), r.outcome());
        assertNoSurvivor(sleep);
    }

    @Test
    void aDoubleForkedDaemonDoesNotOutliveATimedOutTrial() throws Exception {
        String sleep = Processes.uniqueSleep();

        ProcessResult r = sh(new ProcessRunner(), "(setsid env -i sleep " + sleep + " &) ; sleep 1000", Duration.ofMillis(800));

        assertEquals(new ProcessOutcome.TimedOut(Duration.ofMillis(800)), r.outcome());
        assertNoSurvivor(sleep);
    }

    @Test
    void inAPidNamespaceNoDaemonSurvivesAndAuthbisectsEnvironmentIsOutOfSight() throws Exception {
        Optional<Containment> ns = offered(Containment.Kind.PID_NAMESPACE);
        assumeTrue(ns.isPresent(), "no PID namespace on this machine (unshare missing or user namespaces disabled)");
        ProcessRunner runner = new ProcessRunner(64 * 1024, ns.get());
        String sleep = Processes.uniqueSleep();
        long me = ProcessHandle.current().pid();

        ProcessResult r = sh(runner, "(setsid env -i sleep " + sleep + " &); echo pid $$; "
                + "cat /proc/" + me + "/environ > /dev/null 2>&1 && echo READ || echo HIDDEN; "
                + "cat /proc/" + ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L) + "/environ > /dev/null 2>&1 "
                + "&& echo PARENT-READ || echo PARENT-HIDDEN; exit 4", Duration.ofSeconds(10));

        assertEquals(new ProcessOutcome.Exited(4), r.outcome(), r.stderrTail());
        assertTrue(r.stdoutTail().startsWith("pid 1\n"), r.stdoutTail());
        assertTrue(r.stdoutTail().contains("HIDDEN\n"), r.stdoutTail());
        assertFalse(r.stdoutTail().contains("READ\n"), r.stdoutTail());
        assertNoSurvivor(sleep);
    }

    @Test
    void underASubreaperNoDaemonSurvivesExitOrTimeout() throws Exception {
        Optional<Containment> sub = offered(Containment.Kind.SUBREAPER);
        assumeTrue(sub.isPresent(), "no python3 with prctl on this machine");
        ProcessRunner runner = new ProcessRunner(64 * 1024, sub.get());
        String first = Processes.uniqueSleep();
        String second = Processes.uniqueSleep();

        ProcessResult exited = sh(runner, doubleForkedDaemon(first).replace("exit 0", "echo out; exit 5"), Duration.ofSeconds(10));
        ProcessResult timedOut = sh(runner, "(setsid env -i sleep " + second + " &) ; sleep 1000", Duration.ofMillis(800));

        assertEquals(new ProcessOutcome.Exited(5), exited.outcome(), exited.stderrTail());
        assertEquals("out\n", exited.stdoutTail());
        assertEquals(new ProcessOutcome.TimedOut(Duration.ofMillis(800)), timedOut.outcome());
        assertNoSurvivor(first);
        assertNoSurvivor(second);
    }

    @Test
    void inItsOwnSessionADaemonThatStaysInTheSessionIsKilled() throws Exception {
        Optional<Containment> session = offered(Containment.Kind.SESSION);
        assumeTrue(session.isPresent(), "no setsid on this machine");
        ProcessRunner runner = new ProcessRunner(64 * 1024, session.get());
        String sleep = Processes.uniqueSleep();

        ProcessResult r = sh(runner, "(sh -c 'sleep " + sleep + "' > /dev/null 2>&1 &) ; exit 0", Duration.ofSeconds(10));

        assertEquals(new ProcessOutcome.Exited(0), r.outcome());
        assertNoSurvivor(sleep);
    }

    @Test
    void everyContainmentPassesExitCodesOutputAndTheEnvironmentThrough() {
        for (Containment c : AVAILABLE) {
            ProcessRunner runner = new ProcessRunner(64 * 1024, c);
            ProcessResult r = runner.run(ProcessRequest.of("test command", List.of("sh", "-c", "echo \"$GREETING\"; echo e >&2; exit 3"),
                    cwd, Map.of("GREETING", "hello"), Duration.ofSeconds(10)), NO_SECRETS);

            assertEquals(new ProcessOutcome.Exited(3), r.outcome(), c.kind() + ": " + r.stderrTail());
            assertEquals("hello\n", r.stdoutTail(), c.kind().word());
            assertEquals("e\n", r.stderrTail(), c.kind().word());
        }
    }

    @Test
    void theDetectedContainmentIsTheStrongestOfferedAndSaysWhatItMeans() {
        Containment detected = Containment.detected();

        assertEquals(AVAILABLE.get(0).kind(), detected.kind());
        assertEquals(Containment.Kind.NONE, AVAILABLE.get(AVAILABLE.size() - 1).kind());
        assertNotEquals("", detected.describe());
        if (detected.kind() != Containment.Kind.PID_NAMESPACE) {
            assertTrue(detected.describe().contains("/proc/<pid>/environ"), detected.describe());
        }
        System.err.println("containment on this machine: " + AVAILABLE.stream().map(c -> c.kind().word()).toList()
                + "; in use: " + detected.describe());
    }
}
