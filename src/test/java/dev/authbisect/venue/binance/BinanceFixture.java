package dev.authbisect.venue.binance;

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
 * The Binance example as a user has it: {@code harness-config/} (binance.yaml, the generic probe,
 * the binance-spot scenario, copied from the project's own harness-config/) beside
 * {@code binance-repo/}, a generated git history of a trading bot's Binance client with a real
 * regression.
 *
 * <p>History (module {@code bot/binance/}), in order: readme (no client: the probe exits 125),
 * client v1 (signs correctly), web (same module version), account v2 (omitZeroBalances, still
 * correct), docs, <b>regression</b> v3 (open_orders appends {@code recvWindow} after signing: -1022
 * INVALID_SIGNATURE on that call only), scripts, history v4 (adds all_orders, keeps the
 * regression), changelog.
 */
final class BinanceFixture {
    final Path dir;
    final Map<String, ObjectId> commits = new LinkedHashMap<>();

    private BinanceFixture(Path dir) {
        this.dir = dir;
    }

    static BinanceFixture create(Path dir) throws IOException {
        BinanceFixture f = new BinanceFixture(dir);
        Path config = Files.createDirectories(dir.resolve("harness-config"));
        for (String file : List.of("binance.yaml", "probes/generic_probe.py", "sim/binance-spot.yaml")) {
            Path to = config.resolve(file);
            Files.createDirectories(to.getParent());
            Files.copy(Path.of("harness-config").resolve(file), to);
        }
        try (GitHistory git = GitHistory.init(dir.resolve("binance-repo"))) {
            f.put("readme", git.commit("docs: readme", "README.md", "# trading bot\n"));
            f.put("client", git.commit("add Binance client", "bot/binance/__init__.py", "", "bot/binance/client.py", res("client_v1.py")));
            f.put("web", git.commit("dashboard: first page", "web/index.html", "<h1>bot</h1>\n"));
            f.put("account", git.commit("account: omit zero balances", "bot/binance/client.py", res("client_v2.py")));
            f.put("docs", git.commit("docs: VPN notes", "README.md", "# trading bot\nThe office reaches Binance over a VPN.\n"));
            f.put("regression", git.commit("open orders: longer recvWindow for the VPN", "bot/binance/client.py", res("client_v3.py")));
            f.put("scripts", git.commit("scripts: deploy", "scripts/deploy.sh", "#!/bin/sh\necho deploy\n"));
            f.put("history", git.commit("add order history", "bot/binance/client.py", res("client_v4.py")));
            f.put("changelog", git.commit("docs: changelog", "CHANGELOG.md", "- order history\n"));
        }
        return f;
    }

    private void put(String key, GitHistory git) {
        commits.put(key, git.head());
    }

    String commit(String key) {
        return commits.get(key).name();
    }

    Path configFile() {
        return dir.resolve("harness-config/binance.yaml");
    }

    Path out(String name) {
        return dir.resolve("out-" + name);
    }

    /** Runs the real CLI in this JVM: {@code authbisect <command> --config binance.yaml --cache … args}. */
    Result cli(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command, "--config", configFile().toString(), "--cache", dir.resolve("cache").toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AuthBisect.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {
    }

    static String res(String name) {
        try (InputStream in = BinanceFixture.class.getResourceAsStream("/binance/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /binance/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
