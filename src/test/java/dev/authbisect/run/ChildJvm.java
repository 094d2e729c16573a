package dev.authbisect.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code authbisect} in a child JVM (to signal it, kill it, or run two at once), and the processes left behind. */
final class ChildJvm {
    private static final Map<Process, Path> ERR = new ConcurrentHashMap<>();

    private ChildJvm() {
    }

    /** Starts {@code authbisect ARGS} (the jar when the build made one, else this test's classpath); stderr goes to a file in {@code tmp}. */
    static Process start(Path tmp, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String jar = System.getProperty("authbisect.jar");
        if (jar != null && Files.isRegularFile(Path.of(jar))) {
            cmd.addAll(List.of("-jar", jar));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.authbisect.cli.Main"));
        }
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(tmp, "stderr-", ".txt");
        ProcessBuilder b = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        b.environment().putAll(env);
        Process p = b.start();
        ERR.put(p, err);
        return p;
    }

    static String stderr(Process p) {
        try {
            return Files.readString(ERR.get(p));
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    /** Live (not zombie) processes with {@code arg} among their arguments, read from /proc. */
    static List<Long> withArgument(String arg) {
        List<Long> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(h -> {
            try {
                Path dir = Path.of("/proc", Long.toString(h.pid()));
                String cmdline = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8);
                String stat = Files.readString(dir.resolve("stat"));
                char state = stat.charAt(stat.lastIndexOf(')') + 2);
                if (List.of(cmdline.split("\0")).contains(arg) && state != 'Z' && state != 'X') {
                    out.add(h.pid());
                }
            } catch (IOException | RuntimeException gone) {
                // exited meanwhile
            }
        });
        return out;
    }

    /** Polls until no live process has {@code arg} (or {@code within} passes); returns the ones left. */
    static List<Long> leftWith(String arg, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        List<Long> left = withArgument(arg);
        while (!left.isEmpty() && System.nanoTime() < end) {
            Thread.sleep(50);
            left = withArgument(arg);
        }
        return left;
    }
}
