package dev.authbisect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code target/authbisect}, the launcher the build writes next to the jar (Unix; not with
 * {@code -DskipLauncher}): it runs the same program as {@code java -jar}, from anywhere and through
 * a symlink, with the class-data archive when there is one.
 */
class LauncherAcceptanceTest {
    private static final Path JAR = Path.of(System.getProperty("authbisect.jar", "target/authbisect.jar")).toAbsolutePath();
    private static final Path LAUNCHER = JAR.resolveSibling("authbisect");

    private record Run(int exit, String out) {
    }

    private static Run run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        return new Run(p.exitValue(), out);
    }

    private static String[] java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    @Test
    void theLauncherRunsTheSameProgramAsJavaDashJar(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(LAUNCHER), "no launcher built (not Unix, or -DskipLauncher)");
        assertTrue(Files.isRegularFile(LAUNCHER.resolveSibling("authbisect.jsa")), "the build made the class-data archive");
        Run viaJar = run(dir, java("--version"));
        Run viaLauncher = run(dir, LAUNCHER.toString(), "--version");
        assertEquals(0, viaLauncher.exit());
        assertEquals(viaJar.out(), viaLauncher.out(), "same output, no JVM warning about the archive");

        Path link = Files.createSymbolicLink(dir.resolve("authbisect"), LAUNCHER);
        Run help = run(dir, link.toString(), "--help");
        Files.delete(link);
        assertEquals(0, help.exit(), help.out());
        assertEquals(run(dir, java("--help")).out(), help.out());

        Run usage = run(dir, LAUNCHER.toString(), "check");
        assertEquals(2, usage.exit(), "exit codes pass through: " + usage.out());
    }

    @Test
    void theLauncherSuggestsAndCompletesThroughASymlinkOnThePath(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(LAUNCHER), "no launcher built (not Unix, or -DskipLauncher)");
        assertTrue(Files.readString(LAUNCHER).startsWith("#!/bin/sh\n"), "a shell script");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("authbisect"), LAUNCHER);
        Run viaLink = run(dir, link.toString(), "rn");
        assertEquals(2, viaLink.exit(), viaLink.out());
        assertTrue(viaLink.out().contains("(did you mean 'run'?)"), viaLink.out());
        assertTrue(run(dir, link.toString(), "completion").out().contains("complete -F"));
        Files.delete(link); // the temp folder's cleanup warns about links that point outside it
    }
}
