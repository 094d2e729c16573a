package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code authbisect check}: the resolved config, secrets redacted, history counted. */
class CheckAcceptanceTest {
    @TempDir
    Path dir;

    @Test
    void printsTheResolvedConfigWithKeysRedactedAndSecretsHidden() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir);
        PipelineFixture.Result r = fx.cli("check", "--config", fx.configFile().toString(), "--cache", fx.cache().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("api_key: TestKe…#"), r.out());
        assertTrue(r.out().contains("api_secret: '***'") || r.out().contains("api_secret: \"***\""), r.out());
        assertFalse(r.out().contains(PipelineFixture.SECRET), r.out());
        assertFalse(r.out().contains(PipelineFixture.KEY), r.out());
        assertTrue(r.out().contains("commits: 11"), r.out());
        assertTrue(r.out().contains("module_versions: 5"), r.out());
    }

    @Test
    void anUnknownRevisionFailsTheCheck() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir);
        java.nio.file.Files.writeString(fx.configFile(), java.nio.file.Files.readString(fx.configFile()).replace("range: HEAD", "range: v9..HEAD"));
        PipelineFixture.Result r = fx.cli("check", "--config", fx.configFile().toString(), "--cache", fx.cache().toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("unknown revision 'v9'"), r.err());
    }
}
