package dev.authbisect.scaffold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.scaffold.ClientFinding.FoundCall;
import dev.authbisect.testkit.GitHistory;
import dev.authbisect.venue.SourceHints;
import dev.authbisect.venue.Venues;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code init} reads from client code: classes, calls, environment variables, constructor, layout. */
class ScanTest {
    static final SourceHints HINTS = Venues.require("crypto-com-exchange-v1").sourceHints().orElseThrow();

    @TempDir
    Path dir;

    private RepoFiles repo(String... pathsAndContents) {
        try (GitHistory git = GitHistory.init(dir.resolve("r"))) {
            git.commit("code", pathsAndContents);
            return RepoFiles.head(git.repository(), "r");
        }
    }

    static String demoClient() throws IOException {
        try (InputStream in = ScanTest.class.getResourceAsStream("/dev/authbisect/demo/story/crypto_com_trade/6-clean-env-secret.py")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theDemoClientIsFoundWithItsCallsAndTheVariablesItReadsThroughAHelper() throws Exception {
        String client = demoClient();
        RepoFiles files = repo("backend/app/__init__.py", "", "backend/app/services/__init__.py", "",
                "backend/app/services/brokers/__init__.py", "", "backend/app/services/brokers/crypto_com_trade.py", client,
                "backend/scripts/smoke_test_crypto.py", "from app.services.brokers.crypto_com_trade import X\n");
        ClientFinding f = Scaffold.find(files, HINTS).orElseThrow();
        assertEquals("backend/app/", f.modulePath());
        assertEquals("backend", f.importRoot());
        assertEquals("app.services.brokers.crypto_com_trade", f.moduleName());
        assertEquals("CryptoComTradeClient", f.className());
        assertEquals(List.of(new FoundCall("get_account_summary", "private/user-balance"),
                new FoundCall("get_open_orders", "private/get-open-orders"),
                new FoundCall("get_order_history", "private/get-order-history")), f.calls(),
                "the docstring's private/get-account-summary is not the call");
        assertEquals(Map.of(Role.KEY, "EXCHANGE_CUSTOM_API_KEY", Role.SECRET, "EXCHANGE_CUSTOM_API_SECRET",
                Role.BASE_URL, "EXCHANGE_CUSTOM_BASE_URL"), f.envVars(), "read through _clean_env_secret(\"…\") too");
        assertEquals(Map.of(), f.constructorArgs(), "the variables cover every role");
        assertEquals(List.of("api.crypto.com"), f.hardCodedHosts());
    }

    @Test
    void constructorParametersFillRolesNoVariableCovers() {
        String client = """
                import hmac, hashlib, requests
                class Api(object):
                    def __init__(self, key, secret,
                                 base_url="https://api.crypto.com/exchange/v1", *, retries=3, session):
                        self.key, self.secret, self.base_url = key, secret, base_url

                    def positions(self):
                        return self._post('private/get-positions')

                    async def tickers(self, instrument: str = "BTC_USDT"):
                        return await self._get("public/get-tickers")

                    def _post(self, m):
                        return hmac.new(self.secret.encode(), m.encode(), hashlib.sha256)
                """;
        ClientFinding f = Scaffold.find(repo("api.py", client), HINTS).orElseThrow();
        assertEquals("api.py", f.modulePath(), "a file outside any package is the module by itself");
        assertEquals("", f.importRoot());
        assertEquals("api", f.moduleName());
        assertEquals(List.of(new FoundCall("positions", "private/get-positions"), new FoundCall("tickers", "public/get-tickers")),
                f.calls());
        assertEquals(Map.of(Role.KEY, "key", Role.SECRET, "secret", Role.BASE_URL, "base_url"), f.constructorArgs());
        assertEquals(List.of("session"), f.unmappedConstructorArgs());
    }

    @Test
    void aPackageFolderWithoutInitFilesIsImportedFromItsOwnFolder() {
        ClientFinding f = Scaffold.find(repo("src/cdc/exchange.py", """
                import hmac, os
                class Exchange:
                    def __init__(self):
                        self.key = os.environ['K_KEY']; self.secret = os.getenv('K_SECRET'); self.url = os.getenv("K_URL")
                    def balance(self):
                        return hmac.new(b'', b'').hexdigest() + "private/user-balance"
                """), HINTS).orElseThrow();
        assertEquals("src/cdc/", f.modulePath());
        assertEquals("src/cdc", f.importRoot());
        assertEquals("exchange", f.moduleName());
        assertEquals(Map.of(Role.KEY, "K_KEY", Role.SECRET, "K_SECRET", Role.BASE_URL, "K_URL"), f.envVars());
    }

    @Test
    void importsFromOutsideTheModuleBecomeSupportPaths() {
        String py = "import hmac, os\nimport json, settings\nfrom shared.timing import now_ms\nfrom . import util\n"
                + "from bot import version\nclass C:\n    def orders(self):\n        return self.p('private/get-open-orders')\n";
        RepoFiles files = repo("bot/__init__.py", "", "bot/version.py", "V = 1\n", "bot/c.py", py, "shared/__init__.py", "",
                "shared/timing.py", "", "settings.py", "X = 1\n", "tools/json/readme.txt", "not a package at the root\n");
        ClientFinding f = Scaffold.find(files, HINTS).orElseThrow();
        assertEquals("bot/", f.modulePath());
        assertEquals(List.of("settings.py", "shared/"), SupportScan.of(f, files),
                "repository packages and files the module imports, not the module itself or the standard library");

        String js = "import { createHmac } from 'node:crypto';\nimport { now } from '../../lib/time.mjs';\n"
                + "const cfg = require('../config');\nimport './local.mjs';\nimport axios from 'axios';\n"
                + "export class C { orders() { return createHmac('sha256', 'k').update('private/get-open-orders'); } }\n";
        RepoFiles node = repo("web/src/cdc/client.mjs", js, "web/src/cdc/local.mjs", "", "web/lib/time.mjs", "",
                "web/src/config.js", "module.exports = {};\n");
        ClientFinding n = Scaffold.find(node, HINTS).orElseThrow();
        assertEquals("web/src/cdc/", n.modulePath());
        assertEquals(List.of("web/lib/", "web/src/config.js"), SupportScan.of(n, node),
                "a file in a folder that holds the module is named alone");
    }

    @Test
    void testFilesLoseAgainstTheClient() {
        String client = "import hmac\nclass C:\n    def orders(self):\n        return self.p('private/get-open-orders')\n";
        String test = "import hmac\nclass T:\n    def a(self):\n        'private/get-open-orders'\n    def b(self):\n        'private/user-balance'\n";
        ClientFinding f = Scaffold.find(repo("lib/c.py", client, "tests/test_c.py", test), HINTS).orElseThrow();
        assertEquals("lib/c.py", f.file());
    }

    @Test
    void nodeMethodsConstructorOptionsAndEnvironment() {
        String js = """
                const crypto = require("crypto");
                /* a block comment with "private/cancel-order" */
                class Client extends Base {
                  constructor(opts = {}) { super(); this.url = process.env.CDC_URL; }
                  static create() { return new Client(); }
                  async userBalance() { // "private/get-open-orders" in a comment
                    return this.#send(`private/user-balance`, {});
                  }
                  #send(m, p) { return crypto.createHmac("sha256", process.env['CDC_SECRET']).update(m).digest("hex"); }
                  if (x) { }
                }
                module.exports = { Client };
                """;
        ClientFinding f = Scaffold.find(repo("lib/client.js", js), HINTS).orElseThrow();
        assertEquals(ClientFinding.Language.NODE, f.language());
        assertEquals("Client", f.className());
        assertEquals(List.of(new FoundCall("userBalance", "private/user-balance")), f.calls());
        assertEquals(Map.of(Role.SECRET, "CDC_SECRET", Role.BASE_URL, "CDC_URL"), f.envVars());
        assertEquals("lib/", f.modulePath());
    }

    @Test
    void rolesFollowTheNames() {
        assertEquals(Role.SECRET, Role.of("EXCHANGE_API_SECRET").orElseThrow());
        assertEquals(Role.KEY, Role.of("apiKey").orElseThrow());
        assertEquals(Role.BASE_URL, Role.of("CDC_BASE_URL").orElseThrow(), "URL before KEY? no key in the name");
        assertEquals(Role.BASE_URL, Role.of("endpoint").orElseThrow());
        assertTrue(Role.of("LOG_LEVEL").isEmpty());
    }
}
