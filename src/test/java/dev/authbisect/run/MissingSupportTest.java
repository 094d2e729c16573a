package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.Cell;
import dev.authbisect.config.ModuleSpec;
import dev.authbisect.core.Outcome;
import dev.authbisect.testkit.GitHistory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingSupportTest {
    @TempDir
    Path dir;

    private static final ModuleSpec BOT = new ModuleSpec(List.of("bot/"), List.of());

    private record Repo(GitHistory git, ObjectId head) {
    }

    private Repo repo() {
        GitHistory git = GitHistory.init(dir.resolve("repo"));
        git.commit("code", "bot/__init__.py", "", "bot/client.py", "from shared.timing import now\n",
                "shared/__init__.py", "", "shared/timing.py", "def now(): return 0\n", "settings.py", "X = 1\n",
                "web/src/cdc/client.mjs", "import '../../lib/sign.mjs';\n", "web/lib/sign.mjs", "export {};\n",
                "web/common.js", "module.exports = {};\n");
        return new Repo(git, git.head());
    }

    @Test
    void aPythonPackageOfTheRepositoryThatWasNotMaterializedIsNamed() {
        Repo r = repo();
        try (GitHistory git = r.git()) {
            MissingSupport m = new MissingSupport(git.repository(), BOT);
            String tail = "Traceback (most recent call last):\n  File \"/x/bot/client.py\", line 1\n"
                    + "ModuleNotFoundError: No module named 'shared.timing'\n";
            assertEquals(Optional.of("shared/"), m.missingPath(tail, r.head(), dir.resolve("module")));
            assertEquals(Optional.of("settings.py"), m.missingPath("ModuleNotFoundError: No module named 'settings'", r.head(), dir));
        }
    }

    @Test
    void aThirdPartyPackageOrAPathThatIsMaterializedGetsNoHint() {
        Repo r = repo();
        try (GitHistory git = r.git()) {
            assertEquals(Optional.empty(), new MissingSupport(git.repository(), BOT)
                    .missingPath("ModuleNotFoundError: No module named 'requests'", r.head(), dir));
            ModuleSpec withSupport = new ModuleSpec(List.of("bot/"), List.of(), List.of("shared/"));
            assertEquals(Optional.empty(), new MissingSupport(git.repository(), withSupport)
                    .missingPath("ModuleNotFoundError: No module named 'shared'", r.head(), dir));
        }
    }

    @Test
    void nodeImportsThatLeaveTheModuleFolderAreNamedByTheirFolder() {
        Repo r = repo();
        try (GitHistory git = r.git()) {
            Path module = dir.resolve("cache/builds/k/module");
            MissingSupport m = new MissingSupport(git.repository(), new ModuleSpec(List.of("web/src/cdc/"), List.of()));
            String esm = "node:internal/modules/esm/resolve:264\n    throw new ERR_MODULE_NOT_FOUND(\n"
                    + "Error [ERR_MODULE_NOT_FOUND]: Cannot find module '" + module + "/web/lib/sign.mjs' imported from "
                    + module + "/web/src/cdc/client.mjs\n";
            assertEquals(Optional.of("web/lib/"), m.missingPath(esm, r.head(), module));
            String cjs = "Error: Cannot find module '../../common'\nRequire stack:\n- " + module + "/web/src/cdc/client.js\n";
            assertEquals(Optional.of("web/common.js"), m.missingPath(cjs, r.head(), module),
                    "a file in a folder that holds the module is named alone");
            assertEquals(Optional.empty(), m.missingPath("Error: Cannot find package 'axios' imported from /x/y.mjs", r.head(), module));
        }
    }

    @Test
    void theHintJoinsTheProbeErrorsDiagnosisOnce() {
        Repo r = repo();
        try (GitHistory git = r.git()) {
            Cell crashed = new Cell("abc", "sim", "balances", Outcome.PROBE_ERROR,
                    "probe exited 1 before the call (it never announced balances)", null, null, null,
                    new Cell.Evidence("", "", List.of(), "ModuleNotFoundError: No module named 'shared'"));
            Cell ok = Cell.of("abc", "sim", "orders", Outcome.OK, 0, "");
            MissingSupport m = new MissingSupport(git.repository(), BOT);
            List<Cell> out = m.explain(m.explain(List.of(crashed, ok), r.head(), dir), r.head(), dir);
            assertEquals("probe exited 1 before the call (it never announced balances)" + MissingSupport.MARK
                    + "'shared/' is in the repository but not beside the module: add it to target.module.support", out.get(0).diagnosis());
            assertEquals(ok, out.get(1));
            assertTrue(out.get(0).diagnosis().indexOf(MissingSupport.MARK) == out.get(0).diagnosis().lastIndexOf(MissingSupport.MARK));
        }
    }
}
