package dev.authbisect.history;

import static dev.authbisect.testkit.GitHistory.delete;
import static dev.authbisect.testkit.GitHistory.executable;
import static dev.authbisect.testkit.GitHistory.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.CommitSelection;
import dev.authbisect.config.ModuleSpec;
import dev.authbisect.testkit.GitHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trie-based {@link ModuleHasher} gives every commit the same module version id as the
 * earlier per-path algorithm ({@link LegacyModuleHasher}), on generated histories with merges,
 * renames, excludes, files and folders, paths that appear and disappear, a file that becomes a
 * folder, executable bits, and the whole repository as a module.
 */
class ModuleHasherTest {
    /** Files the generated histories write; "lib" alternates between a file and a folder. */
    private static final List<String> FILES = List.of("a/x.py", "a/b/y.py", "a/b/tests/t.py", "a/README.md",
            "a/b/c/deep.py", "a/b/c/NOTES.md", "top.py", "docs/index.md", "web/app.js", "web/lib/u.js", "lib",
            "lib/z.py", "lib/tests/lt.py", "ünï/cödé.py");
    private static final List<String> MODULE_PATHS = List.of("a/", "a/b/", "a/b", "a/b/c/deep.py", "top.py", "lib", "lib/",
            "missing/", "missing.py", "top.py/inner", "web/lib/", "ünï/", ".");
    private static final List<List<String>> EXCLUDES = List.of(List.of(), List.of("**/tests/**"), List.of("**/*.md"),
            List.of("**/tests/**", "**/*.md"), List.of("a/b/**"), List.of("*.py"), List.of("lib"), List.of("a/b/c"));

    @TempDir
    Path dir;

    @Test
    void theTrieGivesTheSameIdsAsThePerPathAlgorithmOnGeneratedHistories() throws IOException {
        for (long seed = 1; seed <= 6; seed++) {
            Path repoDir = dir.resolve("h" + seed);
            Random random = new Random(seed);
            try (GitHistory git = GitHistory.initBare(repoDir)) {
                generate(git, random, 120);
                Repository repo = git.repository();
                List<CommitNode> commits = CommitRange.resolve(repo, CommitSelection.range("main")).commits();
                assertTrue(commits.size() > 120, "merged topics add commits");
                for (int s = 0; s < 25; s++) {
                    ModuleSpec spec = randomSpec(random);
                    Map<String, String> expected = legacyIds(repo, commits, spec);
                    ModuleVersionIndex index = ModuleVersions.compute(repo, commits, spec);
                    for (CommitNode c : commits) {
                        assertEquals(expected.get(c.id().name()), index.moduleVersionOf(c.id()).id(),
                                "seed " + seed + ", " + spec + ", commit " + c.subject());
                    }
                    assertEquals(new TreeSet<>(expected.values()).size(), index.size(), spec.toString());
                }
            }
        }
    }

    @Test
    void commitsWithoutAKnownTreeGetTheSameIds() {
        try (GitHistory git = GitHistory.initBare(dir.resolve("r"))) {
            generate(git, new Random(9), 40);
            Repository repo = git.repository();
            List<CommitNode> commits = CommitRange.resolve(repo, CommitSelection.range("main")).commits();
            List<CommitNode> treeless = commits.stream().map(c -> new CommitNode(c.id(), c.parents(), c.subject(),
                    c.authorName(), c.authorEmail(), c.time())).toList();
            ModuleSpec spec = new ModuleSpec(List.of("a/", "top.py"), List.of("**/tests/**"));
            ModuleVersionIndex withTrees = ModuleVersions.compute(repo, commits, spec);
            ModuleVersionIndex without = ModuleVersions.compute(repo, treeless, spec);
            for (CommitNode c : commits) {
                assertEquals(withTrees.moduleVersionOf(c.id()).id(), without.moduleVersionOf(c.id()).id());
            }
        }
    }

