package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.Repetition;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.Redactor;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.relay.EgressAttempt;
import dev.authbisect.relay.RecordedExchange;
import dev.authbisect.relay.TrialRecord;
import dev.authbisect.venue.Classification;
import dev.authbisect.venue.RawRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CellBuilderTest {
    static final String KEY = "raHZAk1MDkAWviDpcBxAWU";
    static final String SECRET = "demo-secret-aws-key-3-1";
    static final CallSpec OPEN = CallSpec.of("get_open_orders", "private/get-open-orders");
    final Redactor redactor = Redactor.create(new byte[16]).with(Credentials.of(KEY, SECRET));
    final CellBuilder builder = new CellBuilder(redactor);

    static RecordedExchange exchange(String call, Outcome outcome, Integer code, String body) {
        RawRequest req = RawRequest.post("/private/get-open-orders",
                "{\"method\":\"private/get-open-orders\",\"api_key\":\"" + KEY + "\",\"sig\":\"" + "ab".repeat(32) + "\"}");
        return new RecordedExchange(call, "private/get-open-orders", req, Optional.of(code == null ? 200 : 401), body.getBytes(),
                "", SignatureCheck.valid(), new Classification(outcome, code, code == null ? "" : "UNAUTHORIZED", 401), 12, "");
    }

    static TrialRecord record(List<String> announced, List<RecordedExchange> exchanges) {
        return new TrialRecord(announced, exchanges, Map.of(), List.of(new EgressAttempt("CONNECT", "api.ipify.org:443", 0)));
    }

    @Test
    void anAnnouncedCallThatNeverReachedTheRelayIsNotSentWhenTheProbeExitedZero() {
        Cell c = builder.cell("mv1", "prod", OPEN, record(List.of("get_open_orders"), List.of()), new TrialEnd.Exited(0), "");
        assertEquals(Outcome.NOT_SENT, c.outcome());
        assertTrue(c.diagnosis().contains("announced get_open_orders but no request reached the relay"), c.diagnosis());
        assertEquals(List.of("CONNECT api.ipify.org:443"), c.evidence().egress());
    }

    @Test
    void aProbeThatTimedOutBeforeTheCallIsAProbeErrorAndExit125IsSkipped() {
        Cell timedOut = builder.cell("mv1", "prod", OPEN, record(List.of(), List.of()), new TrialEnd.TimedOut(Duration.ofSeconds(30)), "");
        assertEquals(Outcome.PROBE_ERROR, timedOut.outcome());
        assertTrue(timedOut.diagnosis().startsWith("probe timed out after 30s before the call"), timedOut.diagnosis());
        assertEquals(Outcome.SKIPPED, builder.cell("mv1", "prod", OPEN, record(List.of(), List.of()), new TrialEnd.Exited(125), "").outcome());
    }

    @Test
    void unannouncedRequestsAreAttributedByVenueMethodAndTheMostSevereAnswerWins() {
        TrialRecord r = record(List.of(), List.of(exchange("", Outcome.OK, null, "{\"code\":0}"),
                exchange("", Outcome.AUTH_REJECTED, 40101, "{\"code\":40101}")));
        Cell c = builder.cell("mv1", "prod", OPEN, r, new TrialEnd.Exited(0), "");
        assertEquals(Outcome.AUTH_REJECTED, c.outcome());
        assertEquals(40101, c.answer().venueCode());
    }

    @Test
    void requestsKeysSecretsAndSignaturesAreRedactedInTheCell() {
        Cell c = builder.cell("mv1", "prod", OPEN, record(List.of("get_open_orders"),
                List.of(exchange("get_open_orders", Outcome.OK, null, "{\"code\":0,\"echo\":\"" + SECRET + "\"}"))),
                new TrialEnd.Exited(0), "printed " + SECRET + " and " + KEY);
        for (String text : List.of(c.evidence().request(), c.evidence().response(), c.evidence().probeTail())) {
            assertFalse(text.contains(SECRET), text);
            assertFalse(text.contains(KEY), text);
        }
        assertTrue(c.evidence().request().contains("raHZAk…#"), c.evidence().request());
        assertFalse(c.evidence().request().contains("ab".repeat(32)), "signatures are truncated");
    }

    @Test
    void repetitionsThatDisagreeAreFlakyAndAllAreListed() {
        Cell ok = Cell.of("mv1", "prod", "get_open_orders", Outcome.OK, 0, "SUCCESS");
        Cell rejected = Cell.of("mv1", "prod", "get_open_orders", Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED");
        Cell flaky = Repetitions.fold(List.of(ok, rejected, ok));
        assertEquals(Outcome.FLAKY, flaky.outcome());
        assertEquals(List.of(Outcome.OK, Outcome.AUTH_REJECTED, Outcome.OK), flaky.timing().repetitions().stream().map(Repetition::outcome).toList());
        assertTrue(flaky.diagnosis().startsWith("repetitions disagree"), flaky.diagnosis());
        assertEquals(Outcome.OK, Repetitions.fold(List.of(ok, ok)).outcome());
    }
}
