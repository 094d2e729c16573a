package dev.authbisect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.ExitException;
import dev.authbisect.run.ScenarioCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leaky configs: errors never show what {@code ${env:}}/{@code ${file:}} put into a field, files
 * are read within limits ({@code ${file:/dev/zero}} included), duplicate keys are errors with
 * file:line:col, and a file that is not a config is described, never quoted.
 */
class ConfigLoaderHostileTest {
    static final String TOKEN = "tok3n-7f3a9c-do-not-print";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private ExitException error(String config, Map<String, String> env) throws IOException {
        write("sim/seed.yaml", "venue: crypto-com-exchange-v1\n");
        Path file = write("c.yaml", config);
        return assertThrows(ExitException.class, () -> ConfigLoader.withEnvironment(env).load(file));
    }

    private static void assertOneLine(ExitException e) {
        assertEquals(2, e.code());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aFieldFilledFromAnEnvironmentVariableNeverShowsItsValueInAnError() throws IOException {
        String bad = "htps://user:" + TOKEN + "@api.example.org/v1";
        ExitException e = error(ConfigLoaderTest.VALID.replace("upstream: https://api.crypto.com/exchange/v1/", "upstream: \"${env:UPSTREAM}\""),
                Map.of("LOCAL_KEY", "k1", "LOCAL_SECRET", "s1", "UPSTREAM", bad));

        assertOneLine(e);
        assertTrue(e.getMessage().contains("environments[1].upstream: expected an http(s) URL or sim:<scenario>"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertFalse(e.getMessage().contains("api.example.org"), e.getMessage());
    }

    @Test
    void aFieldFilledFromAFileNeverShowsItsValueInAnError() throws IOException {
        write("proxy.txt", "socks5://" + TOKEN + "@proxy\n");
        ExitException e = error(ConfigLoaderTest.VALID.replace("proxy: http://proxy.internal:3128", "proxy: \"${file:proxy.txt}\""),
                Map.of("LOCAL_KEY", "k1", "LOCAL_SECRET", "s1"));

        assertOneLine(e);
        assertTrue(e.getMessage().contains("environments[1].proxy"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
    }

    @Test
    void substitutedValuesAreKnownToTheConfigForEveryLaterRedactor() throws IOException {
        write("sim/seed.yaml", "venue: crypto-com-exchange-v1\n");
        write("repo.txt", "./repo\n");
        HarnessConfig cfg = ConfigLoader.withEnvironment(Map.of("LOCAL_KEY", "k1", "LOCAL_SECRET", "s1", "PROXY", "http://p:1"))
                .load(write("c.yaml", ConfigLoaderTest.VALID.replace("repo: ./repo", "repo: \"${file:repo.txt}\"")
                        .replace("proxy: http://proxy.internal:3128", "proxy: \"${env:PROXY}\"")));

        assertEquals(java.util.List.of("./repo", "http://p:1"), cfg.substituted().stream().map(dev.authbisect.core.Secret::reveal).toList());
    }

    @Test
    void aCredentialFileOver64KiBIsAOneLineUsageError() throws IOException {
        write("key.txt", "k".repeat(70 * 1024));
        write("secret.txt", "s\n");
        HarnessConfig cfg = loadWithFileCredentials();

        ExitException e = assertThrows(ExitException.class,
                () -> new CredentialResolver(Map.of(), ScenarioCredentials::read).resolve(cfg, cfg.environments().get(0)));

        assertOneLine(e);
        assertTrue(e.getMessage().endsWith("environments[0].credentials.api_key: file " + dir.resolve("key.txt")
                + " is over 64 KiB (expected a file holding one value) (expected ${file:key.txt} to hold the credential)"), e.getMessage());
    }

    @Test
    void devZeroAsACredentialFileIsRefusedAtOnceWithoutReadingIt() throws IOException {
        write("secret.txt", "s\n");
        write("sim/seed.yaml", "venue: crypto-com-exchange-v1\n");
        HarnessConfig zero = ConfigLoader.withEnvironment(Map.of()).load(write("c.yaml", ConfigLoaderTest.VALID
                .replace("\"${env:LOCAL_KEY}\"", "\"${file:/dev/zero}\"").replace("\"${env:LOCAL_SECRET}\"", "\"${file:secret.txt}\"")));

        ExitException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(ExitException.class,
                () -> new CredentialResolver(Map.of(), ScenarioCredentials::read).resolve(zero, zero.environments().get(0))));

        assertOneLine(e);
        assertTrue(e.getMessage().contains("file /dev/zero is not a regular file (a device, FIFO or socket)"), e.getMessage());
    }

    @Test
    void aDotenvFileOver64KiBOrADeviceIsAOneLineUsageError() throws IOException {
        write("huge.env", "A=1\n".repeat(20_000));
        HarnessConfig cfg = loadDotenv("huge.env");
        ExitException huge = assertThrows(ExitException.class, () -> new CredentialResolver(Map.of(), ScenarioCredentials::read).resolve(cfg, cfg.environments().get(0)));
        HarnessConfig dev = loadDotenv("/dev/zero");
        ExitException zero = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(ExitException.class,
                () -> new CredentialResolver(Map.of(), ScenarioCredentials::read).resolve(dev, dev.environments().get(0))));

        assertOneLine(huge);
        assertTrue(huge.getMessage().endsWith("is over 64 KiB (expected KEY=VALUE lines)"), huge.getMessage());
        assertOneLine(zero);
        assertTrue(zero.getMessage().endsWith("dotenv file /dev/zero is not a regular file (a device, FIFO or socket) (expected KEY=VALUE lines)"),
                zero.getMessage());
    }

    @Test
    void aConfigOverFourMiBIsAOneLineUsageError() throws IOException {
        Path big = write("big.yaml", ConfigLoaderTest.VALID + ("# " + "x".repeat(1000) + "\n").repeat(4200));

        ExitException e = assertThrows(ExitException.class, () -> ConfigLoader.withEnvironment(Map.of()).load(big));

        assertOneLine(e);
        assertEquals("config " + big + ": is over 4 MiB (expected a harness config, a few KiB of YAML)", e.getMessage());
    }

    @Test
    void duplicateKeysAreRefusedWithFileLineAndColumn() throws IOException {
        ExitException top = error(ConfigLoaderTest.VALID + "venue: binance-spot\n", Map.of());
        ExitException nested = error(ConfigLoaderTest.VALID.replace("    upstream: sim:seed\n", "    upstream: sim:seed\n    upstream: https://x.org\n"),
                Map.of());

        assertOneLine(top);
        assertEquals("config " + dir.resolve("c.yaml") + ":" + (ConfigLoaderTest.VALID.lines().count() + 1)
                + ":1: duplicate key 'venue' (each key may appear once in a mapping; remove one of them)", top.getMessage());
        assertOneLine(nested);
        assertTrue(nested.getMessage().matches("config .*c\\.yaml:\\d+:\\d+: duplicate key 'upstream' .*"), nested.getMessage());
    }

    @Test
    void aFileThatIsNotAConfigIsDescribedNeverQuoted() throws IOException {
        ExitException dotenv = error("API_SECRET=" + TOKEN + "\nOTHER=1\n", Map.of());
        ExitException mapping = error("API_SECRET: " + TOKEN + "\nPASSWORD: " + TOKEN + "\n", Map.of());

        for (ExitException e : java.util.List.of(dotenv, mapping)) {
            assertOneLine(e);
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
            assertFalse(e.getMessage().contains("API_SECRET"), e.getMessage());
        }
        assertTrue(mapping.getMessage().endsWith("(top level): expected a harness config (a mapping with version, target, venue, calls, "
                + "environments), got a mapping with none of these keys; is this the right file?"), mapping.getMessage());
    }

    private HarnessConfig loadWithFileCredentials() throws IOException {
        write("sim/seed.yaml", "venue: crypto-com-exchange-v1\n");
        String config = ConfigLoaderTest.VALID.replace("\"${env:LOCAL_KEY}\"", "\"${file:key.txt}\"")
                .replace("\"${env:LOCAL_SECRET}\"", "\"${file:secret.txt}\"");
        return ConfigLoader.withEnvironment(Map.of()).load(write("c.yaml", config));
    }

    private HarnessConfig loadDotenv(String file) throws IOException {
        write("sim/seed.yaml", "venue: crypto-com-exchange-v1\n");
        String config = ConfigLoaderTest.VALID.replace("{dotenv: prod.env, api_key: K, api_secret: S}",
                "{dotenv: \"" + file + "\", api_key: K, api_secret: S}");
        HarnessConfig cfg = ConfigLoader.withEnvironment(Map.of()).load(write("c.yaml", config));
        return new HarnessConfig(cfg.file(), 1, cfg.target(), cfg.venue(), cfg.calls(), java.util.List.of(cfg.environments().get(1)),
                cfg.simulators(), cfg.commits(), cfg.run(), cfg.digest(), cfg.locator());
    }
}
