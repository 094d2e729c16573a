package dev.authbisect.analysis;

import static dev.authbisect.analysis.RunFixture.commit;
import static dev.authbisect.analysis.RunFixture.id;
import static dev.authbisect.analysis.RunFixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class VerdictAnalyzerTest {
    private static final String CALL = "get_open_orders";

    private static Verdict only(RunResult r) {
        List<Verdict> v = VerdictAnalyzer.analyze(r);
        assertEquals(1, v.size(), "one verdict per call");
        return v.get(0);
    }

    private static String text(Verdict v) {
        return String.join(" ", v.sentences());
    }

    private static String shortOf(String name) {
        return id(name).substring(0, 7);
    }

    @Nested
    class SeedIncidentCalls {
        private final RunResult seed = SeedIncident.result();
        private final List<Verdict> verdicts = VerdictAnalyzer.analyze(seed);

        private Verdict of(String call) {
            return verdicts.stream().filter(v -> v.call().equals(call)).findFirst().orElseThrow();
        }

        @Test
        void openOrdersFailingOnlyUnderLocalWithTheReferenceTracksTheEnvironment() {
            Verdict v = of(SeedIncident.OPEN);
            assertEquals(Verdict.Kind.TRACKS_ENVIRONMENT, v.verdict());
            assertEquals(List.of("All 9 module versions (214 commits) and the reference client fail `get_open_orders`"
                    + " under `local` with 40101 UNAUTHORIZED; all pass under `prod`.",
                    "The failure tracks the ENVIRONMENT."), v.sentences());
            assertTrue(v.transitions().isEmpty());
        }

        @Test
        void orderHistoryBrokenInsideAWindowTracksTheCodeWithFirstBadAndFix() {
            Verdict v = of(SeedIncident.HISTORY);
            assertEquals(Verdict.Kind.TRACKS_CODE, v.verdict());
            String firstBad = id(SeedIncident.nameOfFirst(4));
            String lastGood = id(SeedIncident.nameOfLast(3));
            String fix = id(SeedIncident.nameOfFirst(7));
            assertEquals(List.of(
                    new Transition("local", Transition.Kind.BROKE, lastGood, firstBad, "OK", "40101 UNAUTHORIZED"),
                    new Transition("local", Transition.Kind.FIXED, id(SeedIncident.nameOfLast(6)), fix,
                            "40101 UNAUTHORIZED", "OK"),
                    new Transition("prod", Transition.Kind.BROKE, lastGood, firstBad, "OK", "40101 UNAUTHORIZED"),
                    new Transition("prod", Transition.Kind.FIXED, id(SeedIncident.nameOfLast(6)), fix,
                            "40101 UNAUTHORIZED", "OK")), v.transitions());
            assertEquals(List.of("`get_order_history` broke at `" + firstBad.substring(0, 7)
                    + "` (“send times as floats”; last good `" + lastGood.substring(0, 7) + "`) in every environment"
                    + " (40101 UNAUTHORIZED, signature: start_time, end_time rendered differently) and was fixed at `"
                    + fix.substring(0, 7) + "` (“ensure integer types”).",
                    "The failure tracks the CODE."), v.sentences());
        }

        @Test
        void accountSummaryFailingUnderLocalAndInAWindowUnderProdIsMixedWithOneSentencePerCause() {
            Verdict v = of(SeedIncident.SUMMARY);
            assertEquals(Verdict.Kind.MIXED, v.verdict());
            assertEquals(3, v.sentences().size(), v.sentences()::toString);
            assertEquals("All 9 module versions (214 commits) and the reference client fail `get_account_summary`"
                    + " under `local` with 40101 UNAUTHORIZED; 8 of them pass under `prod`: this part tracks the ENVIRONMENT.",
                    v.sentences().get(0));
            assertEquals("`get_account_summary` broke at `" + shortOf(SeedIncident.nameOfFirst(5))
                    + "` (“change endpoint to private/get-account-summary”; last good `"
                    + shortOf(SeedIncident.nameOfLast(4)) + "`) under `prod` (40002 METHOD_NOT_FOUND) and was fixed at `"
                    + shortOf(SeedIncident.nameOfFirst(6)) + "` (“revert endpoint change”): this part tracks the CODE.",
                    v.sentences().get(1));
            assertEquals("The failures are MIXED: the ENVIRONMENT under `local`, the CODE under `prod`.",
                    v.sentences().get(2));
            assertEquals(2, v.transitions().size());
            assertTrue(v.transitions().stream().allMatch(t -> t.env().equals("prod")));
        }

        @Test
        void theDemosShapeIsMixedWithTheEnvironmentUnderLocalAndTheCodeUnderProd() {
            // the real exchange checks the method before the key: inside the window local answers 40002, not 40101
            RunResult r = SeedIncident.fixture()
                    .versions(5, 5, "local", SeedIncident.SUMMARY, Outcome.API_ERROR, 40002, "METHOD_NOT_FOUND").build();
            Verdict v = VerdictAnalyzer.analyze(r).stream().filter(x -> x.call().equals(SeedIncident.SUMMARY)).findFirst().orElseThrow();
            assertEquals(Verdict.Kind.MIXED, v.verdict(), v.sentences()::toString);
            assertEquals("All 9 module versions (214 commits) and the reference client fail `get_account_summary` under `local`"
                    + " with 40101 UNAUTHORIZED (8 versions) or 40002 METHOD_NOT_FOUND (1); 8 of them pass under `prod`:"
                    + " this part tracks the ENVIRONMENT.", v.sentences().get(0));
            assertEquals("The failures are MIXED: the ENVIRONMENT under `local`, the CODE under `prod`.", v.sentences().get(2));
            assertTrue(v.transitions().stream().allMatch(t -> t.env().equals("prod")), v.transitions()::toString);
        }

        @Test
        void theSeedRunExitsWithFailuresFound() {
            assertEquals(ExitCodes.FAILURES, VerdictAnalyzer.exitCode(seed, verdicts));
            RunResult applied = VerdictAnalyzer.apply(seed);
            assertEquals(verdicts, applied.verdicts());
            assertEquals(ExitCodes.FAILURES, applied.exitCode());
        }
    }

    @Nested
    class EveryModuleVersionFails {
        @Test
        void referencePassingWhereAllVersionsFailMeansTheCodeHasAlwaysBeenWrong() {
            RunResult r = RunFixture.linear(3, 2).withReference().envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .signature(1, 3, "local", CALL, SeedIncident.floatTimes()).build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.TRACKS_CODE, v.verdict());
            assertEquals(List.of("All 3 module versions (6 commits) fail `get_open_orders` under `local` with 40101"
                    + " UNAUTHORIZED (signature: start_time, end_time rendered differently), while the reference client"
                    + " passes there: the code has always been wrong.", "The failure tracks the CODE."), v.sentences());
            assertTrue(v.transitions().isEmpty());
        }

        @Test
        void referenceFailingTheSameWayMeansTheEnvironmentEvenWithADifferentCode() {
            RunResult r = RunFixture.linear(2, 1).withReference().envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .reference("local", CALL, Outcome.AUTH_REJECTED, 40103, "IP_ILLEGAL").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.TRACKS_ENVIRONMENT, v.verdict());
            assertTrue(text(v).contains("(the reference client with 40103 IP_ILLEGAL)"), text(v));
        }

        @Test
        void referenceFailingDifferentlyDoesNotProveTheEnvironment() {
            RunResult r = RunFixture.linear(2, 1).withReference().envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .reference("local", CALL, Outcome.API_ERROR, 40002, "METHOD_NOT_FOUND").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.INCONCLUSIVE, v.verdict());
            assertTrue(text(v).contains("; the reference client fails differently under `local` (40002 METHOD_NOT_FOUND) and no"
                    + " other environment shows them passing: this alone does not tell code from environment."), text(v));
        }

        @Test
        void withoutReferenceTheSameVersionsPassingElsewhereMeansTheEnvironment() {
            RunResult r = RunFixture.linear(4, 5).envs("local", "prod").calls(CALL)
                    .allVersions("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.TRACKS_ENVIRONMENT, v.verdict());
            assertEquals(List.of("All 4 module versions (20 commits) fail `get_open_orders` under `local` with 40101"
                    + " UNAUTHORIZED, while all of them pass under `prod` (no reference result under `local`).",
                    "The failure tracks the ENVIRONMENT."), v.sentences());
            assertEquals(List.of(new Cause(Cause.Kind.ENVIRONMENT, "local", Cause.Reason.PASSES_ELSEWHERE,
                    "the same module versions pass under prod", "", List.of(), Outcome.AUTH_REJECTED, 40101, List.of("prod"))),
                    v.causes(), "the same in result.json's terms");
        }

        @Test
        void withoutReferenceAndWithoutAnotherEnvironmentNothingTells() {
            RunResult r = RunFixture.linear(3, 1).envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.INCONCLUSIVE, v.verdict());
            assertTrue(text(v).contains("no reference result under `local`"), text(v));
            assertTrue(text(v).endsWith("add the reference row or a second environment to tell code from environment."));
            assertEquals(ExitCodes.INCOMPLETE, VerdictAnalyzer.exitCode(r, List.of(v)));
        }

        @Test
        void aReferenceThatWasNotDecidedCountsAsMissing() {
            RunResult r = RunFixture.linear(2, 1).withReference().envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .reference("local", CALL, Outcome.TRANSPORT_ERROR, null, null).build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.INCONCLUSIVE, v.verdict());
            assertTrue(text(v).contains("the reference client was not decided under `local` (TRANSPORT_ERROR)"), text(v));
        }

        @Test
        void allFailingEverywhereWithTheReferenceFailingEverywhereTracksTheEnvironmentInBoth() {
            RunResult r = RunFixture.linear(2, 3).withReference().envs("local", "prod").calls(CALL)
                    .allVersions("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .allVersions("prod", CALL, Outcome.AUTH_REJECTED, 40103, "IP_ILLEGAL")
                    .reference("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .reference("prod", CALL, Outcome.AUTH_REJECTED, 40103, "IP_ILLEGAL").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.TRACKS_ENVIRONMENT, v.verdict());
            assertEquals(3, v.sentences().size());
            assertTrue(v.sentences().get(1).contains("under `prod` with 40103 IP_ILLEGAL"));
        }
    }

    @Nested
    class EdgeCases {
        @Test
        void aSingleModuleVersionIsNamedTheOnlyOne() {
            RunResult r = RunFixture.linear(1, 3).withReference().envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .reference("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.TRACKS_ENVIRONMENT, v.verdict());
            assertTrue(text(v).startsWith("The only module version (3 commits) and the reference client fail"), text(v));
        }

        @Test
        void aSingleFailingModuleVersionWithoutReferenceFails() {
            RunResult r = RunFixture.linear(1, 1).envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.API_ERROR, 40002, "METHOD_NOT_FOUND").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.INCONCLUSIVE, v.verdict());
            assertTrue(text(v).startsWith("The only module version (1 commit) fails `get_open_orders` under `local`"
                    + " with 40002 METHOD_NOT_FOUND; there is no reference result under `local` and no other environment"
                    + " shows it passing"), text(v));
        }

        @Test
        void everythingPassingIsAPass() {
            RunResult r = RunFixture.linear(5, 2).withReference().envs("local", "prod").calls(CALL).build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.PASS, v.verdict());
            assertEquals(List.of("All 5 module versions (10 commits) and the reference client pass `get_open_orders`"
                    + " in every environment.", "Nothing fails."), v.sentences());
            assertEquals(ExitCodes.OK, VerdictAnalyzer.exitCode(r, List.of(v)));
        }

        @Test
        void allSkippedIsInconclusive() {
            RunResult r = RunFixture.linear(3, 1).withReference().envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.SKIPPED, null, null).build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.INCONCLUSIVE, v.verdict());
            assertEquals(List.of("No module version gave a decisive result for `get_open_orders` under `local`"
                    + " (3 skipped).", "The verdict is INCONCLUSIVE: nothing was decided; fix what kept the module"
                    + " versions from being tested."), v.sentences());
            assertEquals(ExitCodes.INCOMPLETE, VerdictAnalyzer.exitCode(r, List.of(v)));
        }

        @Test
        void errorsAndFlakyCellsNeverDecide() {
            RunResult r = RunFixture.linear(4, 1).withReference().envs("local").calls(CALL)
                    .cell("mv1", "local", CALL, Outcome.TRANSPORT_ERROR, null, null)
                    .cell("mv2", "local", CALL, Outcome.FLAKY, null, null)
                    .cell("mv3", "local", CALL, Outcome.PROBE_ERROR, null, null)
                    .remove("mv4", "local", CALL).build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.INCONCLUSIVE, v.verdict());
            assertTrue(text(v).contains("(1 transport error, 1 flaky, 1 probe error, 1 not run)"), text(v));
        }

        @Test
        void aPassWithAnUntestedEnvironmentIsIncomplete() {
            RunResult r = RunFixture.linear(2, 1).envs("local", "prod").calls(CALL)
                    .allVersions("prod", CALL, Outcome.SKIPPED, null, null).build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.PASS, v.verdict());
            assertTrue(text(v).contains("No module version gave a decisive result for `get_open_orders` under `prod`"));
            assertEquals(ExitCodes.INCOMPLETE, VerdictAnalyzer.exitCode(r, List.of(v)));
        }

        @Test
        void flakyVersionsInsideAWindowAreLookedThroughToTheLastDecidedCommit() {
            RunResult r = RunFixture.linear(5, 2).envs("local").calls(CALL)
                    .cell("mv2", "local", CALL, Outcome.FLAKY, null, null)
                    .cell("mv3", "local", CALL, Outcome.SKIPPED, null, null)
                    .versions(4, 5, "local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.TRACKS_CODE, v.verdict());
            assertEquals(List.of(new Transition("local", Transition.Kind.BROKE, id("c2"), id("c7"), "OK",
                    "40101 UNAUTHORIZED")), v.transitions());
            assertTrue(text(v).contains("and still fails at the newest commit tested"), text(v));
            assertTrue(text(v).contains("last good `" + shortOf("c2") + "`, 4 untested commits in between)"), text(v));
        }

        @Test
        void aFailureCodeThatChangesBetweenVersionsWhileTheReferenceFailsTooTracksTheEnvironmentNamingBothCodes() {
            // every version fails and so does the reference: the environment is why; the other code is named, not blamed
            RunResult r = RunFixture.linear(3, 1).withReference().envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .reference("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .versions(3, 3, "local", CALL, Outcome.AUTH_REJECTED, 40102, "INVALID_NONCE").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.TRACKS_ENVIRONMENT, v.verdict());
            assertTrue(text(v).startsWith("All 3 module versions (3 commits) and the reference client fail `get_open_orders` under"
                    + " `local` with 40101 UNAUTHORIZED (2 versions) or 40102 INVALID_NONCE (1)"), text(v));
        }

        @Test
        void aCallFailingFromTheStartAndFixedLaterSaysWhereItWasFixed() {
            RunResult r = RunFixture.linear(3, 1).envs("local").calls(CALL)
                    .versions(1, 2, "local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.TRACKS_CODE, v.verdict());
            assertEquals("`get_open_orders` failed with 40101 UNAUTHORIZED up to `" + shortOf("c2")
                    + "` and was fixed at `" + shortOf("c3") + "` (“commit 3”) under `local`.", v.sentences().get(0));
        }

        @Test
        void anUndeterminedEnvironmentDoesNotHideAnotherEnvironmentsDecision() {
            RunResult r = RunFixture.linear(3, 1).envs("local", "prod").calls(CALL)
                    .versions(1, 2, "local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .cell("mv3", "local", CALL, Outcome.SKIPPED, null, null)
                    .versions(1, 2, "prod", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.TRACKS_CODE, v.verdict());
            assertTrue(text(v).contains("this alone does not tell code from environment"), text(v));
        }

        @Test
        void aCallFlippingManyTimesIsSummarisedInOneShortSentence() {
            RunFixture f = RunFixture.linear(30, 1).envs("local").calls(CALL);
            for (int v = 2; v <= 30; v += 2) {
                f.cell("mv" + v, "local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED");
            }
            Verdict v = only(f.build());
            assertEquals(Verdict.Kind.TRACKS_CODE, v.verdict());
            assertEquals(29, v.transitions().size());
            assertEquals("`get_open_orders` changes 29 times along history under `local`: first at `" + shortOf("c2")
                    + "` (“commit 2”) (OK → 40101 UNAUTHORIZED), last at `" + shortOf("c30")
                    + "` (“commit 30”) (OK → 40101 UNAUTHORIZED); see the transitions.", v.sentences().get(0));
        }

        @Test
        void aReferenceFailingWhereEveryVersionPassesIsPointedOut() {
            RunResult r = RunFixture.linear(2, 1).withReference().envs("local").calls(CALL)
                    .reference("local", CALL, Outcome.API_ERROR, 40002, "METHOD_NOT_FOUND").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.PASS, v.verdict());
            assertTrue(text(v).contains("The reference client fails `get_open_orders` under `local` with 40002"
                    + " METHOD_NOT_FOUND while every module version passes"), text(v));
        }

        @Test
        void aWrongKeyFromOneCommitOnIsNamedInTheSentence() {
            // a commit started reading its key from somewhere else: that is history, the code's
            RunResult r = RunFixture.linear(2, 1).withReference().envs("local").calls(CALL)
                    .versions(2, 2, "local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .signature(2, 2, "local", CALL, new SignatureCheck(SignatureCheck.Status.WRONG_KEY,
                            "request carries api_key z3HWF8…#9c1d", List.of())).build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.TRACKS_CODE, v.verdict());
            assertTrue(text(v).contains("(40101 UNAUTHORIZED, signature: signed with another api_key)"), text(v));
        }

        @Test
        void hostileSubjectsCannotBreakTheSentenceMarkup() {
            RunResult r = RunFixture.linear(2, 1).envs("local").calls(CALL)
                    .subject("c2", "fix `rm -rf`\n<script>alert(1)</script> & \u0007bell")
                    .versions(2, 2, "local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED").build();
            String s = only(r).sentences().get(0);
            assertEquals(8, s.chars().filter(ch -> ch == '`').count(), s); // call, first bad, last good, env
            assertFalse(s.contains("\n") || s.contains("\u0007"), s);
            assertTrue(s.contains("(“fix 'rm -rf' <script>alert(1)</script> & bell”; "), s);
        }
    }

    @Nested
    class HistoryWithBranches {
        @Test
        void aModuleVersionThatComesBackInterleavesWithTheOthers() {
            // mv1 = c1 c2 … c5 (a revert restores the same module tree), mv2 = c3 c4
            RunResult r = RunFixture.rows(
                            row("mv1", commit("c1", "init", 1), commit("c2", "tidy", 2, "c1"),
                                    commit("c5", "revert the signing change", 5, "c4")),
                            row("mv2", commit("c3", "change signing", 3, "c2"), commit("c4", "docs", 4, "c3")))
                    .envs("local").calls(CALL)
                    .cell("mv2", "local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED").build();
            Verdict v = only(r);
            assertEquals(List.of(
                    new Transition("local", Transition.Kind.BROKE, id("c2"), id("c3"), "OK", "40101 UNAUTHORIZED"),
                    new Transition("local", Transition.Kind.FIXED, id("c4"), id("c5"), "40101 UNAUTHORIZED", "OK")),
                    v.transitions());
        }

        @Test
        void aMergeOfABrokenBranchIsNotItselfTheFirstBadCommit() {
            // c1 ─ c2 ───────── c4 (merge)
            //   └─ c3 (breaks) ─┘
            RunResult r = RunFixture.rows(
                            row("mv1", commit("c1", "init", 1), commit("c2", "main work", 3, "c1")),
                            row("mv2", commit("c3", "feature: floats", 2, "c1"),
                                    commit("c4", "Merge branch 'feature'", 4, "c2", "c3")))
                    .envs("local").calls(CALL)
                    .cell("mv2", "local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED").build();
            assertEquals(List.of(new Transition("local", Transition.Kind.BROKE, id("c1"), id("c3"), "OK",
                    "40101 UNAUTHORIZED")), only(r).transitions());
        }

        @Test
        void aMergeOfTwoGoodParentsThatBreaksIsTheFirstBadAfterItsFirstParent() {
            RunResult r = RunFixture.rows(
                            row("mv1", commit("c1", "init", 1)),
                            row("mv2", commit("c2", "main", 2, "c1")),
                            row("mv3", commit("c3", "side", 3, "c1")),
                            row("mv4", commit("c4", "Merge side", 4, "c2", "c3")))
                    .envs("local").calls(CALL)
                    .cell("mv4", "local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED").build();
            assertEquals(List.of(new Transition("local", Transition.Kind.BROKE, id("c2"), id("c4"), "OK",
                    "40101 UNAUTHORIZED")), only(r).transitions());
        }

        @Test
        void historyOrderFollowsParentsEvenWhenClocksDisagree() {
            List<Row> rows = List.of(
                    row("mv1", commit("c1", "a", 10)),
                    row("mv2", commit("c2", "b", 5, "c1"), commit("c3", "c", 1, "c2")));
            History h = History.of(rows);
            assertEquals(List.of(id("c1"), id("c2"), id("c3")), h.commits().stream().map(CommitRef::id).toList());
        }

        @Test
        void commitsWithoutParentsInTheRunAreComparedWithTheCommitBefore() {
            List<Row> rows = List.of(row("mv1", commit("c1", "a", 1, "outside")), row("mv2", commit("c9", "b", 9, "c8")));
            History h = History.of(rows);
            assertEquals(List.of(id("c1")), h.historyParents(id("c9")));
            assertEquals(List.of(), h.historyParents(id("c1")));
        }

        @Test
        void rowsAreOrderedByTheirFirstCommitInHistory() {
            List<Row> rows = List.of(row("late", commit("c2", "b", 2, "c1")), row("early", commit("c1", "a", 1)));
            assertEquals(List.of("early", "late"), History.of(rows).orderRows(rows).stream().map(Row::id).toList());
        }
    }
}
