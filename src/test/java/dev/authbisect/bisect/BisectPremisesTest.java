package dev.authbisect.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * bisect checks its premises before halving: --bad must be bad, every --good good (tested once per module
 * version), and the reference client decides what a bad good commit means. None of the premise endings
 * names a first bad commit or exits 0.
 */
class BisectPremisesTest {
    private static final TrialOutcome FAIL = new TrialOutcome(Outcome.AUTH_REJECTED, "40101 UNAUTHORIZED",
            "simulator: UNAUTHORIZED: ip 203.0.113.7 not in allowlist", 1, true, "");
    private static final TrialOutcome PASS = TrialOutcome.of(Outcome.OK);

    /** c1 … c10 linear, each its own module version. */
    private static BisectGraph line(List<String> ids) {
        Dag dag = new Dag();
        ids.addAll(dag.chain("c", 10, null));
        return dag.graph();
    }

    private static final class Tester implements BisectTester {
        final List<String> tested = new ArrayList<>();
        final Function<String, TrialOutcome> outcomeOf;

        Tester(Function<String, TrialOutcome> outcomeOf) {
            this.outcomeOf = outcomeOf;
        }

        @Override
        public TrialOutcome test(String commit, String moduleVersion) {
            tested.add(commit);
            return outcomeOf.apply(commit);
        }
    }

    /** The commit's index in the chain (c1 is 0). */
    private static int n(String commit) {
        return Integer.parseInt(commit.substring(1)) - 1;
    }

    private static Bisection on(BisectGraph g, List<String> c, TrialOutcome reference) {
        return Bisection.on(g).bad(c.get(9)).good(c.get(0)).scope("local", "get_open_orders", 1).premises(() -> reference);
    }

    @Test
    void aGoodCommitFailingLikeTheReferenceTracksTheEnvironmentNoCommitIsToBlame() {
        List<String> c = new ArrayList<>();
        BisectGraph g = line(c);
        Tester t = new Tester(x -> FAIL);
        BisectResult r = on(g, c, FAIL).run(t);
        BisectResult.PremiseFailed p = assertInstanceOf(BisectResult.PremiseFailed.class, r);
        assertEquals(BisectResult.Premise.GOOD_FAILS_IN_ENVIRONMENT, p.premise());
        assertTrue(p.reason().endsWith("so the failure tracks the environment: the reference client fails the same way under"
                + " local (AUTH_REJECTED 40101 UNAUTHORIZED); no commit is to blame."), p.reason());
        assertEquals(ExitCodes.FAILURES, r.exitCode());
        assertEquals(List.of(c.get(9), c.get(0)), t.tested, "only the ends were tested");
        assertTrue(BisectText.conclusion(r).contains("no commit is to blame"));
    }

    @Test
    void aGoodCommitFailingWhileTheReferencePassesMeansTheRangeStartsTooLate() {
        List<String> c = new ArrayList<>();
        BisectGraph g = line(c);
        BisectResult r = on(g, c, PASS).run(new Tester(x -> FAIL));
        BisectResult.PremiseFailed p = assertInstanceOf(BisectResult.PremiseFailed.class, r);
        assertEquals(BisectResult.Premise.GOOD_FAILS, p.premise());
        assertTrue(p.reason().contains("while the reference client passes under local: the regression is older than the range;"
                + " widen it (give an older --good)."), p.reason());
        assertEquals(ExitCodes.INCOMPLETE, r.exitCode());
    }