    @Test
    void idsAreTheOnesEarlierReleasesComputed() {
        // computed by the release before the trie (main at baa6826): a change here means every cached build
        // and every row id in earlier reports changes meaning
        try (GitHistory git = GitHistory.initBare(dir.resolve("pinned"))) {
            git.commit("one", file("backend/app/a.py", "1"), file("backend/app/tests/t.py", "t"), file("setup.py", "s"))
                    .commit("two", file("backend/app/a.py", "2"));
            Repository repo = git.repository();
            ModuleSpec spec = new ModuleSpec(List.of("backend/app/", "setup.py", "gone/"), List.of("**/tests/**"));
            assertEquals(List.of("88396b6bd720f570", "6b4a5d36449b3c80"),
                    List.of(ModuleVersions.versionOf(repo, git.id("HEAD~1"), spec), ModuleVersions.versionOf(repo, git.id("HEAD"), spec)));
        }
    }

    static Map<String, String> legacyIds(Repository repo, List<CommitNode> commits, ModuleSpec spec) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader)) {
            LegacyModuleHasher legacy = new LegacyModuleHasher(reader, ModulePath.of(spec), ExcludeGlobs.of(spec.exclude()));
            for (CommitNode c : commits) {
                out.put(c.id().name(), legacy.versionOf(walk.parseCommit(c.id()).getTree()));
            }
        }
        return out;
    }

    private static ModuleSpec randomSpec(Random random) {
        Set<String> paths = new TreeSet<>();
        int n = 1 + random.nextInt(4);
        while (paths.size() < n) {
            paths.add(MODULE_PATHS.get(random.nextInt(MODULE_PATHS.size())));
        }
        return new ModuleSpec(new ArrayList<>(paths), EXCLUDES.get(random.nextInt(EXCLUDES.size())));
    }

    /** Random commits on main, topic branches merged back, renames, a file that becomes a folder and back. */
    static void generate(GitHistory git, Random random, int steps) {
        git.bulk(g -> {
            g.commit("root", file("a/x.py", "x0"), file("top.py", "t0"), file("lib", "lib file"), file("docs/index.md", "d0"));
            boolean libIsFile = true;
            for (int i = 0; i < steps; i++) {
                int kind = random.nextInt(10);
                if (kind == 0) {
                    String topic = "topic" + i;
                    g.branch(topic).checkout(topic).commit("topic " + i, file("web/lib/u.js", "u" + i))
                            .commit("topic a " + i, file("a/b/y.py", "topic" + i))
                            .checkout(GitHistory.MAIN).commit("main meanwhile " + i, file("docs/index.md", "m" + i))
                            .merge(topic, "Merge " + topic);
                } else if (kind == 1) {
                    libIsFile = !libIsFile;
                    g.commit("lib becomes " + (libIsFile ? "a file" : "a folder"), libIsFile
                            ? new GitHistory.Change[] {delete("lib/"), file("lib", "lib " + i)}
                            : new GitHistory.Change[] {delete("lib"), file("lib/z.py", "z" + i), file("lib/tests/lt.py", "lt")});
                } else if (kind == 2) {
                    g.commit("rename " + i, random.nextBoolean()
                            ? new GitHistory.Change[] {file("a/b/y.py", "y"), delete("a/b/"), file("a/c/y.py", "moved " + i)}
                            : new GitHistory.Change[] {file("a/x.py", "x"), delete("a/"), file("ünï/cödé.py", "moved " + i)});
                } else if (kind == 3) {
                    g.commit("chmod " + i, random.nextBoolean() ? executable("top.py", "t" + i) : file("top.py", "t" + i));
                } else if (kind == 4) {
                    g.commit("empty " + i);
                } else {
                    String path = FILES.get(random.nextInt(FILES.size()));
                    if (path.equals("lib") || path.startsWith("lib/")) {
                        path = libIsFile ? "lib" : "lib/z.py";
                    }
                    g.commit("change " + i, file(path, "v" + i + " " + random.nextInt(3)));
                }
            }
        });
    }
}
