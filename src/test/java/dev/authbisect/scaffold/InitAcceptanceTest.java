package dev.authbisect.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.cli.AuthBisect;
import dev.authbisect.testkit.GitHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The newcomer's path end to end through the real CLI: {@code init} on a repository it has never
 * seen, then {@code check --probe}, then {@code run} — with nothing edited and nothing exported.
 */
class InitAcceptanceTest {
    @TempDir
    Path dir;

    record Ran(int code, String out, String err) {
    }

    static Ran cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AuthBisect.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Ran(code, out.toString(), err.toString());
    }

    static String res(String name) {
        try (InputStream in = InitAcceptanceTest.class.getResourceAsStream("/scaffold/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A bot with a Python client in bot/exchange/, tests that mention the venue too, and commits that never touch it. */
    static Path pythonBot(Path repo) {
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("readme", "README.md", "# bot\n")
                    .commit("web page", "web/index.html", "<h1>bot</h1>\n", "web/app.js", "fetch('/api')\n")
                    .commit("exchange client", "bot/__init__.py", "", "bot/exchange/__init__.py", "",
                            "bot/exchange/client.py", res("client_v1.py"), "tests/test_client.py", res("test_client.py"))
                    .commit("docs", "README.md", "# bot\nrun it\n")
                    .commit("client: longer timeout", "bot/exchange/client.py", res("client_v1.py").replace("timeout=10", "timeout=15"))
                    .commit("web: footer", "web/footer.html", "<footer/>\n");
        }
        return repo;
    }

    @Test
    void initThenCheckThenRunGivesOkCellsForEveryCallWithNothingEdited() throws Exception {
        Path repo = pythonBot(dir.resolve("bot"));
        Path cfgDir = dir.resolve("harness");
        Path cache = dir.resolve("cache");

        Ran init = cli("init", "--repo", repo.toString(), "--dir", cfgDir.toString());
        assertEquals(0, init.code(), init.err());
        String said = init.out();
        assertTrue(said.contains("module: bot/ (Python, the client is bot/exchange/client.py)"), said);
        assertTrue(said.contains("client class: CryptoClient in bot.exchange.client"), said);
        assertTrue(said.contains("call: balances() sends private/user-balance"), said);
        assertTrue(said.contains("call: open_orders() sends private/get-open-orders"), said);
        assertTrue(said.contains("call: order_history() sends private/get-order-history"), "through the constant: " + said);
        assertTrue(said.contains("API key: environment variable CDC_API_KEY"), said);
        assertTrue(said.contains("API secret: environment variable CDC_API_SECRET"), said);
        assertTrue(said.contains("base URL: environment variable CDC_BASE_URL"), said);
        assertTrue(said.contains("not found"), said);
        assertTrue(said.contains("call place_order(instrument, quantity) needs arguments"), said);
        assertTrue(said.contains("the code also reads BOT_DEBUG"), said);
        Path config = cfgDir.resolve("authbisect.yaml");
        assertTrue(said.contains("authbisect check --config " + config + " --probe"), "the next command: " + said);
        assertTrue(Files.isRegularFile(cfgDir.resolve("probes/generic_probe.py")));
        String scenario = Files.readString(cfgDir.resolve("sim/test-exchange.yaml"));
        assertTrue(scenario.contains("label: \"test key\""), scenario);
        String yaml = Files.readString(config);
        assertTrue(yaml.contains("credentials: {scenario_key: \"test key\"}"), yaml);
        assertFalse(yaml.contains("test_client"), "the tests are not the client");

        Ran check = cli("check", "--config", config.toString(), "--cache", cache.toString(), "--probe",
                "--out", dir.resolve("check").toString());
        assertEquals(0, check.code(), check.out() + check.err());
        assertTrue(check.out().contains("# 6 commits → 3 module versions"), check.out());
        assertTrue(check.out().contains("balances: OK, signature VALID, HTTP 200"), check.out());
        assertTrue(check.out().contains("reached the relay: POST /private/get-open-orders"), check.out());
        assertTrue(check.out().contains("every call reached the relay, signed correctly, and got OK"), check.out());

        Path out = dir.resolve("report");
        Ran run = cli("run", "--config", config.toString(), "--cache", cache.toString(), "--out", out.toString());
        assertEquals(0, run.code(), run.out() + run.err());
        JsonNode result = new ObjectMapper().readTree(out.resolve("result.json").toFile());
        String firstVersion = versionRows(result).get(0);
        List<String> outcomes = new ArrayList<>();
        int ok = 0;
        for (JsonNode cell : result.get("cells")) {
            String row = cell.get("row").asText();
            String outcome = cell.get("outcome").asText();
            outcomes.add(row + " " + cell.get("call").asText() + " " + outcome);
            if (outcome.equals("OK")) {
                ok++;
            } else {
                assertEquals(firstVersion, row, "only the version before the client is not OK: " + outcomes);
                assertEquals("SKIPPED", outcome, outcomes.toString());
            }
        }
        assertEquals(3 + 2 * 3, ok, "the reference row and both client versions: OK for all 3 calls: " + outcomes);
        for (JsonNode v : result.get("verdicts")) {
            assertEquals("PASS", v.get("verdict").asText(), v.toString());
        }
    }

    @Test
    void aHelperOutsideTheModuleBecomesSupportAndWithoutItTheReasonNamesThePathToAdd() throws Exception {
        Path repo = dir.resolve("bot");
        String client = res("client_v1.py").replace("import urllib.request\n", "import urllib.request\n\nfrom shared.timing import now_ms\n")
                .replace("nonce = int(time.time() * 1000)", "nonce = now_ms()");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("readme", "README.md", "# bot\n")
                    .commit("client with a shared helper", "bot/__init__.py", "", "bot/exchange/__init__.py", "",
                            "bot/exchange/client.py", client, "shared/__init__.py", "",
                            "shared/timing.py", "import time\n\n\ndef now_ms():\n    return int(time.time() * 1000)\n")
                    .commit("helper: comment", "shared/timing.py", "import time\n\n\ndef now_ms():  # epoch ms\n    return int(time.time() * 1000)\n");
        }
        Path cfgDir = dir.resolve("harness");
        Path cache = dir.resolve("cache");
        Ran init = cli("init", "--repo", repo.toString(), "--dir", cfgDir.toString());
        assertEquals(0, init.code(), init.err());
        assertTrue(init.out().contains("support: shared/ (the module imports it from outside its paths"), init.out());
        Path config = cfgDir.resolve("authbisect.yaml");
        String yaml = Files.readString(config);
        assertTrue(yaml.contains("    support: [\"shared/\"]\n"), yaml);

        Ran run = cli("run", "--config", config.toString(), "--cache", cache.toString(), "--out", dir.resolve("with").toString());
        assertEquals(0, run.code(), run.out() + run.err());
        assertTrue(run.err().contains("3 commits → 2 module versions"), "a commit that changes only support makes no new version: " + run.err());
        JsonNode with = new ObjectMapper().readTree(dir.resolve("with/result.json").toFile());
        for (JsonNode v : with.get("verdicts")) {
            assertEquals("PASS", v.get("verdict").asText(), v.toString());
        }

        Files.writeString(config, yaml.replace("    support: [\"shared/\"]\n", ""));
        Ran without = cli("run", "--config", config.toString(), "--cache", cache.toString(), "--out", dir.resolve("without").toString());
        assertEquals(4, without.code(), without.out() + without.err());
        String hint = "'shared/' is in the repository but not beside the module: add it to target.module.support";
        assertTrue(without.err().contains("PROBE_ERROR: probe exited 1 before the call: ModuleNotFoundError: No module named 'shared'"
                + " — not materialized: " + hint), "the progress line: " + without.err());
        JsonNode result = new ObjectMapper().readTree(dir.resolve("without/result.json").toFile());
        int crashed = 0;
        for (JsonNode cell : result.get("cells")) {
            if (cell.get("outcome").asText().equals("PROBE_ERROR")) {
                assertTrue(cell.get("diagnosis").asText().endsWith(hint), cell.toString());
                crashed++;
            }
        }
        assertEquals(3, crashed, "every call of the client's module version: " + result.get("cells"));
    }

    @Test
    void theReproCommandOfACellRunsExactlyThatCell() throws Exception {
        Path repo = pythonBot(dir.resolve("bot"));
        Path cfgDir = dir.resolve("harness");
        Path cache = dir.resolve("cache");
        assertEquals(0, cli("init", "--repo", repo.toString(), "--dir", cfgDir.toString()).code());
        Path config = cfgDir.resolve("authbisect.yaml");
        Ran run = cli("run", "--config", config.toString(), "--cache", cache.toString(), "--out", dir.resolve("all").toString());
        assertEquals(0, run.code(), run.err());
        String html = Files.readString(dir.resolve("all/index.html"));
        // the second module version's row id (its hash, see RowIds): the same in the full run and in the repro's run
        String second = versionRows(new ObjectMapper().readTree(dir.resolve("all/result.json").toFile())).get(1);
        Matcher cell = Pattern.compile("<td class=\"c [^\"]*\" id=\"c-" + second + "-sim-open_orders\".*?<code class=\"repro\">([^<]*)</code>",
                Pattern.DOTALL).matcher(html);
        assertTrue(cell.find(), "the cell has an id and a repro command");
        String repro = cell.group(1).replace("&#39;", "'").replace("&#x27;", "'");
        assertTrue(repro.startsWith("authbisect run --config " + config + " --range "), repro);
        assertTrue(repro.endsWith(" --env sim --call open_orders"), repro);

        List<String> args = new ArrayList<>(shellWords(repro.substring("authbisect ".length())));
        args.addAll(List.of("--cache", cache.toString(), "--out", dir.resolve("one").toString()));
        Ran again = cli(args.toArray(String[]::new));
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("1 commit → 1 module version"), again.err());
        JsonNode result = new ObjectMapper().readTree(dir.resolve("one/result.json").toFile());
        List<String> cells = new ArrayList<>();
        result.get("cells").forEach(c -> cells.add(c.get("row").asText() + " " + c.get("env").asText() + " "
                + c.get("call").asText() + " " + c.get("outcome").asText()));
        assertEquals(List.of("ref sim open_orders OK", second + " sim open_orders OK"), cells);
    }

    /** The module-version rows' ids in history order. */
    private static List<String> versionRows(JsonNode result) {
        List<String> ids = new ArrayList<>();
        result.get("rows").forEach(r -> {
            if (r.get("kind").asText().equals("module_version")) {
                ids.add(r.get("id").asText());
            }
        });
        return ids;
    }

    @Test
    void initFindsANodeClientAndItsProbeRunsAsWritten() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/node")) || Files.isExecutable(Path.of("/usr/local/bin/node")),
                "node is needed for the Node probe template");
        Path repo = dir.resolve("jsbot");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("package", "package.json", "{\"name\": \"jsbot\", \"type\": \"module\"}\n")
                    .commit("client", "src/cdc/client.mjs", res("client.mjs"), "src/index.mjs", "import './cdc/client.mjs';\n");
        }
        Path cfgDir = dir.resolve("harness");
        Ran init = cli("init", "--repo", repo.toString(), "--dir", cfgDir.toString());
        assertEquals(0, init.code(), init.err());
        assertTrue(init.out().contains("module: src/cdc/ (JavaScript, the client is src/cdc/client.mjs)"), init.out());
        assertTrue(init.out().contains("call: balances() sends private/user-balance"), init.out());
        assertTrue(init.out().contains("call: openOrders() sends private/get-open-orders"), init.out());
        assertTrue(init.out().contains("API key: environment variable CDC_KEY"), init.out());
        assertTrue(init.out().contains("base URL: constructor parameter baseUrl"), init.out());
        assertTrue(init.out().contains("call cancel(orderId) needs arguments"), init.out());
        Ran check = cli("check", "--config", cfgDir.resolve("authbisect.yaml").toString(), "--cache",
                dir.resolve("cache").toString(), "--probe", "--out", dir.resolve("check").toString());
        assertEquals(0, check.code(), check.out() + check.err());
        assertTrue(check.out().contains("openOrders: OK, signature VALID"), check.out());
    }

    @Test
    void aRepositoryWithoutASigningClientIsAUsageErrorThatSaysWhatWasSearched() throws Exception {
        Path repo = dir.resolve("plain");
        try (GitHistory git = GitHistory.init(repo)) {
            git.commit("code", "app/main.py", "print('private/get-open-orders')\n");
        }
        Ran r = cli("init", "--repo", repo.toString(), "--dir", dir.resolve("h").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("found no file that signs crypto-com-exchange-v1 requests"), r.err());
        assertFalse(Files.exists(dir.resolve("h/authbisect.yaml")));
    }

    @Test
    void initRefusesToOverwriteAConfigWithoutForce() throws Exception {
        Path repo = pythonBot(dir.resolve("bot"));
        Path cfgDir = dir.resolve("harness");
        assertEquals(0, cli("init", "--repo", repo.toString(), "--dir", cfgDir.toString()).code());
        Files.writeString(cfgDir.resolve("authbisect.yaml"), "# mine\n");
        Ran again = cli("init", "--repo", repo.toString(), "--dir", cfgDir.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("exists already (pass --force"), again.err());
        assertEquals("# mine\n", Files.readString(cfgDir.resolve("authbisect.yaml")));
        assertEquals(0, cli("init", "--repo", repo.toString(), "--dir", cfgDir.toString(), "--force").code());
    }

    /** Splits a command line the way a POSIX shell does for plain and single-quoted words. */
    static List<String> shellWords(String line) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }
}
