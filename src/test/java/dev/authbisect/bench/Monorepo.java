package dev.authbisect.bench;

import dev.authbisect.config.ModuleSpec;
import dev.authbisect.testkit.GitHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated repository shaped like a real monorepo, for benchmarks: 26 top-level entries, a
 * few hundred files, a Python API client under {@code backend/app/} with tests and docs inside it,
 * and a module made of 7 paths (4 folders, 3 files) with exclude globs. Of the first-parent
 * commits about one in 20 changes the module, one in 10 changes only excluded files inside it, a
 * few touch the file paths; a topic branch of two commits is merged every 50 commits;
 * {@code vendor/ccxt/} appears at 30 % of the history and goes at 70 %, and
 * {@code old/client.py} is renamed into {@code backend/app/} at 50 %. Deterministic for a given size.
 */
final class Monorepo {
    static final List<String> PATHS = List.of("backend/app/", "backend/lib/signing/", "shared/config/", "vendor/ccxt/",
            "setup.py", "requirements.txt", "old/client.py");
    static final List<String> EXCLUDE = List.of("**/tests/**", "**/*.md");
    static final ModuleSpec SPEC = new ModuleSpec(PATHS, EXCLUDE);

    private static final String[] TOP_DIRS = {"frontend", "docs", "infra", "scripts", ".github", "mobile", "data", "tools",
        "ops", "design", "android", "ios", "e2e", "proto", "charts", "notebooks"};
    private static final String[] ROOT_FILES = {"README.md", "LICENSE", "Makefile", ".gitignore", "docker-compose.yml",
        "pyproject.toml", "package.json"};

    private Monorepo() {
    }

    /** Writes a packed bare repository of {@code commits} first-parent commits (plus topic commits) at {@code dir}. */
    static void generate(Path dir, int commits) {
        Random random = new Random(commits * 31L + 7);
        try (GitHistory git = GitHistory.initBare(dir)) {
            git.bulk(g -> {
                List<GitHistory.Change> initial = new ArrayList<>();
                for (String top : TOP_DIRS) {
                    for (int i = 0; i < 24; i++) {
                        initial.add(GitHistory.file(top + "/m" + (i % 4) + "/f" + i + ".txt", top + " v0 " + i));
                    }
                }
                for (String f : ROOT_FILES) {
                    initial.add(GitHistory.file(f, f + " v0"));
                }
                for (int i = 0; i < 80; i++) {
                    initial.add(GitHistory.file(appFile(i), "app v0 " + i));
                }
                for (int i = 0; i < 10; i++) {
                    initial.add(GitHistory.file("backend/app/tests/test_" + i + ".py", "t0 " + i));
                    initial.add(GitHistory.file("backend/app/pkg" + i + "/README.md", "docs " + i));
                    initial.add(GitHistory.file("backend/lib/signing/s" + i + ".py", "sig v0 " + i));
                    initial.add(GitHistory.file("backend/migrations/m" + i + ".py", "mig " + i));
                    initial.add(GitHistory.file("shared/config/c" + i + ".yaml", "c0 " + i));
                }
                initial.add(GitHistory.file("setup.py", "setup v0"));
                initial.add(GitHistory.file("requirements.txt", "requests==2.0"));
                initial.add(GitHistory.file("old/client.py", "legacy client"));
                g.commit("initial import", initial.toArray(GitHistory.Change[]::new));
                for (int i = 1; i < commits; i++) {
                    if (i == commits * 3 / 10) {
                        g.commit("vendor ccxt", GitHistory.file("vendor/ccxt/base.py", "ccxt"),
                                GitHistory.file("vendor/ccxt/README.md", "vendored"));
                    } else if (i == commits / 2) {
                        g.commit("move the legacy client into the app", GitHistory.delete("old/client.py"),
                                GitHistory.file("backend/app/client_legacy.py", "legacy client"));
                    } else if (i == commits * 7 / 10) {
                        g.commit("drop vendored ccxt", GitHistory.delete("vendor/ccxt/"));
                    } else if (i % 50 == 25) {
                        String topic = "topic" + i;
                        g.branch(topic).checkout(topic)
                                .commit("topic work " + i, otherFile(random), "t" + i)
                                .commit("topic module work " + i, appFile(random.nextInt(80)), "topic " + i)
                                .checkout(GitHistory.MAIN).merge(topic, "Merge " + topic);
                    } else if (i % 20 == 0) {
                        g.commit("app change " + i, appFile(random.nextInt(80)), "app v" + i);
                    } else if (i % 20 == 7) {
                        g.commit("app tests " + i, "backend/app/tests/test_" + random.nextInt(10) + ".py", "t" + i);
                    } else if (i % 20 == 13) {
                        g.commit("app docs " + i, "backend/app/pkg" + random.nextInt(10) + "/README.md", "docs " + i);
                    } else if (i % 97 == 0) {
                        g.commit("signing " + i, "backend/lib/signing/s" + random.nextInt(10) + ".py", "sig v" + i);
                    } else if (i % 89 == 0) {
                        g.commit("config " + i, "shared/config/c" + random.nextInt(10) + ".yaml", "c" + i);
                    } else if (i % 71 == 0) {
                        g.commit("deps " + i, random.nextBoolean() ? "setup.py" : "requirements.txt", "v" + i);
                    } else {
                        g.commit("change " + i, otherFile(random), "v" + i);
                    }
                }
            });
            git.pack();
        }
    }

    private static String appFile(int i) {
        return "backend/app/pkg" + (i % 10) + "/sub" + (i % 3) + "/mod" + i + ".py";
    }

    private static String otherFile(Random random) {
        if (random.nextInt(5) == 0) {
            return ROOT_FILES[random.nextInt(ROOT_FILES.length)];
        }
        if (random.nextInt(6) == 0) {
            return "backend/migrations/m" + random.nextInt(10) + ".py";
        }
        String top = TOP_DIRS[random.nextInt(TOP_DIRS.length)];
        int f = random.nextInt(24);
        return top + "/m" + (f % 4) + "/f" + f + ".txt";
    }
}
