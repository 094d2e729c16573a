package dev.authbisect.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.ConfigLoader;
import dev.authbisect.config.CredentialResolver;
import dev.authbisect.config.EnvironmentSpec;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.config.Upstream;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.run.ScenarioCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoFilesTest {
    static final Path TOP_LEVEL = Path.of("harness-config");

    @TempDir
    Path dir;

    @Test
    void everyIndexedFileShipsFromTheTopLevelHarnessConfig() throws IOException {
        assertTrue(DemoFiles.paths().containsAll(List.of("demo.yaml", "probes/crypto_com_probe.py")), DemoFiles.paths().toString());
        for (String path : DemoFiles.paths()) {
            assertArrayEquals(Files.readAllBytes(TOP_LEVEL.resolve(path)), DemoFiles.content(path),
                    "the jar's copy of harness-config/" + path + " is stale: rebuild (the pom copies harness-config/ into the jar)");
        }
    }

    @Test
    void extractWritesEveryIndexedFileUnderHarnessConfig() throws IOException {
        List<Path> written = DemoFiles.extract(dir);
        assertEquals(DemoFiles.paths().size(), written.size());
        for (String path : DemoFiles.paths()) {
            Path file = dir.resolve("harness-config").resolve(path);
            assertTrue(written.contains(file), file.toString());
            assertArrayEquals(DemoFiles.content(path), Files.readAllBytes(file));
        }
        assertEquals(dir.resolve("harness-config/demo.yaml"), DemoFiles.configFile(dir));
    }

    @Test
    void theExtractedConfigLoadsAndPointsAtTheDemoRepositoryBesideIt() throws IOException {
        DemoFiles.extract(dir);
        Path scenario = dir.resolve("harness-config/sim/seed-rca.yaml");
        if (!Files.exists(scenario)) { // shipped by the simulator's part; the loader only checks it exists
            Files.createDirectories(scenario.getParent());
            Files.writeString(scenario, "venue: crypto-com-exchange-v1\n");
        }
        DemoHistory.create(dir.resolve(DemoFiles.REPO_FOLDER));

        HarnessConfig config = ConfigLoader.withEnvironment(DemoFiles.CREDENTIAL_ENV).load(DemoFiles.configFile(dir));

        assertEquals(dir.resolve("demo-repo").toAbsolutePath().normalize().toString(), config.target().repo());
        assertEquals(List.of("backend/app/"), config.target().module().paths());
        assertEquals(List.of("**/tests/**", "**/*.md"), config.target().module().exclude());
        assertEquals(List.of("python3", "-m", "compileall", "-q", "backend"), config.target().build().orElseThrow().command());
        assertEquals(List.of("python3", dir.resolve("harness-config").toAbsolutePath().normalize() + "/probes/crypto_com_probe.py"),
                config.target().probe().command());
        assertEquals(Duration.ofSeconds(30), config.target().probe().timeout());
        assertEquals("{{module.dir}}/backend", config.target().probe().env().get("PYTHONPATH"));
        assertEquals("{{relay.url}}", config.target().probe().env().get("EXCHANGE_CUSTOM_BASE_URL"));
        assertEquals(List.of("get_account_summary:private/user-balance", "get_open_orders:private/get-open-orders",
                        "get_order_history:private/get-order-history"),
                config.calls().stream().map(c -> c.name() + ":" + c.method()).toList());
        CallSpec history = config.call("get_order_history").orElseThrow();
        assertEquals(20, history.params().get("limit").asInt());
        assertEquals("HEAD", config.commits().range().orElseThrow());
        assertEquals(2, config.run().jobs());

        EnvironmentSpec local = config.environment("local").orElseThrow();
        EnvironmentSpec prod = config.environment("prod").orElseThrow();
        assertEquals("seed-rca", assertInstanceOf(Upstream.Sim.class, local.upstream()).scenario());
        assertEquals("203.0.113.7", local.egressIp().orElseThrow());
        assertEquals("47.130.143.159", prod.egressIp().orElseThrow());
        CredentialResolver resolver = new CredentialResolver(DemoFiles.CREDENTIAL_ENV, ScenarioCredentials::read);
        Credentials stale = resolver.resolve(config, local);
        Credentials current = resolver.resolve(config, prod);
        assertEquals("z3HWF8m292LocalKey01", stale.apiKey().reveal());
        assertEquals("raHZAk1MDkAWviDpcBxAWU", current.apiKey().reveal());
        assertEquals("demo-secret-aws-key-3-1", current.apiSecret().reveal());
    }
}
