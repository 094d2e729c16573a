package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar, run as a user runs it, with canary credentials in its environment: no
 * secret (and no full key) may appear in anything it prints or writes, and nothing from its
 * own environment may reach the probe.
 */
class SecretsAcceptanceTest {
    static final String CANARY = "canary-env-value-7f3a9c";

    @TempDir
    Path dir;

    @Test
    void canarySecretsNeverLeakAndTheCallersEnvironmentNeverReachesTheProbe() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir);
        String config = Files.readString(fx.configFile())
                .replace("${file:key.txt}", "${env:PIPE_KEY}").replace("${file:secret.txt}", "${env:PIPE_SECRET}");
        Files.writeString(fx.configFile(), config);

        Path jar = Path.of(System.getProperty("authbisect.jar", "target/authbisect.jar"));
        ProcessBuilder pb = new ProcessBuilder("java", "-jar", jar.toAbsolutePath().toString(), "run", "--config",
                fx.configFile().toString(), "--cache", fx.cache().toString(), "--out", fx.out().toString());
        Map<String, String> env = pb.environment();
        env.put("PIPE_KEY", PipelineFixture.KEY);
        env.put("PIPE_SECRET", PipelineFixture.SECRET);
        env.put("AUTHBISECT_CANARY", CANARY);
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "authbisect run did not finish");
        assertEquals(3, p.exitValue(), Files.readString(stderr));

        List<Path> written = new ArrayList<>(List.of(stdout, stderr));
        try (Stream<Path> files = Files.walk(fx.out())) {
            files.filter(Files::isRegularFile).forEach(written::add);
        }
        try (Stream<Path> files = Files.walk(fx.cache())) {
            files.filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".json")).forEach(written::add);
        }
        assertTrue(written.size() > 10, written.toString());
        for (Path f : written) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            assertFalse(text.contains(PipelineFixture.SECRET), "secret leaked into " + f);
            assertFalse(text.contains(PipelineFixture.KEY), "full key leaked into " + f);
            assertFalse(text.contains(CANARY), "caller's environment leaked into " + f);
        }
        String report = Files.readString(fx.out().resolve("result.json"));
        assertTrue(report.contains("TestKe…#"), "keys are shown as prefix and keyed hash");

        for (String line : fx.probeLog()) {
            assertFalse(line.contains("AUTHBISECT_CANARY"), "the caller's environment reached the probe: " + line);
            assertFalse(line.contains(CANARY));
        }
        assertEquals(8, fx.probeLog().size());
    }

    @Test
    void aMissingCredentialVariableIsOneLineAndExit2() throws IOException, InterruptedException {
        PipelineFixture fx = PipelineFixture.python(dir);
        Files.writeString(fx.configFile(), Files.readString(fx.configFile()).replace("${file:key.txt}", "${env:NOT_SET_ANYWHERE_1}"));
        Path jar = Path.of(System.getProperty("authbisect.jar", "target/authbisect.jar"));
        Process p = new ProcessBuilder("java", "-jar", jar.toAbsolutePath().toString(), "run", "--config",
                fx.configFile().toString(), "--cache", fx.cache().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertEquals(1, out.strip().lines().count(), out);
        assertTrue(out.contains("environments[0].credentials.api_key: environment variable NOT_SET_ANYWHERE_1 is not set"), out);
    }
}
