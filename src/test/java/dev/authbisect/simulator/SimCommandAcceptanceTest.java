package dev.authbisect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code authbisect sim} through the built jar, as a user runs it. */
class SimCommandAcceptanceTest {
    private static ProcessBuilder jar(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("authbisect.jar", "target/authbisect.jar")));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    @Test
    void simServesTheScenarioPrintsItsUrlsAndStopsOnSignal() throws Exception {
        Process p = jar("sim", "--scenario", "harness-config/sim/seed-rca.yaml", "--port", "0").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("press Ctrl-C")) {
                lines.add(line);
            }
            String v1 = lines.stream().filter(l -> l.startsWith("v1 ")).findFirst().orElseThrow().substring(3).trim();
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("v2  http://127.0.0.1:") && l.endsWith("/v2")), lines.toString());
            assertTrue(lines.get(0).contains("clock fixed at 2025-12-19T08:00:00Z"), lines.get(0));
            assertTrue(lines.stream().anyMatch(l -> l.contains(SimulatorServer.RELAY_TOKEN_HEADER + ": ")), lines.toString());
            try (Response r = new OkHttpClient().newCall(new Request.Builder().url(URI.create(v1) + "/public/get-instruments").build()).execute()) {
                assertEquals(200, r.code());
                assertTrue(r.body().string().contains("\"code\":0"));
            }
            p.destroy(); // SIGTERM: the shutdown hook stops the server
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "sim stopped");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aBadScenarioExitsWith2AndOneLine(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "keys:\n  - api_key: K1\n    secret: s\n    permissions: [write]\n");
        Process p = jar("sim", "--scenario", bad.toString()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(2, p.exitValue());
        assertEquals("authbisect: scenario " + bad + ":4:19: keys[0].permissions[0]: expected read or trade, got 'write'", err);
    }

    @Test
    void aPortOutOfRangeIsAUsageError() throws Exception {
        Process p = jar("sim", "--scenario", "harness-config/sim/seed-rca.yaml", "--port", "70000").start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        assertTrue(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).contains("--port 70000: expected a port between 0 and 65535"));
    }
}
