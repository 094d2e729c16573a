package dev.authbisect.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.bisect.BisectStart.CommitLabel;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BisectionTest {
    /** A tester over a map module version → outcome that records what it was asked. */
    private static final class Recorder implements BisectTester {
        final Function<String, Outcome> outcomeOf;
        final List<String> testedVersions = new ArrayList<>();
        final List<String> testedCommits = new ArrayList<>();

        Recorder(Function<String, Outcome> outcomeOf) {
            this.outcomeOf = outcomeOf;
        }

        @Override
        public TrialOutcome test(String commit, String moduleVersion) {
            testedCommits.add(commit);
            testedVersions.add(moduleVersion);
            return TrialOutcome.of(outcomeOf.apply(moduleVersion));
        }
    }

    @Test
    void aLinearRangeNeedsAboutLog2ModuleVersionsTestsAndNamesTheFirstCommitOfTheFirstBadVersion() {
        Dag dag = new Dag();
        List<String> c = dag.chain("c", 400, null);
        Map<String, String> mv = new HashMap<>();
        for (int i = 0; i < c.size(); i++) {
            mv.put(c.get(i), "mv" + (i / 25));            // 16 module versions, 25 commits each
        }
        Recorder tester = new Recorder(v -> Integer.parseInt(v.substring(2)) >= 11 ? Outcome.AUTH_REJECTED : Outcome.OK);

        BisectResult r = Bisection.on(dag.graph()).bad(c.get(399)).good(c.get(0)).moduleVersions(mv::get).run(tester);

        BisectResult.Found found = assertInstanceOf(BisectResult.Found.class, r);
        assertEquals(c.get(275), found.commit().id());
        assertEquals("mv11", found.moduleVersion());
        assertTrue(tester.testedVersions.size() <= 4, "tests: " + tester.testedVersions);
        assertEquals(tester.testedVersions.stream().distinct().count(), tester.testedVersions.size(), "each version at most once");
        assertEquals(16, r.start().moduleVersionCount());
        assertEquals(ExitCodes.OK, r.exitCode());
        assertEquals(399, r.start().candidateCommits());
    }

    @Test
    void aModuleVersionSeenBeforeTakesItsResultWithoutRunningTheTester() {
        Dag dag = new Dag();
        List<String> c = dag.chain("c", 8, null);
        // c1..c8: A B C A' … a revert brings module version "A" back at c4
        Map<String, String> mv = Map.of("c1", "A", "c2", "B", "c3", "C", "c4", "A", "c5", "D", "c6", "E", "c7", "F", "c8", "G");
        Recorder tester = new Recorder(v -> Set.of("F", "G").contains(v) ? Outcome.API_ERROR : Outcome.OK);

        BisectResult r = Bisection.on(dag.graph()).bad("c8").good("c1").moduleVersions(mv::get).run(tester);

        assertEquals("c7", assertInstanceOf(BisectResult.Found.class, r).commit().id());
        r.steps().stream().filter(s -> s.trial().commit().equals("c4")).forEach(s -> {
            assertEquals(Step.Source.GIVEN, s.source());
            assertEquals(Term.GOOD, s.term());
            assertEquals("c1", s.reusedFrom().orElseThrow());
        });
        assertTrue(!tester.testedCommits.contains("c4"));
    }

    @Test
    void goodEqualToBadIsAUsageError() {
        Dag dag = new Dag();
        dag.chain("c", 3, null);
        ExitException e = assertThrows(ExitException.class,
                () -> Bisection.on(dag.graph()).bad("c2").good("c2").run((c, v) -> TrialOutcome.of(Outcome.OK)));
        assertEquals(ExitCodes.USAGE, e.code());
        assertEquals("--good and --bad are the same commit c2; expected a good commit older than the bad one", e.getMessage());
    }

    @Test
    void aGoodWithoutSharedHistoryIsAUsageError() {
        Dag dag = new Dag();
        dag.chain("a", 3, null);
        dag.chain("b", 3, null);
        ExitException e = assertThrows(ExitException.class,
                () -> Bisection.on(dag.graph()).bad("a3").good("b2").run((c, v) -> TrialOutcome.of(Outcome.OK)));
        assertEquals(ExitCodes.USAGE, e.code());
        assertTrue(e.getMessage().startsWith("--good b2 is not an ancestor of --bad a3 and they share no history"), e.getMessage());
    }

    @Test
    void aGoodAfterTheBadCommitIsAUsageErrorThatSuggestsSwappingThem() {
        Dag dag = new Dag();
        dag.chain("c", 5, null);
        ExitException e = assertThrows(ExitException.class,
                () -> Bisection.on(dag.graph()).bad("c2").good("c4").run((c, v) -> TrialOutcome.of(Outcome.OK)));
        assertTrue(e.getMessage().contains("are --good and --bad swapped?"), e.getMessage());
    }

    @Test
    void anUnknownCommitIsAUsageErrorNamingTheOption() {
        Dag dag = new Dag();
        dag.chain("c", 2, null);
        ExitException e = assertThrows(ExitException.class,
                () -> Bisection.on(dag.graph()).bad("c2").good("zz").run((c, v) -> TrialOutcome.of(Outcome.OK)));
        assertEquals("--good zz: not a commit in the loaded history", e.getMessage());
    }

    /**
     * <pre>
     *   m1 - m2 - m3 - m4 (bad)
     *          \
     *           s1 - s2 (good, a fix never merged)
     * </pre>
     */
    @Test
    void aGoodThatIsNotAnAncestorHasItsMergeBaseTestedFirst() {
        Dag dag = new Dag();
        dag.chain("m", 2, null);
        dag.commit("s1", "m2");
        dag.commit("s2", "s1");
        dag.commit("m3", "m2");
        dag.commit("m4", "m3");
        Recorder tester = new Recorder(v -> Set.of("m4", "m3").contains(v) ? Outcome.AUTH_REJECTED : Outcome.OK);

        BisectResult r = Bisection.on(dag.graph()).bad("m4").good("s2").run(tester);

        assertEquals("m2", tester.testedCommits.get(0));
        assertEquals(Trial.Kind.MERGE_BASE, r.steps().get(0).trial().kind());
        assertEquals("m3", assertInstanceOf(BisectResult.Found.class, r).commit().id());
    }

    @Test
    void aBadMergeBaseMeansTheBugWasFixedBetweenItAndTheGoodCommit() {
        Dag dag = new Dag();
        dag.chain("m", 2, null);
        dag.commit("s1", "m2");
        dag.commit("s2", "s1");
        dag.commit("m3", "m2");
        Recorder tester = new Recorder(v -> v.equals("s2") || v.equals("s1") ? Outcome.OK : Outcome.AUTH_REJECTED);

        BisectResult r = Bisection.on(dag.graph()).bad("m3").good("s2").run(tester);

        BisectResult.MergeBaseBad mb = assertInstanceOf(BisectResult.MergeBaseBad.class, r);
        assertEquals("m2", mb.mergeBase().id());
        assertEquals(List.of("s2"), mb.goods().stream().map(CommitLabel::id).toList());
        assertEquals("The merge base m2 is bad. This means the bug has been fixed between m2 and [s2].",
                BisectText.conclusion(r));
    }

    /**
     * <pre>
     *   m1 - m2 ----------- M (merge, bad) - m3 (bad)
     *          \           /
     *           f1 - f2 - f3        f2 brought the bug
     * </pre>
     */
    @Test
    void firstParentModeNamesTheMergeAndNeverTestsTheSideBranch() {
        Dag dag = new Dag();
        dag.chain("m", 2, null);
        dag.commit("f1", "m2");
        dag.commit("f2", "f1");
        dag.commit("f3", "f2");
        dag.commit("M", "m2", "f3");
        dag.commit("m3", "M");
        Set<String> bad = Set.of("f2", "f3", "M", "m3");
        Recorder tester = new Recorder(v -> bad.contains(v) ? Outcome.AUTH_REJECTED : Outcome.OK);

        BisectResult fp = Bisection.on(dag.graph()).bad("m3").good("m1").firstParent(true).run(tester);
        assertEquals("M", assertInstanceOf(BisectResult.Found.class, fp).commit().id());
        assertTrue(tester.testedCommits.stream().noneMatch(c -> c.startsWith("f")), "tested " + tester.testedCommits);

        BisectResult full = Bisection.on(dag.graph()).bad("m3").good("m1").run(new Recorder(tester.outcomeOf));
        assertEquals("f2", assertInstanceOf(BisectResult.Found.class, full).commit().id());
    }

    @Test
    void whenEveryCandidateIsSkippedTheFirstBadIsOneOfThemAndTheBadCommit() {
        Dag dag = new Dag();
        List<String> c = dag.chain("c", 6, null);
        Recorder tester = new Recorder(v -> Outcome.PROBE_ERROR);

        BisectResult r = Bisection.on(dag.graph()).bad("c6").good("c1").run(tester);

        BisectResult.OnlySkippedLeft left = assertInstanceOf(BisectResult.OnlySkippedLeft.class, r);
        assertEquals(Set.copyOf(c.subList(1, 6)), Set.copyOf(left.candidates().stream().map(CommitLabel::id).toList()));
        assertEquals("c6", left.candidates().get(left.candidates().size() - 1).id());
        assertEquals(4, tester.testedCommits.size());
        assertTrue(r.steps().stream().allMatch(s -> s.term() == Term.SKIP));
        assertEquals(ExitCodes.INCOMPLETE, r.exitCode());
    }

    @Test
    void theSameModuleVersionAtGoodAndBadMeansNothingCanBeTested() {
        Dag dag = new Dag();
        dag.chain("c", 4, null);
        Recorder tester = new Recorder(v -> Outcome.OK);

        BisectResult r = Bisection.on(dag.graph()).bad("c4").good("c1").moduleVersions(c -> "same").run(tester);

        BisectResult.NoTestableCommit none = assertInstanceOf(BisectResult.NoTestableCommit.class, r);
        assertTrue(none.reason().contains("same module version"), none.reason());
        assertTrue(tester.testedCommits.isEmpty());
    }

    @Test
    void badOnAuthRejectedTreatsOtherApiErrorsAsGoodAndTransportErrorsAsSkips() {
        Dag dag = new Dag();
        dag.chain("c", 9, null);
        Map<String, Outcome> outcome = Map.of("c2", Outcome.API_ERROR, "c3", Outcome.TRANSPORT_ERROR, "c4", Outcome.API_ERROR,
                "c5", Outcome.API_ERROR, "c6", Outcome.AUTH_REJECTED, "c7", Outcome.AUTH_REJECTED, "c8", Outcome.AUTH_REJECTED);
        Recorder tester = new Recorder(outcome::get);

        BisectResult r = Bisection.on(dag.graph()).bad("c9").good("c1").terms(BisectTerms.parse("auth_rejected")).run(tester);

        assertEquals("c6", assertInstanceOf(BisectResult.Found.class, r).commit().id());
        r.steps().forEach(s -> assertEquals(BisectTerms.parse("AUTH_REJECTED").termOf(s.outcome().orElseThrow()), s.term()));
    }

    @Test
    void theListenerHearsEachTestBeforeItRunsAndEachStepAfter() {
        Dag dag = new Dag();
        dag.chain("c", 10, null);
        List<String> events = new ArrayList<>();
        BisectListener listener = new BisectListener() {
            @Override
            public void testing(Trial trial) {
                events.add("testing " + trial.commit());
            }

            @Override
            public void stepped(Step step) {
                events.add(step.term().word() + " " + step.trial().commit());
            }
        };
        Bisection.on(dag.graph()).bad("c10").good("c1").listener(listener)
                .run((c, v) -> TrialOutcome.of(Integer.parseInt(c.substring(1)) >= 7 ? Outcome.AUTH_REJECTED : Outcome.OK));

        assertEquals("testing c5", events.get(0));
        assertEquals("good c5", events.get(1));
        assertEquals(0, events.size() % 2);
    }
}
