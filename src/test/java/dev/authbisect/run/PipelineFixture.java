package dev.authbisect.run;

import dev.authbisect.cli.AuthBisect;
import dev.authbisect.testkit.GitHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import picocli.CommandLine;

/**
 * A real target for end-to-end runs: a git history (11 commits, a merge, non-module commits,
 * one version that does not build) of a tiny Python broker module, a probe, a simulator
 * scenario and a config, all in one folder.
 *
 * <p>Module versions in history order: mv1 no client (the probe exits 125: SKIPPED), mv2 client v1,
 * mv3 v2 (signs the nonce as the id for {@code balance}: 40101), mv4 v3 (syntax error), mv5 v4 (fixed).
 */
final class PipelineFixture {
    static final String KEY = "TestKeyAAAAAAAAAAAAAAA1";
    static final String SECRET = "test-secret-0123456789";

    final Path dir;
    final Map<String, ObjectId> commits = new LinkedHashMap<>();

    private PipelineFixture(Path dir) {
        this.dir = dir;
    }

    /** A fixture whose files the caller wrote itself ({@code config.yaml} and the rest in {@code dir}). */
    static PipelineFixture at(Path dir) {
        return new PipelineFixture(dir);
    }

    /** The Python fixture: history, probe, scenario, credentials in files. */
    static PipelineFixture python(Path dir) throws IOException {
        PipelineFixture f = new PipelineFixture(dir);
        Files.createDirectories(dir);
        f.copy("probe.py");
        f.copy("scenario.yaml");
        Files.writeString(dir.resolve("key.txt"), KEY + "\n");
        Files.writeString(dir.resolve("secret.txt"), SECRET + "\n");
        try (GitHistory git = GitHistory.init(dir.resolve("repo"))) {
            f.commits.put("readme", git.commit("docs: readme", "README.md", "# bot\n").head());
            f.commits.put("client", git.commit("add broker client", "broker/__init__.py", "", "broker/client.py", res("client_v1.py")).head());
            f.commits.put("web", git.commit("frontend: page", "web/index.html", "<h1>bot</h1>\n").head());
            f.commits.put("docs", git.commit("docs: usage", "README.md", "# bot\nusage\n").head());
            git.branch("feature").checkout("feature");
            f.commits.put("regression", git.commit("sign request ids with the nonce", "broker/client.py", res("client_v2.py")).head());
            git.checkout("main");
            f.commits.put("style", git.commit("web: style", "web/style.css", "h1{}\n").head());
            f.commits.put("merge", git.merge("feature", "Merge branch 'feature'").head());
            f.commits.put("broken", git.commit("broker: wip refactor", "broker/client.py", res("client_v3.py")).head());
            f.commits.put("changelog", git.commit("docs: changelog <script>alert(1)</script> & \"quotes\"", "CHANGELOG.md", "x\n").head());
            f.commits.put("fix", git.commit("fix signing", "broker/client.py", res("client_v4.py")).head());
            f.commits.put("footer", git.commit("web: footer", "web/footer.html", "<footer/>\n").head());
        }
        f.config("", "");
        return f;
    }

    /** Writes {@code config.yaml}: {@code extraProbeEnv} adds lines under probe.env, {@code extraEnvs} more environments. */
    PipelineFixture config(String extraProbeEnv, String extraEnvs) throws IOException {
        return config(extraProbeEnv, extraEnvs, "[python3, \"${configDir}/probe.py\"]", "20s");
    }

    PipelineFixture config(String extraProbeEnv, String extraEnvs, String probeCommand, String probeTimeout) throws IOException {
        String yaml = """
                version: 1
                target:
                  repo: repo
                  module:
                    paths: [broker/]
                  build:
                    command: [python3, -m, compileall, -q, broker]
                    timeout: 30s
                  probe:
                    command: %s
                    timeout: %s
                    env:
                      EX_BASE: "{{relay.url}}"
                      EX_KEY: "{{credentials.api_key}}"
                      EX_SECRET: "{{credentials.api_secret}}"
                      PROBE_LOG: "${configDir}/probe-log.jsonl"
                %s
                venue: crypto-com-exchange-v1
                calls:
                  - {name: open_orders, method: private/get-open-orders}
                  - {name: balance, method: private/user-balance}
                environments:
                  - name: office
                    credentials: {api_key: "${file:key.txt}", api_secret: "${file:secret.txt}"}
                    upstream: sim:test
                    egress_ip: 198.51.100.10
                  - name: laptop
                    credentials: {api_key: "${file:key.txt}", api_secret: "${file:secret.txt}"}
                    upstream: sim:test
                    egress_ip: 203.0.113.7
                %s
                simulators:
                  test: scenario.yaml
                commits:
                  range: HEAD
                run: {jobs: 2}
                """.formatted(probeCommand, probeTimeout, indent(extraProbeEnv, "      "), indent(extraEnvs, "  "));
        Files.writeString(configFile(), yaml);
        return this;
    }

    private static String indent(String lines, String prefix) {
        if (lines.isBlank()) {
            return "";
        }
        return lines.lines().map(l -> prefix + l).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    Path configFile() {
        return dir.resolve("config.yaml");
    }

    Path cache() {
        return dir.resolve("cache");
    }

    Path out() {
        return dir.resolve("out");
    }

    /** A range of exactly the commit {@code key} (it and its first parent's difference; linear part of the history). */
    String only(String key) {
        List<String> keys = new ArrayList<>(commits.keySet());
        int i = keys.indexOf(key);
        return commits.get(keys.get(i - 1)).name() + ".." + commits.get(key).name();
    }

    /** The probe log: one JSON line per probe run. */
    List<String> probeLog() throws IOException {
        Path log = dir.resolve("probe-log.jsonl");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Runs the real CLI in this JVM. */
    Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AuthBisect.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs {@code authbisect run} on this fixture with its cache and out folder. */
    Result run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", "--config", configFile().toString(), "--cache", cache().toString(),
                "--out", out().toString()));
        args.addAll(List.of(extra));
        return cli(args.toArray(String[]::new));
    }

    record Result(int code, String out, String err) {
    }

    private void copy(String resource) throws IOException {
        Files.writeString(dir.resolve(resource), res(resource));
    }

    static String res(String name) {
        try (InputStream in = PipelineFixture.class.getResourceAsStream("/pipeline/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /pipeline/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
