package dev.authbisect.venue.binance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.Transition;
import dev.authbisect.analysis.Verdict;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.report.ResultJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Binance example (harness-config/binance.yaml, the generic probe, sim/binance-spot.yaml)
 * on a generated history of a Binance client whose open-orders call appends recvWindow after
 * signing: through the real CLI, the regression is a CODE verdict with the right first bad commit,
 * the IP allowlist an ENVIRONMENT one, and bisect names the same commit.
 */
class BinanceAcceptanceTest {
    @TempDir
    static Path dir;
    static BinanceFixture fx;
    static BinanceFixture.Result both;
    static RunResult all;
    static BinanceFixture.Result office;
    static RunResult officeOnly;

    @BeforeAll
    static void runTheExample() throws Exception {
        fx = BinanceFixture.create(dir);
        both = fx.cli("run", "--out", fx.out("both").toString());
        assertTrue(java.nio.file.Files.exists(fx.out("both").resolve("result.json")), both.out() + both.err());
        all = ResultJson.read(fx.out("both").resolve("result.json"));
        office = fx.cli("run", "--env", "office", "--out", fx.out("office").toString());
        officeOnly = ResultJson.read(fx.out("office").resolve("result.json"));
    }

    private static Verdict verdict(RunResult r, String call) {
        return r.verdicts().stream().filter(v -> v.call().equals(call)).findFirst().orElseThrow();
    }

    private static String rowOf(RunResult r, String commitKey) {
        String id = fx.commit(commitKey);
        return r.rows().stream().filter(row -> row.commits().stream().anyMatch(c -> c.id().equals(id)))
                .map(Row::id).findFirst().orElseThrow();
    }

    private static Cell cell(RunResult r, String row, String env, String call) {
        return r.cell(row, env, call).orElseThrow(() -> new AssertionError("no cell " + row + "/" + env + "/" + call));
    }

    @Test
    void theRegressionIsACodeVerdictWithTheRightFirstBadCommit() {
        assertEquals(3, office.code(), office.out() + office.err());
        Verdict v = verdict(officeOnly, "open_orders");
        assertEquals(Verdict.Kind.TRACKS_CODE, v.verdict(), v.sentences()::toString);
        assertEquals(List.of(new Transition("office", Transition.Kind.BROKE, fx.commit("docs"), fx.commit("regression"), "OK",
                "-1022 INVALID_SIGNATURE")), v.transitions());
        assertEquals(Verdict.Kind.PASS, verdict(officeOnly, "account").verdict());
        assertEquals(Verdict.Kind.PASS, verdict(officeOnly, "ticker_price").verdict());
    }

    @Test
    void theRegressedCellSaysTheParameterWasAddedAfterSigning() {
        Cell c = cell(officeOnly, rowOf(officeOnly, "regression"), "office", "open_orders");
        assertEquals(Outcome.AUTH_REJECTED, c.outcome());
        assertEquals(-1022, c.answer().venueCode());
        assertEquals(SignatureCheck.Status.INVALID, c.checks().signature().status());
        assertEquals(List.of("SIGNATURE_NOT_LAST", "PARAM_ADDED_AFTER_SIGNING"),
                c.checks().signature().findings().stream().map(SignatureCheck.Finding::kind).toList());
        assertTrue(c.checks().signature().summary().contains("recvWindow was added after signing"), c.checks().signature().summary());
        assertEquals(Outcome.OK, cell(officeOnly, "ref", "office", "open_orders").outcome());
        assertEquals(Outcome.OK, cell(officeOnly, rowOf(officeOnly, "account"), "office", "open_orders").outcome());
        assertEquals(Outcome.SKIPPED, cell(officeOnly, rowOf(officeOnly, "readme"), "office", "open_orders").outcome(),
                "no client yet: the generic probe exits 125");
    }

    @Test
    void theIpAllowlistIsAnEnvironmentVerdict() {
        assertEquals(3, both.code(), both.out() + both.err());
        Verdict v = verdict(all, "account");
        assertEquals(Verdict.Kind.TRACKS_ENVIRONMENT, v.verdict(), v.sentences()::toString);
        assertTrue(String.join(" ", v.sentences()).contains("`laptop`"), v.sentences()::toString);
        Cell ref = cell(all, "ref", "laptop", "account");
        assertEquals(Outcome.AUTH_REJECTED, ref.outcome());
        assertEquals(-2015, ref.answer().venueCode());
        assertTrue(ref.answer().simReason().contains("203.0.113.7 not in allowlist"), ref.answer().simReason());
        assertEquals(SignatureCheck.Status.VALID, cell(all, rowOf(all, "client"), "laptop", "account").checks().signature().status(),
                "the code signs right: the key's IP restriction refuses it");
        assertEquals(Verdict.Kind.PASS, verdict(all, "ticker_price").verdict(), "public endpoints carry no key");
    }

    @Test
    void bisectNamesTheSameFirstBadCommit() {
        BinanceFixture.Result r = fx.cli("bisect", "--good", fx.commit("client"), "--bad", "HEAD", "--env", "office",
                "--call", "open_orders", "--out", fx.out("bisect").toString());
        assertTrue(r.out().startsWith(fx.commit("regression") + " is the first bad commit\n"), r.out() + r.err());
    }
}
