package dev.authbisect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped seed-rca scenario reproduces the incident over real HTTP. */
class SeedIncidentSimulationTest {
    static final String LOCAL_KEY = "z3HWF8m292LocalKey01";
    static final String LOCAL_SECRET = "local-env-secret-z3hw";
    static final String AWS_KEY = "raHZAk1MDkAWviDpcBxAWU";
    static final String AWS_SECRET = "demo-secret-aws-key-3-1";
    static final String LAPTOP_IP = "203.0.113.7";
    static final String PROD_IP = "47.130.143.159";

    static SimulatorServer sim;

    @BeforeAll
    static void start() {
        sim = SimulatorServer.start(Scenario.load(Path.of("harness-config/sim/seed-rca.yaml")), 0);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void theOldLocalKeyFromTheLaptopFailsBalanceAndOpenOrdersWith40101ButReadsOrderHistory() {
        SimClient laptop = new SimClient(sim).from(LAPTOP_IP);
        SimClient.Reply balance = laptop.call("private/user-balance", LOCAL_KEY, LOCAL_SECRET, "{}");
        assertEquals(401, balance.status());
        assertEquals(40101, balance.code());
        assertEquals("UNAUTHORIZED", balance.body().get("message").asText());
        assertEquals("UNAUTHORIZED: ip 203.0.113.7 not in allowlist of key 'old local key'", balance.reason());

        SimClient.Reply open = laptop.call("private/get-open-orders", LOCAL_KEY, LOCAL_SECRET, "{}");
        assertEquals(401, open.status());
        assertEquals(40101, open.code());

        SimClient.Reply history = laptop.call("private/get-order-history", LOCAL_KEY, LOCAL_SECRET, "{\"limit\": 20}");
        assertEquals(200, history.status());
        assertEquals(0, history.code());
        assertTrue(history.body().at("/result/data").isArray());
        assertTrue(history.reason().contains("does not enforce it"), history.reason());
    }

    @Test
    void awsKeyFromTheProductionIpPassesAllThreeCalls() {
        SimClient prod = new SimClient(sim).from(PROD_IP);
        for (String method : new String[] {"private/user-balance", "private/get-open-orders", "private/get-order-history"}) {
            SimClient.Reply r = prod.call(method, AWS_KEY, AWS_SECRET, "{}");
            assertEquals(200, r.status(), method);
            assertEquals(0, r.code(), method + " " + r.reason());
            assertEquals(method, r.body().get("method").asText());
            assertEquals("ok: key 'AWS KEY 3.1' from 47.130.143.159", r.reason());
        }
    }

    @Test
    void theScenarioRunsOnTheIncidentsFrozenClock() {
        assertEquals(Instant.parse("2025-12-19T08:00:00Z").toEpochMilli(), sim.fixedClockMillis().getAsLong());
        assertEquals(sim.fixedClockMillis().getAsLong(), sim.nowMillis());
    }

    @Test
    void getAccountSummaryIsUnknownUnderV1ButServedUnderV2() {
        SimClient prod = new SimClient(sim).from(PROD_IP);
        SimClient.Reply v1 = prod.call("private/get-account-summary", AWS_KEY, AWS_SECRET, "{}");
        assertEquals(400, v1.status());
        assertEquals(40002, v1.code());
        assertEquals("METHOD_NOT_FOUND", v1.body().get("message").asText());

        SimClient.Reply v2 = prod.callV2("private/get-account-summary", AWS_KEY, AWS_SECRET, "{}");
        assertEquals(200, v2.status());
        assertEquals(0, v2.code());
        assertEquals("CRO", v2.body().at("/result/accounts/2/currency").asText());

        SimClient.Reply laptopV2 = new SimClient(sim).from(LAPTOP_IP).callV2("private/get-account-summary", LOCAL_KEY, LOCAL_SECRET, "{}");
        assertEquals(401, laptopV2.status());
        assertEquals(10002, laptopV2.code(), "ip_violation_code 40101 is UNAUTHORIZED in v2 numbering too");
    }

    @Test
    void anEgressHeaderWithoutTheTrustTokenIsIgnoredAndThePeerAddressCounts() {
        SimClient spoofing = new SimClient(sim).withHeader(SimulatorServer.EGRESS_IP_HEADER, PROD_IP)
                .withHeader(SimulatorServer.RELAY_TOKEN_HEADER, "not-the-token");
        SimClient.Reply r = spoofing.call("private/user-balance", AWS_KEY, AWS_SECRET, "{}");
        assertEquals(40101, r.code());
        assertEquals("UNAUTHORIZED: ip 127.0.0.1 not in allowlist of key 'AWS KEY 3.1'", r.reason());
    }
}
