package dev.authbisect.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Test helpers about OS processes. */
public final class Processes {
    private Processes() {
    }

    /** True when {@code pid} is gone or a zombie (killed, not yet reaped by its new parent). */
    public static boolean dead(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = Files.readString(stat);
            char state = s.charAt(s.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException e) {
            return true;
        }
    }

    /** Live (not zombie) processes one of whose arguments is exactly {@code arg}, seen from this JVM's /proc. */
    public static List<Long> withArgument(String arg) {
        List<Long> out = new java.util.ArrayList<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                if (!name.matches("\\d+")) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(d.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8);
                    if (Arrays.asList(cmdline.split("\0")).contains(arg) && !dead(Long.parseLong(name))) {
                        out.add(Long.valueOf(name));
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** Polls until no live process has the argument {@code arg}, or the deadline passes; returns the ones left. */
    public static List<Long> stillRunningAfter(Duration deadline, String arg) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        List<Long> alive = withArgument(arg);
        while (!alive.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
            alive = withArgument(arg);
        }
        return alive;
    }

    /** A unique {@code sleep} duration: 1000.&lt;digits&gt; seconds, so a test can find its own sleepers in /proc. */
    public static String uniqueSleep() {
        return "1000." + (100_000_000L + new java.util.Random().nextInt(899_999_999));
    }

    /** Kills what a failed test left behind. */
    public static void killAll(List<Long> pids) {
        pids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** The absolute path of {@code name} on this JVM's PATH. */
    public static String which(String name) {
        return ExecutableLookup.resolve(name, System.getenv("PATH"), Path.of(".")).orElseThrow().toString();
    }

    /** The numbers printed one per line. */
    public static List<Long> pids(String stdout) {
        return Arrays.stream(stdout.split("\n")).map(String::strip).filter(l -> l.matches("\\d+")).map(Long::valueOf).toList();
    }
}
