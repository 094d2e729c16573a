package dev.authbisect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher the build writes next to the jar: {@code target/authbisect}, also through a symlink on the PATH. */
class LauncherAcceptanceTest {
    @TempDir
    Path dir;

    record Ran(int code, String out, String err) {
    }

    static Ran exec(List<String> command) throws Exception {
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished: " + command);
        return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    static Path launcher() {
        return Path.of(System.getProperty("authbisect.jar", "target/authbisect.jar")).toAbsolutePath().resolveSibling("authbisect");
    }

    @Test
    void theLauncherRunsTheJarDirectlyAndThroughASymlink() throws Exception {
        Path launcher = launcher();
        assertTrue(Files.isExecutable(launcher), launcher + " is written by mvn package and executable");
        assertTrue(Files.readString(launcher).startsWith("#!/bin/sh\n"), "a shell script");
        Ran version = exec(List.of(launcher.toString(), "--version"));
        assertEquals(0, version.code(), version.err());
        assertTrue(version.out().startsWith("authbisect "), version.out());

        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("authbisect"), launcher);
        Ran viaLink = exec(List.of(link.toString(), "rn"));
        assertEquals(2, viaLink.code(), viaLink.err());
        assertTrue(viaLink.err().contains("(did you mean 'run'?)"), viaLink.err());
        assertTrue(exec(List.of(link.toString(), "completion")).out().contains("complete -F"));
        Files.delete(link); // the temp folder's cleanup warns about links that point outside it
    }
}