    @Test
    void aGoodCommitFailingWhileTheReferenceIsUndecidedOrFailsDifferentlyDecidesNothing() {
        List<String> c = new ArrayList<>();
        BisectGraph g = line(c);
        BisectResult undecided = on(g, c, TrialOutcome.of(Outcome.TRANSPORT_ERROR)).run(new Tester(x -> FAIL));
        BisectResult.PremiseFailed p = assertInstanceOf(BisectResult.PremiseFailed.class, undecided);
        assertEquals(BisectResult.Premise.GOOD_FAILS_UNDETERMINED, p.premise());
        assertTrue(p.reason().contains("and the reference client could not be tested under local (TRANSPORT_ERROR): this"
                + " does not tell the environment from an older regression"), p.reason());
        BisectResult differently = on(g, c, new TrialOutcome(Outcome.API_ERROR, "40002 METHOD_NOT_FOUND"))
                .run(new Tester(x -> FAIL));
        assertEquals(BisectResult.Premise.GOOD_FAILS_UNDETERMINED, ((BisectResult.PremiseFailed) differently).premise());
        assertEquals(ExitCodes.INCOMPLETE, differently.exitCode());
    }

    @Test
    void aGoodCommitFailingForAHarnessReasonSaysSoBeforeBlamingTheEnvironment() {
        List<String> c = new ArrayList<>();
        BisectGraph g = line(c);
        TrialOutcome nonce = new TrialOutcome(Outcome.AUTH_REJECTED, "40102 INVALID_NONCE", "clock: nonce …", 1, true,
                "its nonce follows this host's clock, not the simulator's fixed clock: nonce …");
        BisectResult r = on(g, c, FAIL).run(new Tester(x -> nonce));
        BisectResult.PremiseFailed p = assertInstanceOf(BisectResult.PremiseFailed.class, r);
        assertEquals(BisectResult.Premise.GOOD_FAILS_HARNESS, p.premise());
        assertTrue(p.reason().contains("and the test set-up explains it, not the code: its nonce follows this host's clock"),
                p.reason());
        assertEquals(ExitCodes.INCOMPLETE, r.exitCode());
    }

    @Test
    void aBadCommitThatPassesIsNothingToBisectAndTheGoodIsNotEvenTested() {
        List<String> c = new ArrayList<>();
        BisectGraph g = line(c);
        Tester t = new Tester(x -> PASS);
        BisectResult r = on(g, c, PASS).run(t);
        BisectResult.PremiseFailed p = assertInstanceOf(BisectResult.PremiseFailed.class, r);
        assertEquals(BisectResult.Premise.BAD_PASSES, p.premise());
        assertTrue(p.reason().startsWith("Nothing to bisect: --bad c10 (“subject of c10”) is not bad under local: it answers OK, which passes."),
                p.reason());
        assertEquals(List.of(c.get(9)), t.tested);
        assertEquals(ExitCodes.INCOMPLETE, r.exitCode());
    }

    @Test
    void untestableEndsAreNotTrusted() {
        List<String> c = new ArrayList<>();
        BisectGraph g = line(c);
        BisectResult bad = on(g, c, PASS).run(new Tester(x -> TrialOutcome.of(Outcome.TRANSPORT_ERROR)));
        assertEquals(BisectResult.Premise.BAD_UNTESTED, ((BisectResult.PremiseFailed) bad).premise());
        BisectResult good = on(g, c, PASS).run(new Tester(x -> n(x) == 0 ? new TrialOutcome(Outcome.SKIPPED, "")
                : FAIL));
        BisectResult.PremiseFailed p = (BisectResult.PremiseFailed) good;
        assertEquals(BisectResult.Premise.GOOD_UNTESTED, p.premise());
        assertTrue(p.reason().contains("so it cannot be trusted as good"), p.reason());
        assertEquals(ExitCodes.INCOMPLETE, good.exitCode());
    }

