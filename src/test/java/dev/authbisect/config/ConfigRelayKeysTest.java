package dev.authbisect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An environment's {@code rate_limit} and {@code capture} keys. */
class ConfigRelayKeysTest {
    @TempDir
    Path dir;

    private static String config(String envExtra) {
        return """
                version: 1
                target:
                  repo: ./repo
                  module: {paths: [broker/]}
                  probe: {command: [python3, p.py]}
                venue: crypto-com-exchange-v1
                calls:
                  - {name: open_orders, method: private/get-open-orders}
                environments:
                  - name: prod
                    credentials: {api_key: "${env:K}", api_secret: "${env:S}"}
                    upstream: https://api.crypto.com/exchange/v1
                %s
                """.formatted(envExtra.lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n"));
    }

    private EnvironmentSpec env(String extra) throws IOException {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, config(extra));
        return ConfigLoader.withEnvironment(Map.of("K", "k", "S", "s")).load(file).environments().get(0);
    }

    private ExitException error(String extra) {
        return assertThrows(ExitException.class, () -> env(extra));
    }

    @Test
    void withoutTheKeysThereIsNoRateLimitAndTheVenuesHostsAreCaptured() throws IOException {
        EnvironmentSpec e = env("");
        assertEquals(0, e.ratePerSecond());
        assertEquals(CaptureSpec.defaults(), e.capture());
        assertTrue(e.capture().enabled());
    }

    @Test
    void rateLimitTakesWholeAndFractionalRequestsPerSecond() throws IOException {
        assertEquals(5, env("rate_limit: {per_second: 5}").ratePerSecond());
        assertEquals(0.5, env("rate_limit: {per_second: 0.5}").ratePerSecond());
    }

    @Test
    void aBadRateLimitIsAConfigErrorWithItsPosition() {
        for (String bad : List.of("rate_limit: {per_second: 0}", "rate_limit: {per_second: -3}", "rate_limit: {per_second: fast}",
                "rate_limit: {per_second: 100000}")) {
            ExitException e = error(bad);
            assertEquals(ExitCodes.USAGE, e.code());
            assertTrue(e.getMessage().matches("config .*c\\.yaml:13:\\d+: environments\\[0]\\.rate_limit\\.per_second: expected a number "
                    + "of requests per second above 0 .*"), e.getMessage());
        }
        assertTrue(error("rate_limit: {per_minute: 5}").getMessage().contains("unknown key 'per_minute'"));
    }

    @Test
    void captureFalseTurnsCaptureOffAndAListAddsHosts() throws IOException {
        assertFalse(env("capture: false").capture().enabled());
        CaptureSpec listed = env("capture: [Api.Exchange.Example, uat.example.net.]").capture();
        assertTrue(listed.enabled());
        assertEquals(List.of("api.exchange.example", "uat.example.net"), listed.hosts());
    }

    @Test
    void aCaptureEntryThatIsNotAHostNameIsAConfigErrorAtItsLineAndColumn() {
        for (String bad : List.of("https://api.crypto.com", "api.crypto.com:443", "*.crypto.com", "api.crypto.com/exchange",
                "203.0.113.7", "-bad-.example", "")) {
            ExitException e = error("capture: [ok.example, \"" + bad + "\"]");
            assertEquals(ExitCodes.USAGE, e.code());
            assertTrue(e.getMessage().matches("config .*c\\.yaml:13:\\d+: environments\\[0]\\.capture\\[1]: expected a host name "
                    + "such as api\\.crypto\\.com .*"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        assertTrue(error("capture: api.crypto.com").getMessage().contains("environments[0].capture: expected false, true, or a list"));
    }
}
