package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.SecretForms;
import dev.authbisect.demo.DemoFiles;
import dev.authbisect.process.Containment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Canary secrets planted in every source — {@code ${env:}}, {@code ${file:}}, a dotenv file, the
 * scenario (literal and {@code ${env:}}), a plain config field, an environment the run does not
 * select, the caller's own environment — and probes that print every credential they can reach in
 * every encoding, read other processes' environments, report them as results, crash with them and
 * fail with them. {@code run}, {@code bisect}, {@code check} (also failing ones), {@code report} and
 * {@code demo} run through the packaged jar; every file written and everything printed is scanned
 * for each secret as is, base64 (also inside larger base64 texts), hex and URL-encoded.
 */
class SecretsCanaryAcceptanceTest {
    static final String OFFICE_KEY = "CanaryEnvKey0000000001";
    static final String OFFICE_SECRET = "canary-env-secret-a1b2c3d4";
    static final String LAPTOP_KEY = "CanaryFileKey000000002";
    static final String LAPTOP_SECRET = "canary-file-secret-e5f6a7b8";
    static final String VAULT_KEY = "CanaryDotenvKey0000003";
    static final String VAULT_SECRET = "canary-dotenv-secret-c9d0e1f2";
    static final String UNUSED_KEY = "CanaryUnusedKey0000004";
    static final String UNUSED_SECRET = "canary-unused-secret-33445566";
    static final String SCENARIO_LITERAL = "canary-scenario-only-secret-778899";
    static final String SCENARIO_ENV = "canary-scenario-env-secret-aabbcc";
    static final String PLAIN = "canary-plain-token-ddeeff";
    static final String CALLER = "canary-caller-env-112233";

    @TempDir
    Path dir;

    record Ran(String name, int code, String out, String err) {
    }

    private final List<Ran> printed = new ArrayList<>();