    @Test
    void whenThePremisesHoldTheirResultsAreReusedAndTheAnswerCarriesBothEndsEvidence() {
        List<String> c = new ArrayList<>();
        BisectGraph g = line(c);
        Tester t = new Tester(x -> n(x) >= 6 ? new TrialOutcome(Outcome.AUTH_REJECTED, "40101 UNAUTHORIZED",
                "signature INVALID: end_time rendered 1766131200000.0 vs 1766131200000", 1, true, "") : PASS);
        BisectResult r = on(g, c, PASS).run(t);
        BisectResult.Found f = assertInstanceOf(BisectResult.Found.class, r);
        assertEquals(c.get(6), f.commit().id());
        assertEquals(t.tested.stream().distinct().count(), t.tested.size(), "every commit tested at most once");
        assertEquals(Trial.Kind.PREMISE, r.steps().get(0).trial().kind());
        assertEquals(Trial.Kind.PREMISE, r.steps().get(1).trial().kind());
        assertEquals("AUTH_REJECTED 40101 UNAUTHORIZED", f.firstBad().orElseThrow().outcome());
        assertTrue(f.firstBad().orElseThrow().diagnosis().contains("end_time rendered 1766131200000.0 vs 1766131200000"));
        assertEquals(c.get(5), f.lastGood().orElseThrow().commit().id());
        assertEquals("OK", f.lastGood().orElseThrow().outcome());
        assertEquals(List.of("first bad " + c.get(6) + ": AUTH_REJECTED 40101 UNAUTHORIZED — signature INVALID: end_time"
                + " rendered 1766131200000.0 vs 1766131200000", "last good " + c.get(5) + ": OK"), BisectText.evidence(f));
        assertEquals(PASS, r.start().reference().orElseThrow());
        assertEquals(ExitCodes.OK, r.exitCode());
    }

    @Test
    void repetitionsThatDisagreeMakeThePointASkipAndTheAnswerCountsAgreement() {
        List<String> c = new ArrayList<>();
        BisectGraph g = line(c);
        Map<String, Integer> calls = new HashMap<>();
        Tester t = new Tester(x -> {
            calls.merge(x, 1, Integer::sum);
            if (n(x) == 4) {
                return new TrialOutcome(Outcome.FLAKY, "", "repetitions disagree: OK, 40101 UNAUTHORIZED", 3, false, "");
            }
            return new TrialOutcome(n(x) >= 6 ? Outcome.AUTH_REJECTED : Outcome.OK, n(x) >= 6 ? "40101 UNAUTHORIZED" : "", "",
                    3, true, "");
        });
        BisectResult r = Bisection.on(g).bad(c.get(9)).good(c.get(0)).scope("local", "get_open_orders", 3)
                .premises(() -> PASS).run(t);
        assertEquals(c.get(6), assertInstanceOf(BisectResult.Found.class, r).commit().id());
        assertTrue(r.steps().stream().anyMatch(s -> s.trial().commit().equals(c.get(4)) && s.term() == Term.SKIP
                && !s.agreed()), r.steps()::toString);
        long tested = r.testsRun();
        assertEquals(tested - 1, r.pointsAgreed());
        assertTrue(BisectText.conclusion(r).contains(tested + " points tested 3 times each, " + (tested - 1) + " agreed, 1"
                + " disagreed and counted as skips"), BisectText.conclusion(r));
    }

    @Test
    void withBadOnOkTheAnswerIsTheFixAndReadsTheRightWayRound() {
        List<String> c = new ArrayList<>();
        BisectGraph g = line(c);
        BisectResult r = Bisection.on(g).bad(c.get(9)).good(c.get(0)).terms(BisectTerms.parse("OK"))
                .scope("prod", "get_order_history", 1).premises(() -> PASS)
                .run(new Tester(x -> n(x) >= 4 ? PASS : FAIL));
        BisectResult.Found f = assertInstanceOf(BisectResult.Found.class, r);
        assertEquals(c.get(4), f.commit().id());
        assertTrue(BisectText.conclusion(r).endsWith("; bad = OK (--bad-on): the first commit where get_order_history answers"
                + " OK under prod: the fix"), BisectText.conclusion(r));
    }

    @Test
    void anyUndecidedClassIsASkipEvenOneAddedLater() {
        for (Outcome o : Outcome.values()) {
            if (!o.decisive()) {
                assertEquals(Term.SKIP, BisectTerms.defaults().termOf(o), o.name());
                assertEquals(Term.SKIP, BisectTerms.parse("AUTH_REJECTED").termOf(o), o.name());
            }
        }
    }
}
