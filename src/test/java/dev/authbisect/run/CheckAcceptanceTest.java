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

    @Test
    void listsTheModuleVersionsOfTheRangeWithTheirCommits() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir);
        PipelineFixture.Result r = fx.cli("check", "--config", fx.configFile().toString(), "--cache", fx.cache().toString());
        assertEquals(0, r.code(), r.err());
        String client = fx.commits.get("client").name().substring(0, 7);
        String style = fx.commits.get("style").name().substring(0, 7);
        assertTrue(java.util.regex.Pattern.compile("(?m)^#   [0-9a-f]{8}\\s+4 commits  ").matcher(r.out()).find(),
                "row ids are module version hashes: " + r.out());
        assertTrue(r.out().contains("4 commits  " + client + " add broker client … " + style + " web: style"), r.out());
        assertTrue(r.out().contains("# 11 commits → 5 module versions"), r.out());
    }

    @Test
    void aModulePathFoundAtNoCommitIsExitTwoWithASuggestionFromTheTree() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir);
        java.nio.file.Files.writeString(fx.configFile(), java.nio.file.Files.readString(fx.configFile())
                .replace("paths: [broker/]", "paths: [brokr/]"));
        PipelineFixture.Result r = fx.cli("check", "--config", fx.configFile().toString(), "--cache", fx.cache().toString());
        assertEquals(2, r.code(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().matches("(?s)authbisect: config .*config\\.yaml:5:\\d+: target\\.module\\.paths\\[0\\]: 'brokr/' does not exist"
                + " at any of the 11 commits of the range \\(did you mean 'broker/'\\?\\)\\s*"), r.err());
    }

    @Test
    void checkProbeRunsTheNewestVersionOnceAgainstAThrowawaySimulator() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir);
        PipelineFixture.Result r = fx.cli("check", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--probe", "--out", dir.resolve("tryout").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String fix = fx.commits.get("footer").name().substring(0, 7);
        assertTrue(r.out().contains(" at " + fix + " \"web: footer\""), "the newest commit: " + r.out());
        assertTrue(r.out().contains("open_orders: OK, signature VALID, HTTP 200"), r.out());
        assertTrue(r.out().contains("balance: OK, signature VALID, HTTP 200"), r.out());
        assertTrue(r.out().contains("reached the relay: POST /private/user-balance {\"id\": 1"), r.out());
        assertTrue(r.out().contains("probe log: " + dir.resolve("tryout").resolve("logs")), r.out());
        assertFalse(r.out().contains(PipelineFixture.SECRET) || r.out().contains(PipelineFixture.KEY), "the run's keys are not used");
        assertEquals(1, fx.probeLog().size(), "one probe run");
        assertTrue(fx.probeLog().get(0).contains("\"env\": \"tryout\""), fx.probeLog().get(0));
    }

    @Test
    void checkProbeWithACrashingProbeSaysWhyAndExitsFour() throws Exception {
        PipelineFixture fx = PipelineFixture.python(dir);
        fx.config("", "", "[python3, -c, \"import requests_that_are_not_installed\"]", "20s");
        PipelineFixture.Result r = fx.cli("check", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(),
                "--probe", "--out", dir.resolve("tryout").toString());
        assertEquals(4, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("open_orders: PROBE_ERROR"), r.out());
        assertTrue(r.out().contains("why: probe exited 1 before the call: ModuleNotFoundError: No module named"
                + " 'requests_that_are_not_installed'"), r.out());
        assertTrue(r.out().contains("some calls never got an answer"), r.out());
    }
}
