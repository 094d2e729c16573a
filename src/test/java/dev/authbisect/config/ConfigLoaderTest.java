package dev.authbisect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.Credentials;
import dev.authbisect.core.ExitException;
import dev.authbisect.run.ScenarioCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    static final String VALID = """
            version: 1
            target:
              repo: ./repo
              module:
                paths: [backend/app/]
                exclude: ["**/tests/**"]
              build:
                command: [python3, -m, compileall, -q, backend]
                timeout: 2m
              probe:
                command: [python3, "${configDir}/probes/p.py"]
                timeout: 30s
                env:
                  EXCHANGE_CUSTOM_BASE_URL: "{{relay.url}}"
                  EXCHANGE_CUSTOM_API_KEY: "{{credentials.api_key}}"
            venue: crypto-com-exchange-v1
            calls:
              - name: get_open_orders
                method: private/get-open-orders
              - name: get_order_history
                method: private/get-order-history
                params: {limit: 20, start_time: 1764000000000.0}
            environments:
              - name: local
                credentials: {api_key: "${env:LOCAL_KEY}", api_secret: "${env:LOCAL_SECRET}"}
                upstream: sim:seed
                egress_ip: 203.0.113.7
              - name: prod
                credentials: {dotenv: prod.env, api_key: K, api_secret: S}
                upstream: https://api.crypto.com/exchange/v1/
                proxy: http://proxy.internal:3128
                timeouts: {connect: 2s, read: 10s}
            simulators:
              seed: sim/seed.yaml
            commits:
              range: v1..HEAD
              first_parent: true
            run: {jobs: 2, repeat: 3}
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private HarnessConfig load(String text) throws IOException {
        write("sim/seed.yaml", "venue: crypto-com-exchange-v1\n");
        return ConfigLoader.withEnvironment(Map.of("LOCAL_KEY", "k1", "LOCAL_SECRET", "s1")).load(write("c.yaml", text));
    }

    private String error(String text) {
        return assertThrows(ExitException.class, () -> load(text)).getMessage();
    }

    @Test
    void aValidConfigLoadsWithSubstitutionsAndDefaults() throws IOException {
        HarnessConfig c = load(VALID);
        assertEquals(dir.resolve("repo").toString(), c.target().repo());
        assertEquals(dir + "/probes/p.py", c.target().probe().command().get(1));
        assertEquals(Duration.ofMinutes(2), c.target().build().orElseThrow().timeout());
        assertEquals("{{relay.url}}", c.target().probe().env().get("EXCHANGE_CUSTOM_BASE_URL"));
        assertEquals("1764000000000.0", c.calls().get(1).params().get("start_time").decimalValue().toPlainString());
        assertEquals(new Upstream.Sim("seed"), c.environments().get(0).upstream());
        assertEquals("https://api.crypto.com/exchange/v1", c.environments().get(1).upstream().describe());
        assertEquals(Duration.ofSeconds(2), c.environments().get(1).connectTimeout());
        assertTrue(c.commits().firstParent());
        assertEquals(3, c.run().repeat());
        assertEquals(64, c.digest().length());
    }

    @Test
    void durationsTakeIsoAndBareSecondsLikeScenarios() throws IOException {
        HarnessConfig iso = load(VALID.replace("timeout: 30s", "timeout: PT30S").replace("timeout: 2m", "timeout: PT2M"));
        assertEquals(Duration.ofSeconds(30), iso.target().probe().timeout());
        assertEquals(Duration.ofMinutes(2), iso.target().build().orElseThrow().timeout());
        HarnessConfig bare = load(VALID.replace("timeout: 30s", "timeout: 30").replace("{connect: 2s, read: 10s}", "{connect: 2, read: \"10\"}"));
        assertEquals(Duration.ofSeconds(30), bare.target().probe().timeout(), "a bare number is seconds");
        assertEquals(Duration.ofSeconds(2), bare.environments().get(1).connectTimeout());
        assertEquals(Duration.ofSeconds(10), bare.environments().get(1).readTimeout());
        assertEquals(Duration.ofMillis(500), load(VALID.replace("timeout: 30s", "timeout: 500ms")).target().probe().timeout());
        assertEquals(Duration.ofHours(1), load(VALID.replace("timeout: 30s", "timeout: 1h")).target().probe().timeout());
        assertTrue(error(VALID.replace("timeout: 30s", "timeout: PT25H")).contains("target.probe.timeout: expected a duration of at most 24h"));
        assertTrue(error(VALID.replace("timeout: 30s", "timeout: 30 seconds")).endsWith(
                "target.probe.timeout: expected a duration like 500ms, 30s, 5m, 1h or PT30S (a bare number is seconds), got '30 seconds'"));
    }

    @Test
    void supportPathsAreReadBesideTheModulePathsAndCheckedLikeThem() throws IOException {
        HarnessConfig c = load(VALID.replace("    exclude: [\"**/tests/**\"]", "    exclude: [\"**/tests/**\"]\n    support: [./requirements.txt, common/]"));
        assertEquals(List.of("requirements.txt", "common/"), c.target().module().support());
        assertEquals(List.of("backend/app/", "requirements.txt", "common/"), c.target().module().materialized());
        assertEquals(List.of(), load(VALID).target().module().support());
        String msg = error(VALID.replace("    exclude: [\"**/tests/**\"]", "    exclude: [\"**/tests/**\"]\n    support: [../secrets/]"));
        assertTrue(msg.contains(":7:15: target.module.support[0]: expected a path relative to the repository root"), msg);
    }

    @Test
    void malformedYamlNamesFileLineAndColumn() {
        String msg = error("version: 1\ntarget:\n  repo: [unclosed\n");
        assertTrue(msg.matches("config .*c\\.yaml:\\d+:\\d+: malformed YAML: .*"), msg);
        assertFalse(msg.contains("\n"), msg);
    }

    @Test
    void unknownKeyNamesItsPositionAndTheExpectedKeys() {
        String msg = error(VALID.replace("    egress_ip: 203.0.113.7", "    egress_ip: 203.0.113.7\n    egres_ip: 1.2.3.4"));
        assertTrue(msg.contains("c.yaml:28:5: environments[0].egres_ip: unknown key 'egres_ip' (expected one of:"), msg);
    }

    @Test
    void badUpstreamSaysWhatIsExpected() {
        String msg = error(VALID.replace("https://api.crypto.com/exchange/v1/", "htps://api.crypto.com"));
        assertTrue(msg.contains(":30:15: environments[1].upstream: expected an http(s) URL or sim:<scenario>, got 'htps://api.crypto.com'"), msg);
    }

    @Test
    void literalCredentialsAreRefused() {
        String msg = error(VALID.replace("\"${env:LOCAL_KEY}\"", "raHZAk1MDkAWviDpcBxAWU"));
        assertTrue(msg.contains("environments[0].credentials.api_key: expected a reference"), msg);
    }

    @Test
    void unknownTemplateVariableFailsAtLoad() {
        String msg = error(VALID.replace("{{relay.url}}", "{{relay.uri}}"));
        assertTrue(msg.contains("target.probe.env.EXCHANGE_CUSTOM_BASE_URL: unknown template variable '{{relay.uri}}'"), msg);
    }

    @Test
    void unknownSimulatorAndEgressOnLiveAreErrors() {
        assertTrue(error(VALID.replace("upstream: sim:seed", "upstream: sim:nope")).contains("unknown simulator 'nope'"));
        assertTrue(error(VALID.replace("    proxy: http://proxy", "    egress_ip: 1.2.3.4\n    proxy: http://proxy"))
                .contains("egress_ip applies to simulator upstreams only"));
    }

    @Test
    void probeEnvCannotSetWhatTheHarnessOwnsAndDurationsAreBounded() {
        assertTrue(error(VALID.replace("      EXCHANGE_CUSTOM_BASE_URL:", "      HOME: /tmp\n      EXCHANGE_CUSTOM_BASE_URL:"))
                .contains("target.probe.env.HOME: set by authbisect itself"));
        assertTrue(error(VALID.replace("timeout: 30s", "timeout: 9999999h")).contains("target.probe.timeout: expected a duration of at most 24h"));
        assertTrue(error(VALID.replace("timeout: 30s", "timeout: 99999999999999999999s")).contains("at most 24h"));
        assertTrue(error(VALID.replace("http://proxy.internal:3128", "http://proxy.internal:99999")).contains("environments[1].proxy: expected an http proxy URL"));
    }

    @Test
    void wrongVersionAndBadDurationAreErrors() {
        assertTrue(error(VALID.replace("version: 1", "version: 2")).contains("version: expected 1"));
        assertTrue(error(VALID.replace("timeout: 30s", "timeout: soon")).contains("target.probe.timeout: expected a duration"));
    }

    @Test
    void credentialsResolveFromEnvironmentAndDotenvOnlyWhenAsked() throws IOException {
        HarnessConfig c = load(VALID);
        write("prod.env", "# prod\nexport K=raHZAk1MDkAWviDpcBxAWU\nS=\"s3cr3t value\"\n");
        CredentialResolver r = new CredentialResolver(Map.of("LOCAL_KEY", " k1 ", "LOCAL_SECRET", "s1"), ScenarioCredentials::read);
        Credentials local = r.resolve(c, c.environments().get(0));
        assertEquals("k1", local.apiKey().reveal());
        Credentials prod = r.resolve(c, c.environments().get(1));
        assertEquals("s3cr3t value", prod.apiSecret().reveal());
        assertFalse(prod.toString().contains("s3cr3t"));
    }

    @Test
    void missingCredentialVariableIsOneLineNamingTheVariable() throws IOException {
        HarnessConfig c = load(VALID);
        ExitException e = assertThrows(ExitException.class,
                () -> new CredentialResolver(Map.of("LOCAL_KEY", "k1"), ScenarioCredentials::read).resolve(c, c.environments().get(0)));
        assertEquals(2, e.code());
        assertTrue(e.getMessage().contains("environments[0].credentials.api_secret: environment variable LOCAL_SECRET is not set"), e.getMessage());
        assertInstanceOf(CredentialSource.References.class, c.environments().get(0).credentials());
    }

    @Test
    void scenarioKeyTakesTheKeyOfTheSimulatorScenarioByLabel() throws IOException {
        write("sim/seed.yaml", "venue: crypto-com-exchange-v1\nkeys:\n  - {label: test key, api_key: SimKey0123, secret: sim-secret-1}\n");
        HarnessConfig c = ConfigLoader.withEnvironment(Map.of()).load(write("c.yaml", VALID
                .replace("credentials: {api_key: \"${env:LOCAL_KEY}\", api_secret: \"${env:LOCAL_SECRET}\"}",
                        "credentials: {scenario_key: \"test key\"}")));
        assertInstanceOf(CredentialSource.ScenarioKey.class, c.environments().get(0).credentials());
        Credentials creds = new CredentialResolver(Map.of(), ScenarioCredentials::read).resolve(c, c.environments().get(0));
        assertEquals("SimKey0123", creds.apiKey().reveal());
        assertEquals("sim-secret-1", creds.apiSecret().reveal());
    }

    @Test
    void scenarioKeyWithALiveUpstreamIsAConfigErrorAtItsLine() throws IOException {
        String msg = error(VALID.replace("credentials: {dotenv: prod.env, api_key: K, api_secret: S}",
                "credentials: {scenario_key: \"test key\"}"));
        assertTrue(msg.startsWith("config c.yaml:") || msg.contains("c.yaml:"), msg);
        assertTrue(msg.matches(".*c\\.yaml:\\d+:\\d+: .*"), msg);
        assertTrue(msg.contains("scenario_key applies to simulator upstreams only"), msg);
    }

    @Test
    void scenarioKeyWithOtherCredentialFieldsOrAnUnknownLabelIsAnError() throws IOException {
        String mixed = error(VALID.replace("credentials: {api_key: \"${env:LOCAL_KEY}\", api_secret: \"${env:LOCAL_SECRET}\"}",
                "credentials: {scenario_key: \"test key\", api_key: \"${env:LOCAL_KEY}\"}"));
        assertTrue(mixed.contains("remove api_key"), mixed);
        write("sim/seed.yaml", "venue: crypto-com-exchange-v1\nkeys:\n  - {label: test key, api_key: SimKey0123, secret: s}\n");
        HarnessConfig c = ConfigLoader.withEnvironment(Map.of()).load(write("c.yaml", VALID
                .replace("credentials: {api_key: \"${env:LOCAL_KEY}\", api_secret: \"${env:LOCAL_SECRET}\"}",
                        "credentials: {scenario_key: \"tset key\"}")));
        String unknown = assertThrows(ExitException.class,
                () -> new CredentialResolver(Map.of(), ScenarioCredentials::read).resolve(c, c.environments().get(0))).getMessage();
        assertTrue(unknown.contains("environments[0].credentials.scenario_key: no key labelled 'tset key'"), unknown);
        assertTrue(unknown.contains("(labels: 'test key') (did you mean 'test key'?)"), unknown);
    }
}
