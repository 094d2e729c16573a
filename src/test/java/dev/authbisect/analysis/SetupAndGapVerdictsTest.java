package dev.authbisect.analysis;

import static dev.authbisect.analysis.RunFixture.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.ClockCheck;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.report.ResultJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verdict rules for set-up mistakes (HARNESS), skewed clocks and undecided module versions (provisional verdicts). */
class SetupAndGapVerdictsTest {
    private static final String CALL = "get_open_orders";
    private static final long SIM = Instant.parse("2025-12-19T08:00:00Z").toEpochMilli();
    private static final long HOST = Instant.parse("2026-12-02T01:00:00Z").toEpochMilli();

    private static Verdict only(RunResult r) {
        List<Verdict> v = VerdictAnalyzer.analyze(r);
        assertEquals(1, v.size());
        return v.get(0);
    }

    private static String text(Verdict v) {
        return String.join(" ", v.sentences());
    }

    /** A nonce from this host's clock under the simulator's fixed clock. */
    static ClockCheck hostNonceUnderFixedClock() {
        return ClockCheck.compare(ClockCheck.Clock.FIXED_SIMULATOR, "nonce", HOST, SIM, HOST + 40, 60_000);
    }

    private static RunFixture nonceFailures(int versions, String env) {
        RunFixture f = RunFixture.linear(versions, 2).withReference().envs(env).calls(CALL)
                .allVersions(env, CALL, Outcome.AUTH_REJECTED, 40102, "INVALID_NONCE");
        for (int v = 1; v <= versions; v++) {
            f.edit("mv" + v, env, CALL, c -> c.withClock(hostNonceUnderFixedClock()));
        }
        return f;
    }

    @Nested
    class Clocks {
        @Test
        void noncesFromTheHostClockUnderAFixedSimulatorClockAreTheHarnessNotTheCode() {
            RunResult r = nonceFailures(3, "prod").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.HARNESS, v.verdict(), text(v));
            assertEquals("All 3 module versions (6 commits) fail `get_open_orders` under `prod` with 40102 INVALID_NONCE:"
                    + " their nonces follow this host's clock, not the simulator's fixed clock; nonce 2026-12-02T01:00:00Z"
                    + " is 348 days after the simulator's clock 2025-12-19T08:00:00Z (window 60 s), while the reference"
                    + " client passes there.", v.sentences().get(0));
            assertTrue(v.sentences().get(1).contains("the probe does not follow `AUTHBISECT_FIXED_TIME_MS`"), text(v));
            assertFalse(text(v).contains("CODE") || text(v).contains("always been wrong"), text(v));
            assertEquals(List.of(new Cause(Cause.Kind.HARNESS, "prod", Cause.Reason.FIXED_CLOCK_NOT_FOLLOWED,
                    "nonce 2026-12-02T01:00:00Z is 348 days after the simulator's clock 2025-12-19T08:00:00Z (window 60 s)",
                    v.causes().get(0).fix(), List.of()).failing(Outcome.AUTH_REJECTED, 40102)), v.causes());
            assertEquals(ExitCodes.INCOMPLETE, VerdictAnalyzer.exitCode(r, List.of(v)));
        }

        @Test
        void oneVersionAlsoSigningWronglyIsNamedButTheClockComesFirst() {
            RunResult r = nonceFailures(3, "prod")
                    .cell("mv2", "prod", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .edit("mv2", "prod", CALL, c -> c.withClock(hostNonceUnderFixedClock()).withSignature(SeedIncident.floatTimes()))
                    .build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.HARNESS, v.verdict(), text(v));
            assertTrue(text(v).contains("; 1 of them also fails the signature check (start_time, end_time rendered differently)"),
                    text(v));
            assertTrue(v.transitions().isEmpty(), "no transition is blamed while the clock is wrong");
        }

