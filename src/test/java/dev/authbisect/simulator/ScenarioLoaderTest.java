package dev.authbisect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.ExitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {
    static final String DESIGN_EXAMPLE = """
            venue: crypto-com-exchange-v1
            clock: {fixed: "2025-12-19T08:00:00Z"}   # or {skew: 30s}; default: the real clock
            nonce_window: 60s
            ip_violation_code: 40103                 # 40101 reproduces what the seed's team saw
            keys:
              - label: AWS KEY 3.1
                api_key: raHZAk1MDkAWviDpcBxAWU
                secret: "${env:SIM_AWS_SECRET}"      # literal allowed in scenarios
                permissions: [read]                  # read, trade
                ip_allowlist: [47.130.143.159]       # absent: any IP
                created: "2025-12-19T07:56:29Z"
                revoked: null
              - label: old local key
                api_key: z3HWF8m292LocalKey01
                secret: local-env-secret-z3hw
            policies:
              private/get-order-history: {enforce_ip_allowlist: false}
            rate_limit: {per_second: 50}
            faults:
              - {method: private/get-open-orders, kind: http_503, rate: 0.05, seed: 42}   # latency, http_5xx, reset, timeout
            events:
              - {at: "2025-12-19T07:56:29Z", revoke: z3HWF8m292LocalKey01}
            """;

    private static Scenario parse(String yaml) {
        return ScenarioLoader.parse(yaml, "sim/x.yaml", Map.of("SIM_AWS_SECRET", "from-the-env")::get);
    }

    private static String error(String yaml) {
        ExitException e = assertThrows(ExitException.class, () -> parse(yaml));
        assertEquals(2, e.code());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void theDesignExampleLoadsWithEveryKey() {
        Scenario s = parse(DESIGN_EXAMPLE);
        assertEquals(Instant.parse("2025-12-19T08:00:00Z").toEpochMilli(), s.fixedClockMillis().getAsLong());
        assertEquals(Duration.ofSeconds(60), s.nonceWindow());
        assertEquals(40103, s.ipViolationCode());
        SimKey aws = s.keys().get(0);
        assertEquals("AWS KEY 3.1", aws.label());
        assertEquals("from-the-env", aws.secret().reveal());
        assertEquals(Set.of(Permission.READ), aws.permissions());
        assertEquals("47.130.143.159", aws.ipAllowlist().get(0));
        assertEquals(Instant.parse("2025-12-19T07:56:29Z"), aws.created().get());
        assertTrue(aws.revoked().isEmpty());
        assertFalse(s.policy("private/get-order-history").enforceIpAllowlist());
        assertTrue(s.policy("private/user-balance").enforceIpAllowlist());
        assertEquals(50, s.rateLimit().get().perSecond());
        Fault f = s.faults().get(0);
        assertEquals(Fault.Kind.HTTP_ERROR, f.kind());
        assertEquals(503, f.httpStatus());
        assertEquals(42, f.seed());
        assertEquals(0.05, f.rate());
        assertEquals(new TimedEvent.Revoke(Instant.parse("2025-12-19T07:56:29Z"), "z3HWF8m292LocalKey01"), s.events().get(0));
    }

    @Test
    void secretsNeverAppearInToString() {
        String text = parse(DESIGN_EXAMPLE).toString();
        assertFalse(text.contains("from-the-env"), text);
        assertFalse(text.contains("local-env-secret-z3hw"), text);
    }

    @Test
    void theShippedSeedScenarioLoads() {
        Scenario s = Scenario.load(Path.of("harness-config/sim/seed-rca.yaml"));
        assertEquals(40101, s.ipViolationCode());
        assertEquals(2, s.keys().size());
        assertEquals("raHZAk1MDkAWviDpcBxAWU", s.keys().get(0).apiKey());
    }

    @Test
    void anEmptyScenarioRunsOnTheRealClockWithDefaults() {
        Scenario s = parse("keys: []\n");
        assertTrue(s.clock() instanceof ScenarioClock.Real);
        assertTrue(s.fixedClockMillis().isEmpty());
        assertEquals(40103, s.ipViolationCode());
        assertTrue(Math.abs(s.nowMillis() - System.currentTimeMillis()) < 5_000);
    }

    @Test
    void badYamlNamesTheLineAndColumn() {
        String m = error("keys:\n  - label: [unclosed\n");
        assertEquals("scenario sim/x.yaml:3:1: invalid YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence)", m);
    }

    @Test
    void anUnknownKeyIsNamedWithItsPositionAndTheAllowedKeys() {
        String m = error("clock: {fixed: \"2025-12-19T08:00:00Z\"}\nnonce_windw: 60s\n");
        assertEquals("scenario sim/x.yaml:2:1: nonce_windw: unknown key 'nonce_windw'; expected one of venue, description, "
                + "clock, nonce_window, ip_violation_code, keys, policies, rate_limit, faults, events", m);
    }

    @Test
    void anUnknownKeyInsideAKeyEntryIsNamedByItsPath() {
        String m = error("keys:\n  - label: a\n    api_key: K1\n    secret: s\n    permisions: [read]\n");
        assertTrue(m.startsWith("scenario sim/x.yaml:5:5: keys[0].permisions: unknown key 'permisions'; expected one of label,"), m);
    }

    @Test
    void aWrongTypeNamesTheExpectedForm() {
        String m = error("keys:\n  - label: a\n    api_key: K1\n    secret: s\n    permissions: [read, reed]\n");
        assertEquals("scenario sim/x.yaml:5:25: keys[0].permissions[1]: got 'reed'; expected read or trade", m);
        assertEquals("scenario sim/x.yaml:1:7: keys: got 'K1'; expected a list of keys ({label, api_key, secret, permissions, ip_allowlist, created, revoked})",
                error("keys: K1\n"));
    }

    @Test
    void aBadDurationNamesTheExpectedForm() {
        assertEquals("scenario sim/x.yaml:1:15: nonce_window: got '60 seconds'; expected a duration like 250ms, 60s, 2m or 1h",
                error("nonce_window: 60 seconds\n"));
    }

    @Test
    void aBadTimeNamesTheExpectedForm() {
        assertEquals("scenario sim/x.yaml:1:16: clock.fixed: got '19.12.2025 08:00'; expected an ISO-8601 time like \"2025-12-19T08:00:00Z\"",
                error("clock: {fixed: \"19.12.2025 08:00\"}\n"));
    }

    @Test
    void semanticMistakesAreReportedAtTheirPosition() {
        assertTrue(error("ip_violation_code: 40102\n").startsWith("scenario sim/x.yaml:1:20: ip_violation_code: got '40102'; expected 40103"));
        assertTrue(error("policies:\n  private/get-order-histroy: {enforce_ip_allowlist: false}\n")
                .startsWith("scenario sim/x.yaml:2:3: policies.private/get-order-histroy: unknown method 'private/get-order-histroy'"));
        assertTrue(error("keys: [{label: a, api_key: K1, secret: s}]\nevents: [{at: \"2025-12-19T07:00:00Z\", revoke: K2}]\n")
                .contains("events[0].revoke: no key with api_key 'K2' is declared under keys"));
        assertTrue(error("faults: [{kind: explode}]\n").contains("faults[0].kind: unknown fault kind 'explode'; expected latency"));
        assertTrue(error("faults: [{kind: latency}]\n").contains("a latency fault needs 'delay'"));
        assertTrue(error("faults: [{kind: reset, rate: 2}]\n").contains("faults[0].rate: got '2'; expected a probability between 0 and 1"));
        assertTrue(error("rate_limit: {per_second: 0}\n").contains("rate_limit.per_second: got '0'; expected a positive whole number"));
        assertTrue(error("keys: [{api_key: K1, secret: s, ip_allowlist: [my-laptop]}]\n").contains("keys[0].ip_allowlist[0]: got 'my-laptop'; expected an IP address"));
        assertTrue(error("venue: binance-spot\n").contains("venue: unsupported venue 'binance-spot'"));
        assertTrue(error("keys: [{api_key: K1, secret: s}, {api_key: K1, secret: t}]\n").contains("keys[1].api_key: the same api_key is declared twice"));
    }

    @Test
    void aMissingEnvironmentVariableNamesItWithoutGuessingTheSecret() {
        String m = error("keys:\n  - api_key: K1\n    secret: \"${env:NOT_SET_ANYWHERE}\"\n");
        assertEquals("scenario sim/x.yaml:3:13: keys[0].secret: environment variable NOT_SET_ANYWHERE is not set; "
                + "expected it to hold the key's secret", m);
    }

    @Test
    void aDuplicateYamlKeyIsAnError() {
        assertTrue(error("nonce_window: 60s\nnonce_window: 30s\n").contains("duplicate key"), error("nonce_window: 60s\nnonce_window: 30s\n"));
    }

    @Test
    void aMissingFileIsOneLine(@TempDir Path dir) {
        ExitException e = assertThrows(ExitException.class, () -> Scenario.load(dir.resolve("nope.yaml")));
        assertEquals(2, e.code());
        assertTrue(e.getMessage().endsWith("nope.yaml: file not found; expected a scenario YAML file"), e.getMessage());
    }

    @Test
    void aFileIsNamedAsGiven(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("bad.yaml"), "keys:\n  - api_key: K1\n    secret: 42\n");
        ExitException e = assertThrows(ExitException.class, () -> Scenario.load(f));
        assertEquals("scenario " + f + ":3:13: keys[0].secret: got a number; expected a string (a literal or \"${env:NAME}\")", e.getMessage());
    }

    @Test
    void rotationsTakeANewSecretAndOptionallyANewKeyId() {
        Scenario s = parse("keys: [{api_key: K1, secret: s1}]\nevents:\n  - {at: \"2025-12-19T07:00:00Z\", rotate: K1, new_secret: s2, new_api_key: K9}\n");
        TimedEvent.Rotate r = (TimedEvent.Rotate) s.events().get(0);
        assertEquals("s2", r.newSecret().reveal());
        assertEquals("K9", r.newApiKey().get());
        assertTrue(error("keys: [{api_key: K1, secret: s1}]\nevents: [{at: \"2025-12-19T07:00:00Z\", rotate: K1}]\n")
                .contains("a rotation needs 'new_secret'"));
    }

    @Test
    void anEmptyFileIsAnErrorAtItsFirstLine() {
        assertEquals("scenario sim/x.yaml:1:1: the file is empty; expected a mapping with at least 'keys'", error("# nothing here\n"));
    }

    @Test
    void onlyTheFirstYamlDocumentIsRead() {
        assertEquals(1, parse("keys: [{api_key: K1, secret: s1}]\n---\nbad: [\n").keys().size());
    }

    @Test
    void aKeyWithSlashesIsLocatedAtItself() {
        assertEquals("scenario sim/x.yaml:3:31: policies.private/get-order-history.enforce: unknown key 'enforce';"
                + " expected one of enforce_ip_allowlist",
                error("keys: []\npolicies:\n  private/get-order-history: {enforce: false}\n"));
    }
}
