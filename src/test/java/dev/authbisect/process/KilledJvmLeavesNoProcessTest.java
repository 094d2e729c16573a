package dev.authbisect.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * authbisect killed with SIGKILL (no handler, no timeout enforced any more): the kernel's parent-death
 * signal stops what it was running. In a PID namespace and under the subreaper nothing of the command's
 * tree is left, a double-forked daemon included; in a session or without containment the command itself
 * is killed (what it started is not covered there, see {@link Containment}).
 */
class KilledJvmLeavesNoProcessTest {
    @TempDir
    Path tmp;

    @Test
    void sigkillOfTheJvmKillsTheCommandsItWasRunningUnderEveryContainmentThatSaysSo() throws Exception {
        Map<Containment.Kind, String> markers = new LinkedHashMap<>();
        Map<String, Integer> expected = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        for (Containment c : Containment.available(System.getenv("PATH"))) {
            if (!c.diesWithJvm()) {
                continue;
            }
            String sleep = Processes.uniqueSleep();
            markers.put(c.kind(), sleep);
            if (c.kind() == Containment.Kind.PID_NAMESPACE || c.kind() == Containment.Kind.SUBREAPER) {
                // the whole tree: a double-forked daemon and the command's own child
                args.add(c.kind().word() + "=(setsid sleep " + sleep + " > /dev/null 2>&1 < /dev/null &) ; sleep " + sleep);
                expected.put(sleep, 2);
            } else {
                args.add(c.kind().word() + "=exec sleep " + sleep); // the command itself
                expected.put(sleep, 1);
            }
        }
        assumeFalse(markers.isEmpty(), "neither setpriv --pdeathsig nor python3 here: nothing stops a command when the JVM dies");

        Process jvm = childJvm(args);
        try {
            awaitRunning(jvm, expected);
            jvm.destroyForcibly(); // SIGKILL
            assertTrue(jvm.waitFor(10, TimeUnit.SECONDS), "the child JVM dies");

            for (Map.Entry<Containment.Kind, String> m : markers.entrySet()) {
                List<Long> left = Processes.stillRunningAfter(Duration.ofSeconds(5), m.getValue());
                Processes.killAll(left);
                assertEquals(List.of(), left, m.getKey().word() + ": processes outlived the killed JVM");
            }
        } finally {
            jvm.destroyForcibly();
            markers.values().forEach(s -> Processes.killAll(Processes.withArgument(s)));
        }
    }

    @Test
    void withoutASetprivThatKnowsPdeathsigTheSameContainmentsAreOfferedWithoutTheGuard() throws Exception {
        List<Containment> real = Containment.available(System.getenv("PATH"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String name : List.of("unshare", "python3", "setsid")) {
            ExecutableLookup.resolve(name, System.getenv("PATH"), tmp)
                    .ifPresent(p -> script(bin.resolve(name), "exec '" + p + "' \"$@\""));
        }
        script(bin.resolve("setpriv"), "echo \"setpriv: unrecognized option '$1'\" >&2; exit 1"); // util-linux before 2.33

        List<Containment> old = Containment.available(bin.toString());

        assertEquals(real.stream().map(Containment::kind).toList(), old.stream().map(Containment::kind).toList());
        for (Containment c : old) {
            assertEquals(c.kind() == Containment.Kind.SUBREAPER, c.diesWithJvm(), c.kind().word());
            assertTrue(c.prefix().stream().noneMatch(a -> a.endsWith("setpriv")), c.prefix().toString());
            assertTrue(c.describe().contains("kill -9"), c.describe());
        }
    }

    @Test
    void theSubreaperHelperWhoseParentIsAlreadyGoneRunsNothing() throws Exception {
        Containment subreaper = Containment.available(System.getenv("PATH")).stream()
                .filter(c -> c.kind() == Containment.Kind.SUBREAPER).findFirst().orElse(null);
        assumeFalse(subreaper == null, "no subreaper here");
        List<String> prefix = new ArrayList<>(subreaper.prefix());
        prefix.set(prefix.size() - 1, "1"); // as if this JVM died before the helper asked for the signal: re-parented
        Path ran = tmp.resolve("ran");

        ProcessResult r = new ProcessRunner(1024, new Containment(Containment.Kind.SUBREAPER, prefix, true)).run(
                ProcessRequest.of("test command", List.of("touch", ran.toString()), tmp, Map.of(), Duration.ofSeconds(10)),
                dev.authbisect.core.Redactor.create(new byte[] {1}));

        assertEquals(new ProcessOutcome.Exited(143), r.outcome(), r.stderrTail());
        assertFalse(Files.exists(ran), "the command ran");
    }

    private static void script(Path file, String body) {
        try {
            Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(file.toFile().setExecutable(true));
    }

    private Process childJvm(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ContainedCommands.class.getName()));
        cmd.addAll(args);
        Path log = tmp.resolve("child.log");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Until every marker has its number of live processes (the commands are running), or fails with the child's output. */
    private void awaitRunning(Process jvm, Map<String, Integer> expected) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            boolean all = expected.entrySet().stream().allMatch(e -> Processes.withArgument(e.getKey()).size() == e.getValue());
            if (all) {
                return;
            }
            if (!jvm.isAlive() || System.nanoTime() > end) {
                throw new AssertionError("the child JVM did not start its commands (alive: " + jvm.isAlive() + "): "
                        + Files.readString(tmp.resolve("child.log")));
            }
            Thread.sleep(20);
        }
    }
}
