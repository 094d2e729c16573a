package dev.authbisect.process;

import dev.authbisect.core.ExitException;
import java.nio.file.Path;
import java.util.List;

/**
 * A pre-flight check of a configured command's executable, so a typo fails once, before any
 * trial runs, instead of as a PROBE_ERROR in every cell.
 */
public final class CommandCheck {
    private CommandCheck() {
    }

    /**
     * Throws a usage error ("config F: target.probe.command: probe command not found: 'pytho3' (not on PATH …)")
     * when the first word of {@code command} is not an executable.
     */
    public static void requireExecutable(String field, String label, List<String> command, String searchPath, Path cwd) {
        String name = command.get(0);
        if (name.contains("/") && !name.startsWith("/")) {
            return; // relative to the folder it runs in, which exists only per trial
        }
        String path = searchPath == null ? "" : searchPath;
        if (ExecutableLookup.resolve(name, path, cwd).isEmpty()) {
            throw ExitException.usage(field + ": " + ExecutableLookup.notFound(label, name, path, cwd));
        }
    }

    /**
     * Throws a usage error when an argument after the executable is an absolute path that does not
     * exist ({@code "${configDir}/probes/my_probe.py"} with a typo), which would otherwise make every
     * trial a PROBE_ERROR.
     */
    public static void requireAbsoluteArgumentsExist(String field, List<String> command) {
        for (String arg : command.subList(1, command.size())) {
            if (arg.startsWith("/") && !java.nio.file.Files.exists(Path.of(arg))) {
                throw ExitException.usage(field + ": " + arg + " does not exist (expected a file the command can run, e.g. \"${configDir}/probes/my_probe.py\")");
            }
        }
    }
}