        @Test
        void aNonceOffBothClocksIsTheCodeAndTheSentenceSaysSo() {
            long seconds = HOST / 1000; // the code sends seconds where the venue wants milliseconds
            RunFixture f = RunFixture.linear(2, 1).withReference().envs("prod").calls(CALL)
                    .allVersions("prod", CALL, Outcome.AUTH_REJECTED, 40102, "INVALID_NONCE");
            for (int mv = 1; mv <= 2; mv++) {
                f.edit("mv" + mv, "prod", CALL, c -> c.withClock(ClockCheck.compare(ClockCheck.Clock.FIXED_SIMULATOR,
                        "nonce", seconds, SIM, HOST, 60_000)));
            }
            Verdict v = only(f.build());
            assertEquals(Verdict.Kind.TRACKS_CODE, v.verdict(), text(v));
            assertTrue(text(v).contains("with 40102 INVALID_NONCE; nonce 1970-01-21T"), text(v));
            assertTrue(text(v).contains("56 years before the simulator's clock 2025-12-19T08:00:00Z (window 60 s), while the"
                    + " reference client passes there: the code has always been wrong."), text(v));
        }

        @Test
        void aHostClockSkewedAgainstALiveVenueIsAnEnvironmentCause() {
            long venue = HOST + 5 * 60_000; // the venue is 5 minutes ahead of this host
            RunFixture f = RunFixture.linear(2, 1).withReference().envs("prod").calls(CALL)
                    .allVersions("prod", CALL, Outcome.AUTH_REJECTED, 40102, "INVALID_NONCE")
                    .reference("prod", CALL, Outcome.AUTH_REJECTED, 40102, "INVALID_NONCE");
            for (int mv = 1; mv <= 2; mv++) {
                f.edit("mv" + mv, "prod", CALL, c -> c.withClock(ClockCheck.compare(ClockCheck.Clock.DATE_HEADER, "nonce",
                        HOST, venue, HOST, 60_000)));
            }
            Verdict v = only(f.build());
            assertEquals(Verdict.Kind.TRACKS_ENVIRONMENT, v.verdict(), text(v));
            assertEquals("All 2 module versions (2 commits) fail `get_open_orders` under `prod` with 40102 INVALID_NONCE"
                    + " because this host's clock is 5 min behind the upstream's: nonce 2026-12-02T01:00:00Z is 5 min before"
                    + " the upstream's clock (Date header) 2026-12-02T01:05:00Z (window 60 s).", v.sentences().get(0));
            assertEquals(Cause.Reason.HOST_CLOCK_SKEWED, v.causes().get(0).reason());
            assertEquals(Cause.Kind.ENVIRONMENT, v.causes().get(0).kind());
        }

