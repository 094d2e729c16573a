package dev.authbisect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/** Rate limit and each seeded fault kind, over real HTTP. */
class SimulatorFaultsTest {
    static final String KEY = "keys: [{label: k, api_key: FAULTKEY000001, secret: fault-secret, permissions: [read, trade]}]\n";

    private static SimulatorServer start(String yaml) {
        return SimulatorServer.start(SimClient.scenario("clock: {fixed: \"2025-12-19T08:00:00Z\"}\n" + KEY + yaml), 0);
    }

    private static SimClient.Reply balance(SimulatorServer sim, SimClient client) {
        return client.call("private/user-balance", "FAULTKEY000001", "fault-secret", "{}");
    }

    @Test
    void beyondTheRateLimitRequestsGetTooManyRequestsWith429() {
        try (SimulatorServer sim = start("rate_limit: {per_second: 2}\n")) {
            SimClient c = new SimClient(sim);
            List<Integer> codes = new ArrayList<>();
            SimClient.Reply last = null;
            for (int i = 0; i < 6; i++) {
                last = balance(sim, c);
                codes.add(last.code());
            }
            assertEquals(List.of(0, 0), codes.subList(0, 2), "the burst of per_second passes");
            assertTrue(codes.contains(42901), codes.toString());
            SimClient.Reply limited = null;
            for (int i = 0; i < 6 && limited == null; i++) {
                SimClient.Reply r = balance(sim, c);
                limited = r.code() == 42901 ? r : null;
            }
            assertEquals(429, limited.status());
            assertEquals("TOO_MANY_REQUESTS", limited.body().get("message").asText());
            assertTrue(limited.reason().contains("rate limit of 2 requests/s exceeded"), limited.reason());
        }
    }

    @Test
    void anHttp503FaultAnswersAnHtmlPageWithoutEnvelope() {
        try (SimulatorServer sim = start("faults: [{method: private/get-open-orders, kind: http_503, rate: 1.0}]\n")) {
            SimClient c = new SimClient(sim);
            SimClient.Reply r = c.call("private/get-open-orders", "FAULTKEY000001", "fault-secret", "{}");
            assertEquals(503, r.status());
            assertNull(r.body());
            assertTrue(r.rawBody().contains("503 Service Temporarily Unavailable"));
            assertEquals("fault: http_503 (rate 1.0, seed 0)", r.reason());
            assertEquals(0, balance(sim, c).code(), "other methods are not affected");
        }
    }

    @Test
    void anHttp5xxFaultAnswers500() {
        try (SimulatorServer sim = start("faults: [{kind: http_5xx}]\n")) {
            assertEquals(500, balance(sim, new SimClient(sim)).status());
        }
    }

    @Test
    void aResetFaultClosesTheConnectionWithoutAnswer() {
        try (SimulatorServer sim = start("faults: [{kind: reset}]\n")) {
            SimClient c = new SimClient(sim);
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> balance(sim, c));
            assertTrue(e.getCause() instanceof IOException);
        }
    }

    @Test
    void aTimeoutFaultHoldsTheRequestLongerThanTheClientWaits() {
        try (SimulatorServer sim = start("faults: [{kind: timeout, hold: 30s}]\n")) {
            SimClient impatient = new SimClient(sim, Duration.ofMillis(400));
            long started = System.nanoTime();
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> balance(sim, impatient));
            assertTrue(e.getCause() instanceof InterruptedIOException, e.getCause().toString());
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertTrue(ms >= 350 && ms < 10_000, "timed out after " + ms + " ms");
        }
    }

    @Test
    void aLatencyFaultDelaysANormalAnswer() {
        try (SimulatorServer sim = start("faults: [{kind: latency, delay: 300ms, rate: 1}]\n")) {
            long started = System.nanoTime();
            SimClient.Reply r = balance(sim, new SimClient(sim));
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertEquals(0, r.code());
            assertTrue(ms >= 300, "answered after " + ms + " ms");
        }
    }

    @Test
    void seededFaultsStrikeTheSameRequestsOnEveryRun() {
        String yaml = "faults: [{method: private/user-balance, kind: http_502, rate: 0.5, seed: 42}]\n";
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        try (SimulatorServer sim = start(yaml)) {
            SimClient c = new SimClient(sim);
            for (int i = 0; i < 20; i++) {
                first.add(balance(sim, c).status());
            }
        }
        try (SimulatorServer sim = start(yaml)) {
            SimClient c = new SimClient(sim);
            for (int i = 0; i < 20; i++) {
                second.add(balance(sim, c).status());
            }
        }
        assertEquals(first, second);
        assertTrue(first.contains(502) && first.contains(200), first.toString());
    }

    @Test
    void closingTheServerReleasesHeldRequests() throws Exception {
        SimulatorServer sim = start("faults: [{kind: timeout, hold: 60s}]\n");
        SimClient patient = new SimClient(sim, Duration.ofSeconds(30));
        Thread waiter = new Thread(() -> {
            try {
                patient.sendOrThrow(new Request.Builder().url(sim.url("/exchange/v1") + "/public/get-instruments")
                        .post(RequestBody.create("{}", SimClient.JSON)));
            } catch (IOException expected) {
                // the connection closes without an answer
            }
        });
        waiter.start();
        Thread.sleep(200); // let the request reach the server; closing before that is fine too
        long started = System.nanoTime();
        sim.close();
        waiter.join(10_000);
        assertTrue(!waiter.isAlive(), "the held request ended when the server closed");
        assertTrue((System.nanoTime() - started) / 1_000_000 < 10_000);
    }
}
