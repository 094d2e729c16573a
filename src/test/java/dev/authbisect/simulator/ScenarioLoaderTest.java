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
    void durationsTakeTheConfigsSyntaxIsoAndBareSecondsToo() {
        assertEquals(Duration.ofSeconds(30), parse("nonce_window: PT30S\n").nonceWindow());
        assertEquals(Duration.ofSeconds(60), parse("nonce_window: 60\n").nonceWindow(), "a bare number is seconds");
        assertEquals(Duration.ofSeconds(60), parse("nonce_window: \"60\"\n").nonceWindow());
        assertEquals(Duration.ofMillis(500), parse("nonce_window: 500ms\n").nonceWindow());
        assertEquals(Duration.ofMinutes(5), parse("nonce_window: 5m\n").nonceWindow());
        assertEquals(Duration.ofHours(1), parse("nonce_window: 1h\n").nonceWindow());
        assertEquals(new ScenarioClock.Skewed(Duration.ofSeconds(-30)), parse("clock: {skew: -PT30S}\n").clock());
        assertEquals(new ScenarioClock.Skewed(Duration.ofSeconds(-30)), parse("clock: {skew: -30}\n").clock());
        assertEquals(Duration.ofMinutes(1), parse("faults: [{kind: timeout, hold: PT1M}]\n").faults().get(0).delay());
        assertEquals(Duration.ofMillis(250), parse("faults: [{kind: latency, delay: 250ms}]\n").faults().get(0).delay());
        assertTrue(error("nonce_window: 0\n").endsWith("nonce_window: expected a positive duration, got 0"));
        assertTrue(error("nonce_window: 25h\n").endsWith("nonce_window: expected a duration of at most 24h, got '25h'"));
        assertTrue(error("faults: [{kind: latency, delay: -1s}]\n").endsWith("expected a duration that is not negative, got '-1s'"));
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
        assertEquals("scenario sim/x.yaml:2:21: malformed YAML: while parsing a flow sequence: expected ',' or ']', but got <stream end>", m);
    }

    @Test
    void anUnknownKeyIsNamedWithItsPositionAndTheAllowedKeys() {
        String m = error("clock: {fixed: \"2025-12-19T08:00:00Z\"}\nnonce_windw: 60s\n");
        assertEquals("scenario sim/x.yaml:2:1: nonce_windw: unknown key 'nonce_windw' (expected one of: clock, description, "
                + "events, faults, ip_violation_code, keys, nonce_window, policies, rate_limit, venue)", m);
    }

    @Test
    void anUnknownKeyInsideAKeyEntryIsNamedByItsPath() {
        String m = error("keys:\n  - label: a\n    api_key: K1\n    secret: s\n    permisions: [read]\n");
        assertTrue(m.startsWith("scenario sim/x.yaml:5:5: keys[0].permisions: unknown key 'permisions' (expected one of: api_key, created,"), m);
    }

    @Test
    void aWrongTypeNamesTheExpectedForm() {
        String m = error("keys:\n  - label: a\n    api_key: K1\n    secret: s\n    permissions: [read, reed]\n");
        assertEquals("scenario sim/x.yaml:5:25: keys[0].permissions[1]: expected read or trade, got 'reed'", m);
        assertEquals("scenario sim/x.yaml:1:7: keys: expected a list of keys ({label, api_key, secret, permissions, ip_allowlist, created, revoked}), got 'K1'",
                error("keys: K1\n"));
    }

    @Test
    void aBadDurationNamesTheExpectedForm() {
        assertEquals("scenario sim/x.yaml:1:15: nonce_window: expected a duration like 500ms, 30s, 5m, 1h or PT30S (a bare number is seconds), got '60 seconds'",
                error("nonce_window: 60 seconds\n"));
    }

    @Test
    void aBadTimeNamesTheExpectedForm() {
        assertEquals("scenario sim/x.yaml:1:16: clock.fixed: expected an ISO-8601 time like \"2025-12-19T08:00:00Z\", got '19.12.2025 08:00'",
                error("clock: {fixed: \"19.12.2025 08:00\"}\n"));
    }

    @Test
    void semanticMistakesAreReportedAtTheirPosition() {
        assertTrue(error("ip_violation_code: 40102\n").startsWith("scenario sim/x.yaml:1:20: ip_violation_code: expected 40103 (IP_ILLEGAL) or 40101 (UNAUTHORIZED), got 40102"));
        assertTrue(error("policies:\n  private/get-order-histroy: {enforce_ip_allowlist: false}\n")
                .startsWith("scenario sim/x.yaml:2:3: policies.private/get-order-histroy: unknown key 'private/get-order-histroy' (expected one of: private/cancel-order,"));
        assertTrue(error("keys: [{label: a, api_key: K1, secret: s}]\nevents: [{at: \"2025-12-19T07:00:00Z\", revoke: K2}]\n")
                .contains("events[0].revoke: expected the api_key of a key declared under keys, got 'K2', which is not one"));
        assertTrue(error("faults: [{kind: explode}]\n").contains("faults[0].kind: expected latency, http_5xx (or http_500…http_599), reset or timeout, got 'explode'"));
        assertTrue(error("faults: [{kind: latency}]\n").contains("faults[0].delay: missing (expected the added delay of a latency fault"));
        assertTrue(error("faults: [{kind: reset, rate: 2}]\n").contains("faults[0].rate: expected a probability between 0 and 1, got 2"));
        assertTrue(error("rate_limit: {per_second: 0}\n").contains("rate_limit.per_second: expected a positive whole number, got 0"));
        assertTrue(error("keys: [{api_key: K1, secret: s, ip_allowlist: [my-laptop]}]\n").contains("keys[0].ip_allowlist[0]: expected an IP address like 47.130.143.159 or a CIDR block like 47.130.143.0/24, got 'my-laptop'"));
        assertTrue(error("venue: binance-spot\n").contains("venue: expected one of crypto-com-exchange-v1, got 'binance-spot'"));
        assertTrue(error("keys: [{api_key: K1, secret: s}, {api_key: K1, secret: t}]\n").contains("keys[1].api_key: expected each api_key declared once, got the same api_key as an earlier key"));
    }

    @Test
    void aMissingEnvironmentVariableNamesItWithoutGuessingTheSecret() {
        String m = error("keys:\n  - api_key: K1\n    secret: \"${env:NOT_SET_ANYWHERE}\"\n");
        assertEquals("scenario sim/x.yaml:3:13: keys[0].secret: expected the key's secret in environment variable "
                + "NOT_SET_ANYWHERE, got it unset", m);
    }

    @Test
    void aDuplicateYamlKeyIsAnError() {
        assertTrue(error("nonce_window: 60s\nnonce_window: 30s\n").contains("duplicate key"), error("nonce_window: 60s\nnonce_window: 30s\n"));
    }

    @Test
    void aMissingFileIsOneLine(@TempDir Path dir) {
        ExitException e = assertThrows(ExitException.class, () -> Scenario.load(dir.resolve("nope.yaml")));
        assertEquals(2, e.code());
        assertTrue(e.getMessage().endsWith("nope.yaml: file not found (expected a scenario YAML file)"), e.getMessage());
    }

    @Test
    void aFileIsNamedAsGiven(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("bad.yaml"), "keys:\n  - api_key: K1\n    secret: 42\n");
        ExitException e = assertThrows(ExitException.class, () -> Scenario.load(f));
        assertEquals("scenario " + f + ":3:13: keys[0].secret: expected a string (the key's secret, a literal or \"${env:NAME}\"), got a number", e.getMessage());
    }

    @Test
    void rotationsTakeANewSecretAndOptionallyANewKeyId() {
        Scenario s = parse("keys: [{api_key: K1, secret: s1}]\nevents:\n  - {at: \"2025-12-19T07:00:00Z\", rotate: K1, new_secret: s2, new_api_key: K9}\n");
        TimedEvent.Rotate r = (TimedEvent.Rotate) s.events().get(0);
        assertEquals("s2", r.newSecret().reveal());
        assertEquals("K9", r.newApiKey().get());
        assertTrue(error("keys: [{api_key: K1, secret: s1}]\nevents: [{at: \"2025-12-19T07:00:00Z\", rotate: K1}]\n")
                .contains("events[0].new_secret: missing (expected the key's secret"));
    }

    @Test
    void anEmptyFileIsAnErrorAtItsFirstLine() {
        assertEquals("scenario sim/x.yaml:1:1: (top level): expected a scenario, a mapping with at least 'keys', got an empty file", error("# nothing here\n"));
    }

    @Test
    void onlyTheFirstYamlDocumentIsRead() {
        assertEquals(1, parse("keys: [{api_key: K1, secret: s1}]\n---\nbad: [\n").keys().size());
    }

    @Test
    void aKeyWithSlashesIsLocatedAtItself() {
        assertEquals("scenario sim/x.yaml:3:31: policies.private/get-order-history.enforce: unknown key 'enforce'"
                + " (expected one of: enforce_ip_allowlist)",
                error("keys: []\npolicies:\n  private/get-order-history: {enforce: false}\n"));
    }
}
