package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.ConfigLoader;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.core.ExitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config knows no venue: an unknown venue id loads, and the run's set-up refuses it at its line and column. */
class UnknownVenueTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownVenueIsAUsageErrorAtItsPositionInTheConfig() throws Exception {
        PipelineFixture fx = PipelineFixture.at(dir);
        Files.writeString(dir.resolve("scenario.yaml"), PipelineFixture.res("scenario.yaml"));
        fx.config("", "");
        Files.writeString(fx.configFile(), Files.readString(fx.configFile())
                .replace("venue: crypto-com-exchange-v1", "venue: crypto-com"));
        HarnessConfig cfg = ConfigLoader.withEnvironment(Map.of()).load(fx.configFile());

        ExitException e = assertThrows(ExitException.class, () -> RunSetup.prepare(cfg, Map.of("PATH", System.getenv("PATH")),
                fx.cache(), List.of(), List.of()));

        assertEquals(2, e.code());
        assertTrue(e.getMessage().matches("config \\S*config\\.yaml:\\d+:\\d+: unknown venue 'crypto-com' "
                + "\\(expected one of: crypto-com-exchange-v1[^)]*\\)"), e.getMessage());
    }
}
