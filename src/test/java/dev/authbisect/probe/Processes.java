package dev.authbisect.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Test helpers about OS processes. */
final class Processes {
    private Processes() {
    }

    /** True when {@code pid} is gone or a zombie (killed, not yet reaped by its new parent). */
    static boolean dead(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = Files.readString(stat);
            char state = s.charAt(s.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException e) {
            return true;
        }
    }

    /** Polls until every pid is dead or the deadline passes; returns the ones still alive. */
    static List<Long> stillAliveAfter(Duration deadline, List<Long> pids) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        List<Long> alive = pids;
        while (System.nanoTime() < end) {
            alive = pids.stream().filter(p -> !dead(p)).toList();
            if (alive.isEmpty()) {
                return alive;
            }
            Thread.sleep(20);
        }
        return alive;
    }

    /** The absolute path of {@code name} on this JVM's PATH. */
    static String which(String name) {
        return ExecutableLookup.resolve(name, System.getenv("PATH"), Path.of(".")).orElseThrow().toString();
    }

    /** The numbers printed one per line. */
    static List<Long> pids(String stdout) {
        return Arrays.stream(stdout.split("\n")).map(String::strip).filter(l -> l.matches("\\d+")).map(Long::valueOf).toList();
    }
}
