package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.ConfigLoader;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.process.Containment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a PID namespace a probe can read authbisect's /proc/&lt;pid&gt;/environ: the run says so when
 * credentials come from ${env:}, and names the fix; with ${file:}/dotenv, or in a namespace, it is quiet.
 */
class EnvironWarningTest {
    @TempDir
    Path dir;

    private HarnessConfig config(boolean fromEnv) throws Exception {
        PipelineFixture fx = PipelineFixture.at(dir);
        Files.writeString(dir.resolve("scenario.yaml"), PipelineFixture.res("scenario.yaml"));
        fx.config("", "");
        if (fromEnv) {
            Files.writeString(fx.configFile(), Files.readString(fx.configFile())
                    .replaceFirst("\"\\$\\{file:key.txt}\"", "\"\\${env:OFFICE_KEY}\"")
                    .replaceFirst("\"\\$\\{file:secret.txt}\"", "\"\\${env:OFFICE_SECRET}\""));
        }
        return ConfigLoader.withEnvironment(Map.of()).load(fx.configFile());
    }

    @Test
    void outsideAPidNamespaceEnvCredentialsAreNamedWithTheFix() throws Exception {
        HarnessConfig cfg = config(true);

        Optional<String> w = RunSetup.environWarning(cfg, new Containment(Containment.Kind.SUBREAPER, List.of()));

        assertEquals("probes here are not in their own PID namespace (containment: subreaper), so a probe can read authbisect's "
                + "/proc/<pid>/environ, which holds the ${env:} credentials of office; use ${file:} or a dotenv file for them "
                + "(those values never enter authbisect's environment) or run where unshare works", w.orElseThrow());
        assertTrue(RunSetup.environWarning(cfg, new Containment(Containment.Kind.PID_NAMESPACE, List.of("unshare"))).isEmpty());
    }

    @Test
    void fileAndDotenvCredentialsNeedNoWarning() throws Exception {
        assertTrue(RunSetup.environWarning(config(false), Containment.none()).isEmpty());
    }
}
