package dev.authbisect.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command to run.
 *
 * @param label      what the command is, for messages ("probe command", "build command")
 * @param command    the command line; the first element is resolved against {@code searchPath}
 * @param cwd        working directory
 * @param env        the COMPLETE environment of the child (nothing else is inherited); when it has
 *                   no {@code PATH}, the child gets {@code <dir of the executable>:/usr/local/bin:/usr/bin:/bin}
 * @param timeout    after this the command and all its descendants are killed
 * @param searchPath the PATH the executable is looked up in (the caller's, not the child's)
 */
public record ProcessRequest(String label, List<String> command, Path cwd, Map<String, String> env,
                             Duration timeout, String searchPath) {
    public ProcessRequest {
        Objects.requireNonNull(label, "label");
        command = List.copyOf(command);
        if (command.isEmpty() || command.get(0).isEmpty()) {
            throw new IllegalArgumentException(label + " is empty");
        }
        Objects.requireNonNull(cwd, "cwd");
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        Objects.requireNonNull(timeout, "timeout");
        searchPath = searchPath == null ? "" : searchPath;
    }

    /** A request whose executable is looked up on this JVM's own {@code PATH}. */
    public static ProcessRequest of(String label, List<String> command, Path cwd, Map<String, String> env, Duration timeout) {
        return new ProcessRequest(label, command, cwd, env, timeout, System.getenv("PATH"));
    }

    /** Environment values may be credentials: only the names are shown. */
    @Override
    public String toString() {
        return "ProcessRequest[" + label + " " + command + " in " + cwd + ", env names " + env.keySet()
                + ", timeout " + timeout + "]";
    }
}
