package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code authbisect bisect} through the real CLI on the pipeline fixture's history. */
class BisectAcceptanceTest {
    @TempDir
    static Path dir;
    static PipelineFixture fx;

    @BeforeAll
    static void fixture() throws Exception {
        fx = PipelineFixture.python(dir.resolve("py"));
    }

    private PipelineFixture.Result bisect(String out, String... args) {
        String[] base = {"bisect", "--config", fx.configFile().toString(), "--cache", fx.cache().toString(), "--out",
                dir.resolve(out).toString()};
        String[] all = new String[base.length + args.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(args, 0, all, base.length, args.length);
        return fx.cli(all);
    }

    @Test
    void findsTheCommitThatBrokeTheCallTestingEachModuleVersionOnce() throws Exception {
        int probesBefore = fx.probeLog().size();
        PipelineFixture.Result r = bisect("b1", "--good", fx.commits.get("client").name(), "--bad", fx.commits.get("merge").name(),
                "--env", "office", "--call", "balance");
        assertEquals(0, r.code(), r.err());
        String regression = fx.commits.get("regression").name();
        assertTrue(r.out().startsWith(regression + " is the first bad commit\n"), r.out());
        assertTrue(r.out().contains("sign request ids with the nonce"), r.out());
        assertTrue(r.out().contains("module paths changed: broker/client.py"), r.out());
        // candidates web, docs, regression, style, merge hold two module versions: the good one's and the bad one's,
        // each probed once by the premise checks; nothing between them needed a probe
        assertEquals(probesBefore + 2, fx.probeLog().size(), "only the two ends were probed: " + r.err());
        assertTrue(r.err().contains("checking " + fx.commits.get("merge").name().substring(0, 7) + " (module version"), r.err());
        assertTrue(r.err().contains("reference client → OK (good)"), r.err());
        assertTrue(r.out().contains("first bad " + regression.substring(0, 7) + " (tested at "
                + fx.commits.get("merge").name().substring(0, 7) + ", same module version): AUTH_REJECTED 40101"), r.out());
        assertTrue(Files.readString(dir.resolve("b1/bisect.json")).contains(regression));
        assertTrue(Files.readString(dir.resolve("b1/bisect.log")).contains("# first bad commit: [" + regression + "]"));
        assertTrue(Files.readString(dir.resolve("b1/bisect.html")).contains("is the first bad commit"));
    }

    @Test
    void stepsAreReportedAndSkippedVersionsAreAvoided() throws Exception {
        // looking for the fix (--bad-on OK): v2 fails ("good"), v4 passes ("bad"); v3 between does not build: a skip
        PipelineFixture.Result r = bisect("b2", "--good", fx.commits.get("merge").name(), "--bad", fx.commits.get("fix").name(),
                "--env", "office", "--call", "balance", "--bad-on", "OK");
        assertEquals(4, r.code(), r.err());
        assertTrue(r.err().matches("(?s).*testing [0-9a-f]{7} \\(module version \\d+ of \\d+, ~\\d+ steps? left\\) → SKIPPED.*"),
                r.err());
        assertTrue(r.out().contains("There are only 'skip'ped commits left to test"), r.out());
    }

    @Test
    void aBadCommitThatCannotBeTestedIsNotTrusted() throws Exception {
        // the changelog commit carries v3, which does not build: bisect cannot check that it is bad
        PipelineFixture.Result r = bisect("b2b", "--good", fx.commits.get("client").name(), "--bad", fx.commits.get("changelog").name(),
                "--env", "office", "--call", "balance");
        assertEquals(4, r.code(), r.err());
        assertTrue(r.out().startsWith("Cannot bisect: --bad " + fx.commits.get("changelog").name().substring(0, 7)), r.out());
        assertTrue(r.out().contains("could not be tested (SKIPPED: build failed"), r.out());
        assertFalse(r.out().contains("is the first bad commit"), r.out());
    }

    @Test
    void badInputIsOneLineAndExit2() {
        String c = fx.commits.get("client").name();
        assertOneLine(bisect("x1", "--good", c, "--bad", c, "--env", "office", "--call", "balance"), "");
        assertOneLine(bisect("x2", "--good", "nope", "--bad", c, "--env", "office", "--call", "balance"), "--good 'nope': unknown revision");
        assertOneLine(bisect("x3", "--good", c, "--bad", "HEAD", "--env", "staging", "--call", "balance"), "staging");
        assertOneLine(bisect("x4", "--good", c, "--bad", "HEAD", "--env", "office", "--call", "withdraw"), "withdraw");
    }

    @Test
    void aGoodCommitThatSharesNoHistoryWithBadIsOneLineAndExit2() throws Exception {
        Path repo = fx.dir.resolve("repo");
        dev.authbisect.testkit.GitCli.run(repo, "checkout", "-q", "--orphan", "lonely");
        dev.authbisect.testkit.GitCli.run(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q",
                "--allow-empty", "-m", "unrelated root");
        String lonely = dev.authbisect.testkit.GitCli.lines(repo, "rev-parse", "HEAD").get(0);
        dev.authbisect.testkit.GitCli.run(repo, "checkout", "-q", "-f", "main");
        PipelineFixture.Result r = bisect("x5", "--good", lonely, "--bad", fx.commits.get("merge").name(), "--env", "office",
                "--call", "balance");
        assertOneLine(r, "");
        assertTrue(r.err().contains("is not an ancestor of --bad") && r.err().contains("share no history"), r.err());
    }

    private static void assertOneLine(PipelineFixture.Result r, String contains) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(contains), r.err());
    }
}