        @Test
        void oneVersionWithAWrongClockAmongGoodOnesIsHistory() {
            RunResult r = RunFixture.linear(3, 1).withReference().envs("prod").calls(CALL)
                    .cell("mv3", "prod", CALL, Outcome.AUTH_REJECTED, 40102, "INVALID_NONCE")
                    .edit("mv3", "prod", CALL, c -> c.withClock(hostNonceUnderFixedClock())).build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.TRACKS_CODE, v.verdict(), text(v));
            assertTrue(text(v).contains("(40102 INVALID_NONCE, nonce 2026-12-02T01:00:00Z is 348 days after the simulator's"
                    + " clock 2025-12-19T08:00:00Z, outside its 60 s window)"), text(v));
        }
    }

    @Nested
    class HarnessMistakes {
        @Test
        void noRequestReachingTheRelayAtAnyVersionIsTheHarness() {
            RunResult r = RunFixture.linear(3, 1).withReference().envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.NOT_SENT, null, null).build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.HARNESS, v.verdict(), text(v));
            assertEquals("No request for `get_open_orders` reached the relay at any of the 3 module versions (3 commits)"
                    + " under `local`: the code does not use the base URL it was given.", v.sentences().get(0));
            assertTrue(v.sentences().get(1).contains("map `{{relay.url}}` onto the variable the code reads its base URL from"),
                    text(v));
            assertEquals(Cause.Reason.NO_REQUEST_REACHED_RELAY, v.causes().get(0).reason());
        }

        @Test
        void requestsThatReachedTheRelayForAnotherCallAreNotABaseUrlProblem() {
            // hostile's strict control protocol: the relay saw requests, only none counted for this call
            RunFixture f = RunFixture.linear(2, 1).withReference().envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.NOT_SENT, null, null);
            for (int mv = 1; mv <= 2; mv++) {
                f.edit("mv" + mv, "local", CALL, c -> c.withDiagnosis("the probe announced " + CALL + " but the 1 request"
                        + Cell.OTHER_REQUESTS + "is not attributed to it (it called: private/get-order-history)"));
            }
            Verdict v = only(f.build());
            assertFalse(v.causes().stream().anyMatch(c -> c.reason() == Cause.Reason.NO_REQUEST_REACHED_RELAY
                    || c.reason() == Cause.Reason.CODE_CALLS_HOST_DIRECTLY), text(v));
            assertFalse(text(v).contains("does not use the base URL"), text(v));
        }

        @Test
        void aRefusedConnectToTheVenueNamesTheHostTheCodeCallsItself() {
            RunFixture f = RunFixture.linear(2, 1).withReference().envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.NOT_SENT, null, null);
            for (int mv = 1; mv <= 2; mv++) {
                f.edit("mv" + mv, "local", CALL, c -> c.withEgress(List.of("CONNECT api.crypto.com:443")));
            }
            Verdict v = only(f.build());
            assertEquals(Verdict.Kind.HARNESS, v.verdict(), text(v));
            assertTrue(text(v).contains("the code calls `api.crypto.com` directly instead of the base URL it was given"
                    + " (`CONNECT api.crypto.com:443` refused: capture is off for it)."), text(v));
            assertTrue(text(v).contains("map the variable the code reads its base URL from onto `{{relay.url}}` in `probe.env`"),
                    text(v));
            assertEquals(Cause.Reason.CODE_CALLS_HOST_DIRECTLY, v.causes().get(0).reason());
        }

        @Test
        void anotherApiKeyAtEveryVersionIsTheHarnessNamingBothKeys() {
            SignatureCheck wrong = new SignatureCheck(SignatureCheck.Status.WRONG_KEY,
                    "request carries another api_key than the environment's",
                    List.of(new SignatureCheck.Finding("WRONG_KEY", "api_key", "z3HWF8…#a1c2", "raHZAk…#3f2a")));
            RunResult r = RunFixture.linear(2, 1).withReference().envs("prod").calls(CALL)
                    .allVersions("prod", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .signature(1, 2, "prod", CALL, wrong).build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.HARNESS, v.verdict(), text(v));
            assertTrue(text(v).contains("the code sent key z3HWF8…#a1c2 but `prod` is configured with raHZAk…#3f2a: the code"
                    + " reads its key from somewhere else; they fail with 40101 UNAUTHORIZED."), text(v));
            assertEquals(Cause.Reason.WRONG_API_KEY, v.causes().get(0).reason());
        }

        @Test
        void theProbeExiting125AtEveryVersionIsTheHarness() {
            RunFixture f = RunFixture.linear(3, 2).withReference().envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.SKIPPED, null, null);
            for (int mv = 1; mv <= 3; mv++) {
                f.edit("mv" + mv, "local", CALL, c -> c.withDiagnosis(Cell.PROBE_CANNOT_TEST + ": cannot test this module version"));
            }
            Verdict v = only(f.build());
            assertEquals(Verdict.Kind.HARNESS, v.verdict(), text(v));
            assertEquals("All 3 module versions (6 commits) were skipped for `get_open_orders` under `local`: the probe exited"
                    + " 125 (cannot test this module version) at every one of them.", v.sentences().get(0));
            assertEquals(Cause.Reason.PROBE_CANNOT_TEST, v.causes().get(0).reason());
        }

        @Test
        void aBuildFailingAtEveryVersionIsTheHarness() {
            RunFixture f = RunFixture.linear(2, 1).envs("local").calls(CALL)
                    .allVersions("local", CALL, Outcome.SKIPPED, null, null);
            for (int mv = 1; mv <= 2; mv++) {
                f.edit("mv" + mv, "local", CALL, c -> c.withDiagnosis(Cell.BUILD_FAILED + ": failed, exit 1"));
            }
            Verdict v = only(f.build());
            assertEquals(Verdict.Kind.HARNESS, v.verdict(), text(v));
            assertTrue(text(v).contains("check `target.build.command`"), text(v));
        }

        @Test
        void aHarnessMistakeInOneEnvironmentLeavesTheOthersDecisionProvisional() {
            RunFixture f = RunFixture.linear(2, 1).withReference().envs("local", "prod").calls(CALL)
                    .allVersions("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .reference("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .allVersions("prod", CALL, Outcome.NOT_SENT, null, null);
            RunResult r = f.build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.TRACKS_ENVIRONMENT, v.verdict(), text(v));
            assertTrue(v.provisional());
            assertTrue(v.sentences().get(v.sentences().size() - 1).endsWith("Under `prod` the set-up must be fixed first,"
                    + " so the verdict is provisional."), text(v));
            assertEquals(ExitCodes.INCOMPLETE, VerdictAnalyzer.exitCode(r, List.of(v)));
        }

        @Test
        void anEnvironmentWithABrokenSetUpDoesNotCountAsPassingElsewhere() {
            // prod's versions "pass" with another key: that says nothing about local's failures
            SignatureCheck wrong = new SignatureCheck(SignatureCheck.Status.WRONG_KEY, "another key",
                    List.of(new SignatureCheck.Finding("WRONG_KEY", "api_key", "z3HWF8…#a1c2", "raHZAk…#3f2a")));
            RunResult r = RunFixture.linear(2, 1).envs("local", "prod").calls(CALL)
                    .allVersions("local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .signature(1, 2, "prod", CALL, wrong).build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.HARNESS, v.verdict(), text(v));
            assertTrue(text(v).contains("there is no reference result under `local` and no other environment shows them"
                    + " passing"), text(v));
        }
    }

    @Nested
    class GapsAreNotAnswers {
        @Test
        void theOnlyVersionShowingTheCodeBugHittingATransportErrorMakesTheVerdictProvisionalNotEnvironment() {
            // the seen bug: get_account_summary was MIXED; with mv5's prod cell a transport error it became
            // TRACKS_ENVIRONMENT and the code cause was silently dropped
            RunResult r = SeedIncident.fixture()
                    .cell("mv5", "prod", SeedIncident.SUMMARY, Outcome.TRANSPORT_ERROR, null, null).build();
            Verdict v = VerdictAnalyzer.analyze(r).stream().filter(x -> x.call().equals(SeedIncident.SUMMARY)).findFirst()
                    .orElseThrow();
            assertEquals(Verdict.Kind.TRACKS_ENVIRONMENT, v.verdict(), text(v));
            assertTrue(v.provisional());
            String mv5 = id(SeedIncident.nameOfFirst(5));
            assertEquals(List.of(new Verdict.Undecided("prod", "mv5", mv5, Outcome.TRANSPORT_ERROR)), v.undecided());
            assertTrue(text(v).contains("Under `prod`, 1 module version is undecided for `get_account_summary`: `"
                    + mv5.substring(0, 7) + "` (“change endpoint to private/get-account-summary”; transport error); this part"
                    + " of the verdict is provisional until it is tested again."), text(v));
            assertTrue(v.sentences().get(v.sentences().size() - 1).endsWith("It is provisional until the undecided module"
                    + " versions are tested again."), text(v));
            assertEquals(ExitCodes.INCOMPLETE, VerdictAnalyzer.exitCode(r, List.of(v)));
        }

        @Test
        void aProbeErrorInsideATransitionWindowMeansTheTransitionCannotBePlaced() {
            RunResult r = RunFixture.linear(4, 1).envs("local").calls(CALL)
                    .cell("mv2", "local", CALL, Outcome.PROBE_ERROR, null, null)
                    .versions(3, 4, "local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED").build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.TRACKS_CODE, v.verdict());
            assertTrue(v.provisional());
            assertTrue(text(v).contains("1 untested commit in between"), text(v));
            assertTrue(text(v).contains("(“commit 2”; probe error)"), text(v));
            assertEquals(ExitCodes.INCOMPLETE, VerdictAnalyzer.exitCode(r, List.of(v)));
        }

        @Test
        void aSkippedVersionIsNotAGapTheProbeSaidItCannotBeTested() {
            RunResult r = RunFixture.linear(4, 1).envs("local").calls(CALL)
                    .cell("mv2", "local", CALL, Outcome.SKIPPED, null, null)
                    .versions(3, 4, "local", CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED").build();
            Verdict v = only(r);
            assertFalse(v.provisional());
            assertEquals(ExitCodes.FAILURES, VerdictAnalyzer.exitCode(r, List.of(v)));
        }

        @Test
        void aPassWithAFlakyVersionIsProvisionalAndIncomplete() {
            RunResult r = RunFixture.linear(3, 1).withReference().envs("local").calls(CALL)
                    .cell("mv2", "local", CALL, Outcome.FLAKY, null, null).build();
            Verdict v = only(r);
            assertEquals(Verdict.Kind.PASS, v.verdict());
            assertTrue(v.provisional());
            assertEquals("Nothing fails where a result was decided. It is provisional until the undecided module versions"
                    + " are tested again.", v.sentences().get(v.sentences().size() - 1));
            assertEquals(ExitCodes.INCOMPLETE, VerdictAnalyzer.exitCode(r, List.of(v)));
        }

        @Test
        void aFinalFailureElsewhereStillExitsWithFailuresFound() {
            RunResult r = SeedIncident.fixture()
                    .cell("mv5", "prod", SeedIncident.SUMMARY, Outcome.TRANSPORT_ERROR, null, null).build();
            assertEquals(ExitCodes.FAILURES, VerdictAnalyzer.apply(r).exitCode(), "get_open_orders and get_order_history are final");
        }
    }

    @Nested
    class MachineReadableCauses {
        @Test
        void theSeedIncidentsCausesNameKindEnvironmentAndTransitions() {
            List<Verdict> verdicts = VerdictAnalyzer.analyze(SeedIncident.result());
            Verdict open = verdicts.stream().filter(v -> v.call().equals(SeedIncident.OPEN)).findFirst().orElseThrow();
            assertEquals(List.of(new Cause(Cause.Kind.ENVIRONMENT, "local", Cause.Reason.REFERENCE_FAILS_ALIKE,
                    "the reference client fails with 40101 UNAUTHORIZED", "", List.of(), Outcome.AUTH_REJECTED, 40101, List.of("prod"))),
                    open.causes());
            Verdict history = verdicts.stream().filter(v -> v.call().equals(SeedIncident.HISTORY)).findFirst().orElseThrow();
            assertEquals(List.of("local", "prod"), history.causes().stream().map(Cause::env).toList());
            assertTrue(history.causes().stream().allMatch(c -> c.kind() == Cause.Kind.CODE
                    && c.reason() == Cause.Reason.CHANGES_ALONG_HISTORY && c.transitions().size() == 2), history.causes()::toString);
            Verdict summary = verdicts.stream().filter(v -> v.call().equals(SeedIncident.SUMMARY)).findFirst().orElseThrow();
            assertEquals(List.of(Cause.Kind.ENVIRONMENT, Cause.Kind.CODE), summary.causes().stream().map(Cause::kind).toList());
            assertEquals(Outcome.AUTH_REJECTED, summary.causes().get(0).outcome(), "local fails with 40101 at every version");
            assertEquals(null, summary.causes().get(1).outcome(), "a change along history has no single failing class");
            assertTrue(history.causes().stream().allMatch(c -> c.outcome() == null && c.venueCode() == null));
        }

        @Test
        void causesAndProvisionalVerdictsSurviveResultJson(@TempDir Path dir) throws Exception {
            RunResult r = VerdictAnalyzer.apply(nonceFailures(2, "prod").build());
            Path file = dir.resolve("result.json");
            ResultJson.write(r, file);
            String json = Files.readString(file);
            assertTrue(json.contains("\"kind\" : \"harness\"") && json.contains("\"reason\" : \"fixed_clock_not_followed\""), json);
            assertTrue(json.contains("\"clock\" : {") && json.contains("\"followsHostClock\"") == false, json);
            RunResult back = ResultJson.read(file);
            assertEquals(r.verdicts(), back.verdicts());
            assertEquals(r.cells(), back.cells());
        }
    }
}
