package dev.authbisect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The warm-up changes nothing a client can see: fault draws, orders and answers are those of a
 * cold simulator, and rate-limit buckets start full.
 */
class SimulatorWarmupTest {
    static final String WORLD = """
            clock: {fixed: "2025-12-19T08:00:00Z"}
            keys: [{label: k, api_key: WARMKEY0000001, secret: warm-secret, permissions: [read, trade], ip_allowlist: [127.0.0.1]}]
            faults:
              - {method: private/user-balance, kind: http_503, rate: 0.5, seed: 7}
              - {method: public/get-instruments, kind: http_5xx, rate: 0.3, seed: 3}
            """;

    /** What a client sees over a fixed sequence of calls: status, venue code, reason. */
    private static List<String> session(SimulatorServer sim) {
        SimClient c = new SimClient(sim);
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            SimClient.Reply r = i % 3 == 0
                    ? c.call("private/user-balance", "WARMKEY0000001", "warm-secret", "{}")
                    : i % 3 == 1 ? c.call("private/create-order", "WARMKEY0000001", "warm-secret",
                            "{\"instrument_name\":\"BTC_USDT\",\"side\":\"BUY\",\"type\":\"MARKET\",\"quantity\":\"0.1\"}")
                    : c.call("private/get-open-orders", "WARMKEY0000001", "warm-secret", "{}");
            seen.add(r.status() + " " + (r.body() == null ? "-" : r.body().path("code").asText()) + " " + r.reason()
                    + (r.body() == null ? "" : " " + r.body().path("result").toString().replaceAll("\"order_id\":\"\\d+\"", "")));
        }
        return seen;
    }

    @Test
    void aWarmedUpSimulatorAnswersExactlyLikeAColdOne() {
        List<String> cold;
        try (SimulatorServer sim = SimulatorServer.start(SimClient.scenario(WORLD), 0)) {
            cold = session(sim);
        }
        try (SimulatorServer sim = SimulatorServer.start(SimClient.scenario(WORLD), 0).warmUpAndWait(Duration.ofSeconds(20))) {
            assertEquals(cold, session(sim));
        }
    }

    @Test
    void theRateLimitBucketsStartFullAfterTheWarmUp() {
        String limited = "clock: {fixed: \"2025-12-19T08:00:00Z\"}\n"
                + "keys: [{label: k, api_key: WARMKEY0000001, secret: warm-secret, permissions: [read]}]\n"
                + "rate_limit: {per_second: 2}\n";
        try (SimulatorServer sim = SimulatorServer.start(SimClient.scenario(limited), 0).warmUpAndWait(Duration.ofSeconds(20))) {
            SimClient c = new SimClient(sim);
            for (int i = 0; i < 2; i++) {
                assertEquals(0, c.call("private/user-balance", "WARMKEY0000001", "warm-secret", "{}").code(), "the burst passes");
                assertEquals(0, c.callV2("public/get-instruments", "WARMKEY0000001", "warm-secret", "{}").code(), "per IP too");
            }
        }
    }

    @Test
    void closingDuringTheWarmUpIsPrompt() {
        SimulatorServer sim = SimulatorServer.start(SimClient.scenario(WORLD), 0).warmUp();
        long t = System.nanoTime();
        sim.close();
        sim.awaitWarm(Duration.ofSeconds(20));
        assertTrue(Duration.ofNanos(System.nanoTime() - t).toSeconds() < 10, "the warm-up stops when the server closes");
    }
}
