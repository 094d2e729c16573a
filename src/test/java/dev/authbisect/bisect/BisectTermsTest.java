package dev.authbisect.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class BisectTermsTest {
    @Test
    void byDefaultOkIsGoodUndecidedClassesAreSkipsAndOtherDecisiveClassesAreBad() {
        BisectTerms t = BisectTerms.defaults();
        assertEquals(Term.GOOD, t.termOf(Outcome.OK));
        for (Outcome o : List.of(Outcome.AUTH_REJECTED, Outcome.API_ERROR, Outcome.NOT_SENT)) {
            assertEquals(Term.BAD, t.termOf(o), o.name());
        }
        for (Outcome o : List.of(Outcome.SKIPPED, Outcome.PROBE_ERROR, Outcome.TRANSPORT_ERROR, Outcome.RATE_LIMITED, Outcome.FLAKY)) {
            assertEquals(Term.SKIP, t.termOf(o), o.name());
        }
    }

    @Test
    void badOnMakesOnlyTheListedClassesBadAndOtherDecisiveClassesGood() {
        BisectTerms t = BisectTerms.parse(" auth_rejected ,NOT_SENT");
        assertEquals(Term.BAD, t.termOf(Outcome.AUTH_REJECTED));
        assertEquals(Term.BAD, t.termOf(Outcome.NOT_SENT));
        assertEquals(Term.GOOD, t.termOf(Outcome.API_ERROR));
        assertEquals(Term.GOOD, t.termOf(Outcome.OK));
        assertEquals(Term.SKIP, t.termOf(Outcome.TRANSPORT_ERROR));
    }

    @Test
    void badOnOkLooksForTheCommitThatFixedIt() {
        BisectTerms t = BisectTerms.parse("OK");
        assertEquals(Term.BAD, t.termOf(Outcome.OK));
        assertEquals(Term.GOOD, t.termOf(Outcome.AUTH_REJECTED));
    }

    @Test
    void anUnknownClassIsAOneLineUsageErrorListingTheClasses() {
        ExitException e = assertThrows(ExitException.class, () -> BisectTerms.parse("AUTH_REJECTED,40101"));
        assertEquals(ExitCodes.USAGE, e.code());
        assertEquals("--bad-on '40101': unknown outcome class; expected a comma-separated list of OK, AUTH_REJECTED, "
                + "API_ERROR, RATE_LIMITED, TRANSPORT_ERROR, NOT_SENT, SKIPPED, PROBE_ERROR, FLAKY", e.getMessage());
    }

    @Test
    void anUnknownEnvironmentNameIsAUsageErrorListingTheKnownOnes() {
        ExitException e = assertThrows(ExitException.class,
                () -> BisectChecks.requireName("--env", "environment", "stage", List.of("local", "prod")));
        assertEquals("--env 'stage': unknown environment; expected one of: local, prod", e.getMessage());
    }
}
