package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.report.ResultJson;
import dev.authbisect.testkit.GitHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Java module compiled by the target's own build command ({@code javac}), probed through the real CLI. */
class JavaModuleAcceptanceTest {
    @TempDir
    Path dir;

    @Test
    void aJavaModuleIsBuiltOncePerVersionAndItsRegressionIsFound() throws Exception {
        ObjectId good;
        ObjectId bad;
        try (GitHistory git = GitHistory.init(dir.resolve("repo"))) {
            good = git.commit("add java client", "jbroker/src/broker/Client.java", PipelineFixture.res("java/Client_v1.java")).head();
            git.commit("docs: readme", "README.md", "java bot\n");
            bad = git.commit("normalize the secret", "jbroker/src/broker/Client.java", PipelineFixture.res("java/Client_v2.java")).head();
        }
        Files.writeString(dir.resolve("JavaProbe.java"), PipelineFixture.res("java/JavaProbe.java"));
        Files.writeString(dir.resolve("scenario.yaml"), PipelineFixture.res("scenario.yaml"));
        Files.writeString(dir.resolve("key.txt"), PipelineFixture.KEY);
        Files.writeString(dir.resolve("secret.txt"), PipelineFixture.SECRET);
        Files.writeString(dir.resolve("config.yaml"), """
                version: 1
                target:
                  repo: repo
                  module: {paths: [jbroker/]}
                  build:
                    command: [javac, -d, out, jbroker/src/broker/Client.java]
                    timeout: 2m
                  probe:
                    command: [java, "${configDir}/JavaProbe.java"]
                    timeout: 60s
                    env:
                      CLASSPATH: "{{module.dir}}/out"
                      EX_BASE: "{{relay.url}}"
                      EX_KEY: "{{credentials.api_key}}"
                      EX_SECRET: "{{credentials.api_secret}}"
                venue: crypto-com-exchange-v1
                calls:
                  - {name: open_orders, method: private/get-open-orders}
                  - {name: balance, method: private/user-balance}
                environments:
                  - name: office
                    credentials: {api_key: "${file:key.txt}", api_secret: "${file:secret.txt}"}
                    upstream: sim:test
                    egress_ip: 198.51.100.10
                simulators: {test: scenario.yaml}
                """);
        PipelineFixture fx = PipelineFixture.at(dir);
        PipelineFixture.Result r = fx.run();
        assertEquals(3, r.code(), r.err());
        RunResult result = ResultJson.read(fx.out().resolve("result.json"));
        List<Row> versions = result.rows().stream().filter(x -> !x.isReference()).toList();
        assertEquals(2, versions.size());
        assertEquals(List.of(2, 1), versions.stream().map(v -> v.commits().size()).toList());
        assertTrue(versions.stream().allMatch(v -> v.build().startsWith("OK")), versions.toString());
        assertTrue(Files.isRegularFile(fx.cache().resolve("builds").toFile().listFiles()[0].toPath().resolve("module/out/broker/Client.class")));

        String goodRow = versions.get(0).commits().get(0).id().equals(good.name()) ? versions.get(0).id() : "?";
        Cell ok = result.cell(goodRow, "office", "balance").orElseThrow();
        assertEquals(Outcome.OK, ok.outcome());
        String badRow = versions.get(1).commits().get(0).id().equals(bad.name()) ? versions.get(1).id() : "?";
        Cell rejected = result.cell(badRow, "office", "balance").orElseThrow();
        assertEquals(Outcome.AUTH_REJECTED, rejected.outcome());
        assertEquals(40101, rejected.answer().venueCode());
        assertEquals(SignatureCheck.Status.INVALID, rejected.checks().signature().status());
        assertTrue(rejected.checks().signature().findings().stream().anyMatch(f -> f.kind().equals("WRONG_SECRET")), rejected.checks().signature().toString());
    }
}
