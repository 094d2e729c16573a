package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authbisect.analysis.Cell;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.Redactor;
import dev.authbisect.relay.Refusal;
import dev.authbisect.relay.TrialRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cell never claims that no request reached the relay when one did (misattributed, or refused by the relay). */
class CellBuilderRelaySawSomethingTest {
    static final CallSpec OPEN = CellBuilderTest.OPEN;
    final CellBuilder builder = new CellBuilder(Redactor.create(new byte[16]).with(Credentials.of(CellBuilderTest.KEY, CellBuilderTest.SECRET)));

    @Test
    void requestsFiledUnderAnotherCallAreCountedAndNamed() {
        TrialRecord r = new TrialRecord(List.of("get_open_orders", "balance"),
                List.of(CellBuilderTest.exchange("balance", Outcome.OK, null, "{}")), Map.of(), List.of());

        Cell c = builder.cell("mv1", "prod", OPEN, r, new TrialEnd.Exited(0), "");

        assertEquals(Outcome.NOT_SENT, c.outcome());
        assertEquals("the probe announced get_open_orders but the 1 request that reached the relay is not attributed to it "
                + "(it called: private/get-open-orders under balance)", c.diagnosis());
    }

    @Test
    void requestsTheRelayRefusedAreNamedNotDenied() {
        Refusal refused = new Refusal(Refusal.Kind.BAD_PATH, "POST /%2e%2e/private/x",
                "a dot segment '%2e%2e' in the path: it would resolve outside the upstream's base path", "");
        TrialRecord r = new TrialRecord(List.of("get_open_orders"), List.of(), Map.of(), List.of(), List.of(refused));

        Cell c = builder.cell("mv1", "prod", OPEN, r, new TrialEnd.Exited(1), "");

        assertEquals(Outcome.PROBE_ERROR, c.outcome());
        assertEquals("probe exited 1 before the call (it announced get_open_orders but no request was forwarded; the relay refused "
                + "1 request: POST /%2e%2e/private/x → 400: a dot segment '%2e%2e' in the path: it would resolve outside the "
                + "upstream's base path)", c.diagnosis());
    }

    @Test
    void withNothingAtAllTheOldWordsStay() {
        Cell c = builder.cell("mv1", "prod", OPEN, new TrialRecord(List.of(), List.of(), Map.of(), List.of()), new TrialEnd.Exited(0), "");

        assertEquals("the probe never announced get_open_orders and no request for private/get-open-orders reached the relay", c.diagnosis());
    }
}
