package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.SeedIncident;
import dev.authbisect.analysis.Verdict;
import dev.authbisect.analysis.VerdictAnalyzer;
import dev.authbisect.core.ExitException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailOnTest {
    private static Verdict v(Verdict.Kind k) {
        return new Verdict("c", k, List.of(), List.of());
    }

    @Test
    void theDefaultFailsOnAnyVerdictWithACauseLikeBefore() {
        for (Verdict.Kind k : Verdict.Kind.values()) {
            assertEquals(VerdictAnalyzer.failing(v(k)), FailOn.DEFAULT.fails(v(k)), k.name());
        }
        assertEquals("any-failing-cell", FailOn.DEFAULT.text());
    }

    @Test
    void codeAndEnvironmentSelectTheirCausesAndMixedHasBoth() {
        FailOn code = FailOn.parse("code");
        assertTrue(code.fails(v(Verdict.Kind.TRACKS_CODE)));
        assertTrue(code.fails(v(Verdict.Kind.MIXED)));
        assertFalse(code.fails(v(Verdict.Kind.TRACKS_ENVIRONMENT)));
        FailOn env = FailOn.parse(" Environment ");
        assertTrue(env.fails(v(Verdict.Kind.TRACKS_ENVIRONMENT)));
        assertTrue(env.fails(v(Verdict.Kind.MIXED)));
        assertFalse(env.fails(v(Verdict.Kind.TRACKS_CODE)));
        assertFalse(FailOn.parse("never").fails(v(Verdict.Kind.MIXED)));
        assertEquals("code,environment", FailOn.parse("environment,code").text());
    }

    @Test
    void theSeedIncidentExitsThreeOnlyWhenTheTeamCaresAboutWhatItFound() {
        RunResult seed = SeedIncident.result();
        List<Verdict> verdicts = VerdictAnalyzer.analyze(seed);
        assertEquals(3, VerdictAnalyzer.exitCode(seed, verdicts));
        assertEquals(3, VerdictAnalyzer.exitCode(seed, verdicts, FailOn.parse("code")::fails));
        assertEquals(0, VerdictAnalyzer.exitCode(seed, verdicts, FailOn.parse("never")::fails));
    }

    @Test
    void harnessAndProvisionalVerdictsStayIncompleteWhateverFailOnSays() {
        RunResult seed = SeedIncident.result();
        Verdict harness = v(Verdict.Kind.HARNESS);
        Verdict provisionalCode = new Verdict("c", Verdict.Kind.TRACKS_CODE, List.of(), List.of(), List.of(), true, List.of());
        Verdict finalCode = v(Verdict.Kind.TRACKS_CODE);
        for (String list : List.of("any-failing-cell", "code", "environment", "never")) {
            FailOn f = FailOn.parse(list);
            assertEquals(4, VerdictAnalyzer.exitCode(seed, List.of(harness), f::fails), list);
            assertEquals(4, VerdictAnalyzer.exitCode(seed, List.of(provisionalCode), f::fails), "only final verdicts make 3: " + list);
        }
        assertEquals(3, VerdictAnalyzer.exitCode(seed, List.of(harness, finalCode), FailOn.parse("code")::fails),
                "a final failure the team cares about wins over an incomplete call");
        assertEquals(4, VerdictAnalyzer.exitCode(seed, List.of(harness, finalCode), FailOn.parse("environment")::fails));
    }

    @Test
    void unknownValuesAreUsageErrorsNamingTheChoices() {
        ExitException e = assertThrows(ExitException.class, () -> FailOn.parse("code,enviroment"));
        assertEquals(2, e.code());
        assertEquals("--fail-on: unknown value 'enviroment' (expected a comma-separated list of any-failing-cell, code, environment, never)",
                e.getMessage());
        assertThrows(ExitException.class, () -> FailOn.parse(","));
        assertThrows(ExitException.class, () -> FailOn.parse("never,code"));
    }
}
