package dev.authbisect.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