    private Ran jar(String name, String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("authbisect.jar", "target/authbisect.jar")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("CANARY_OFFICE_KEY", OFFICE_KEY);
        env.put("CANARY_OFFICE_SECRET", OFFICE_SECRET);
        env.put("CANARY_UNUSED_KEY", UNUSED_KEY);
        env.put("CANARY_UNUSED_SECRET", UNUSED_SECRET);
        env.put("CANARY_SCENARIO_SECRET", SCENARIO_ENV);
        env.put("CANARY_PLAIN", PLAIN);
        env.put("CANARY_CALLER", CALLER);
        env.put("AUTHBISECT_CACHE", dir.resolve("cache").toString());
        Path out = dir.resolve("printed-" + name + ".out");
        Path err = dir.resolve("printed-" + name + ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), name + " did not finish");
        Ran r = new Ran(name, p.exitValue(), Files.readString(out), Files.readString(err));
        printed.add(r);
        return r;
    }

    private PipelineFixture target() throws IOException {
        PipelineFixture fx = PipelineFixture.python(dir.resolve("target"));
        Path d = fx.dir;
        Files.writeString(d.resolve("canary_probe.py"), PipelineFixture.res("canary_probe.py"));
        Files.writeString(d.resolve("key.txt"), LAPTOP_KEY + "\n");
        Files.writeString(d.resolve("secret.txt"), LAPTOP_SECRET + "\n");
        Files.writeString(d.resolve("vault.env"), "# the vault's credentials\nexport VAULT_KEY=" + VAULT_KEY + "\nVAULT_SECRET=\""
                + VAULT_SECRET + "\"\n");
        Files.writeString(d.resolve("scenario.yaml"), """
                venue: crypto-com-exchange-v1
                clock: {fixed: "2025-12-19T08:00:00Z"}
                keys:
                  - {label: office, api_key: %s, secret: "${env:CANARY_OFFICE_SECRET}", permissions: [read]}
                  - {label: laptop, api_key: %s, secret: %s, permissions: [read]}
                  - {label: vault, api_key: %s, secret: %s, permissions: [read]}
                  - {label: offline, api_key: %s, secret: "${env:CANARY_UNUSED_SECRET}", permissions: [read]}
                  - {label: scenario only, api_key: CanaryScenarioKey00005, secret: %s}
                  - {label: scenario env, api_key: CanaryScenarioKey00006, secret: "${env:CANARY_SCENARIO_SECRET}"}
                """.formatted(OFFICE_KEY, LAPTOP_KEY, LAPTOP_SECRET, VAULT_KEY, VAULT_SECRET, UNUSED_KEY, SCENARIO_LITERAL));
        Files.writeString(fx.configFile(), """
                version: 1
                target:
                  repo: repo
                  module: {paths: [broker/]}
                  build: {command: [python3, -m, compileall, -q, broker], timeout: 30s}
                  probe:
                    command: [python3, "${configDir}/canary_probe.py"]
                    timeout: 20s
                    env:
                      EX_BASE: "{{relay.url}}"
                      EX_KEY: "{{credentials.api_key}}"
                      EX_SECRET: "{{credentials.api_secret}}"
                      PROBE_TOKEN: "${env:CANARY_PLAIN}"
                      LEAK_SCENARIO_FILE: "${configDir}/scenario.yaml"
                venue: crypto-com-exchange-v1
                calls:
                  - {name: open_orders, method: private/get-open-orders}
                  - {name: balance, method: private/user-balance}
                environments:
                  - name: office
                    credentials: {api_key: "${env:CANARY_OFFICE_KEY}", api_secret: "${env:CANARY_OFFICE_SECRET}"}
                    upstream: sim:test
                  - name: laptop
                    credentials: {api_key: "${file:key.txt}", api_secret: "${file:secret.txt}"}
                    upstream: sim:test
                  - name: vault
                    credentials: {dotenv: vault.env, api_key: VAULT_KEY, api_secret: VAULT_SECRET}
                    upstream: sim:test
                  - name: offline
                    credentials: {api_key: "${env:CANARY_UNUSED_KEY}", api_secret: "${env:CANARY_UNUSED_SECRET}"}
                    upstream: sim:test
                simulators:
                  test: scenario.yaml
                commits:
                  range: HEAD
                run: {jobs: 2}
                """);
        return fx;
    }

    @Test
    void noSecretFromAnySourceLeaksInAnyEncodingThroughAnyCommand() throws Exception {
        PipelineFixture fx = target();
        String config = fx.configFile().toString();
        String cache = dir.resolve("cache").toString();

        Ran run = jar("run", "run", "--config", config, "--cache", cache, "--out", dir.resolve("out/run").toString(),
                "--env", "office", "--env", "laptop", "--env", "vault");
        Ran bisect = jar("bisect", "bisect", "--config", config, "--cache", cache, "--out", dir.resolve("out/bisect").toString(),
                "--good", fx.commits.get("client").name(), "--bad", fx.commits.get("merge").name(), "--env", "office", "--call", "balance");
        Ran check = jar("check", "check", "--config", config, "--cache", cache);
        Ran report = jar("report", "report", dir.resolve("out/run/result.json").toString(), "--out", dir.resolve("out/report").toString(),
                "--format", "html,md,junit,json");
        Files.writeString(fx.dir.resolve("leaky-field.yaml"), Files.readString(fx.configFile())
                .replace("upstream: sim:test\n  - name: laptop", "upstream: \"${env:CANARY_PLAIN}\"\n  - name: laptop"));
        Ran leakyField = jar("leaky-field", "check", "--config", fx.dir.resolve("leaky-field.yaml").toString(), "--cache", cache);
        Files.writeString(fx.dir.resolve("dotenv-scenario.yaml"), Files.readString(fx.configFile()).replace("test: scenario.yaml", "test: vault.env"));
        Ran dotenvScenario = jar("dotenv-scenario", "check", "--config", fx.dir.resolve("dotenv-scenario.yaml").toString(), "--cache", cache);
        Ran dotenvConfig = jar("dotenv-config", "run", "--config", fx.dir.resolve("vault.env").toString(), "--cache", cache);
        Ran demo = jar("demo", "demo", "--out", dir.resolve("out/demo").toString(), "--cache", cache);

        assertTrue(List.of(0, 3, 4).contains(run.code()), run.err());
        assertTrue(List.of(0, 4).contains(bisect.code()), bisect.err());
        assertEquals(0, check.code(), check.err());
        assertTrue(List.of(0, 3, 4).contains(report.code()), report.err());
        assertEquals(2, leakyField.code(), leakyField.err());
        assertTrue(leakyField.err().contains("environments[0].upstream: expected an http(s) URL or sim:<scenario>, got '***'"),
                leakyField.err());
        assertEquals(2, dotenvScenario.code(), dotenvScenario.err());
        assertTrue(dotenvScenario.err().contains("(top level): expected a scenario, a mapping with keys venue, description, clock,"
                + " nonce_window, ip_violation_code, keys, policies, rate_limit, faults, events, got plain text"), dotenvScenario.err());
        assertEquals(2, dotenvConfig.code(), dotenvConfig.err());
        assertEquals(0, demo.code(), demo.err());

        // the probes did leak: what they printed is in the logs, redacted (not silently dropped)
        String logs = readAll(dir.resolve("out/run/logs"));
        assertTrue(logs.contains("EX_SECRET ***"), "the probes' leaks are redacted, not dropped");
        assertTrue(logs.contains("RuntimeError: crashing with ***"), "the laptop probe crashed with its secret");
        boolean namespace = Containment.detected().kind() == Containment.Kind.PID_NAMESPACE;
        if (namespace) {
            assertTrue(logs.contains("proc environ canaries visible: 0"), "in a PID namespace no other process's environment is visible: "
                    + logs.substring(0, Math.min(4000, logs.length())));
        }

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("office key (${env:})", OFFICE_KEY);
        secrets.put("office secret (${env:})", OFFICE_SECRET);
        secrets.put("laptop key (${file:})", LAPTOP_KEY);
        secrets.put("laptop secret (${file:})", LAPTOP_SECRET);
        secrets.put("vault key (dotenv)", VAULT_KEY);
        secrets.put("vault secret (dotenv)", VAULT_SECRET);
        secrets.put("unselected environment's key", UNUSED_KEY);
        secrets.put("unselected environment's secret", UNUSED_SECRET);
        secrets.put("scenario literal secret", SCENARIO_LITERAL);
        secrets.put("scenario ${env:} secret", SCENARIO_ENV);
        secrets.put("${env:} in a plain field", PLAIN);
        if (namespace) { // outside a PID namespace a probe can read it from authbisect's environ: documented, warned about
            secrets.put("caller's environment", CALLER);
        }
        Map<String, String> demoSecrets = new LinkedHashMap<>();
        DemoFiles.CREDENTIAL_ENV.forEach((name, value) -> demoSecrets.put("demo " + name, value));

        List<Path> written = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("out"))) {
            files.filter(Files::isRegularFile).forEach(written::add);
        }
        try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
            files.filter(Files::isRegularFile).forEach(written::add);
        }
        assertTrue(written.size() > 40, written.toString());
        List<String> leaks = new ArrayList<>();
        for (Path f : written) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            scan(f.toString(), text, secrets, leaks);
            boolean demoInput = f.startsWith(dir.resolve("out/demo/harness-config")); // the demo scenario holds its keys by design
            if (!demoInput) {
                scan(f.toString(), text, demoSecrets, leaks);
            }
        }
        for (Ran r : printed) {
            scan(r.name() + " stdout", r.out(), secrets, leaks);
            scan(r.name() + " stderr", r.err(), secrets, leaks);
            scan(r.name() + " stdout", r.out(), demoSecrets, leaks);
            scan(r.name() + " stderr", r.err(), demoSecrets, leaks);
        }
        assertEquals(List.of(), leaks);
    }

    private static void scan(String where, String text, Map<String, String> secrets, List<String> leaks) {
        for (Map.Entry<String, String> s : secrets.entrySet()) {
            for (Map.Entry<String, String> form : SecretForms.of(s.getValue()).entrySet()) {
                if (text.contains(form.getValue())) {
                    leaks.add(s.getKey() + " as " + form.getKey() + " in " + where);
                }
            }
            for (String core : SecretForms.base64Cores(s.getValue())) {
                if (text.contains(core)) {
                    leaks.add(s.getKey() + " inside base64 in " + where);
                }
            }
        }
    }

    private static String readAll(Path folder) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                sb.append(Files.readString(f)).append('\n');
            }
        }
        return sb.toString();
    }
}
