package dev.authbisect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.Durations;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The small parts behind the checks, on fake clocks. */
class SimulatorPartsTest {
    @Test
    void theRateLimiterLetsABurstThroughAndRefillsOverTime() {
        AtomicLong nanos = new AtomicLong();
        RateLimiter limiter = new RateLimiter(Optional.of(new RateLimit(2)), nanos::get);
        assertTrue(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("a"));
        assertFalse(limiter.tryAcquire("a"));
        assertTrue(limiter.tryAcquire("b"), "callers have their own buckets");
        nanos.addAndGet(499_000_000);
        assertFalse(limiter.tryAcquire("a"));
        nanos.addAndGet(2_000_000);
        assertTrue(limiter.tryAcquire("a"), "one token after half a second at 2/s");
        assertTrue(new RateLimiter(Optional.empty(), nanos::get).tryAcquire("anyone"));
    }

    @Test
    void ipRangesMatchLiteralsAndCidrBlocksAndNeverNames() {
        assertTrue(IpRange.parse("47.130.143.159").get().contains("47.130.143.159"));
        assertFalse(IpRange.parse("47.130.143.159").get().contains("47.130.143.158"));
        assertTrue(IpRange.parse("10.1.2.0/23").get().contains("10.1.3.200"));
        assertFalse(IpRange.parse("10.1.2.0/23").get().contains("10.1.4.1"));
        assertTrue(IpRange.parse("2001:db8::/32").get().contains("2001:db8::1"));
        assertFalse(IpRange.parse("2001:db8::/32").get().contains("10.0.0.1"));
        assertTrue(IpRange.parse("example.com").isEmpty());
        assertTrue(IpRange.parse("300.1.1.1").isEmpty());
        assertTrue(IpRange.parse("10.0.0.0/33").isEmpty());
    }

    @Test
    void durationsReadShortAndIsoForms() {
        assertEquals(Optional.of(Duration.ofMillis(250)), Durations.parse("250ms"));
        assertEquals(Optional.of(Duration.ofSeconds(60)), Durations.parse("60s"));
        assertEquals(Optional.of(Duration.ofSeconds(-30)), Durations.parse("-30s"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), Durations.parse("2m"));
        assertEquals(Optional.of(Duration.ofHours(1)), Durations.parse("1h"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), Durations.parse("PT30S"));
        assertTrue(Durations.parse("60 seconds").isEmpty());
    }

    @Test
    void faultsWithTheSameSeedStrikeTheSameRequests() {
        Fault f = new Fault(Optional.of("private/user-balance"), Fault.Kind.RESET, 0, Duration.ZERO, 0.3, 7);
        FaultInjector a = new FaultInjector(List.of(f));
        FaultInjector b = new FaultInjector(List.of(f));
        int hits = 0;
        for (int i = 0; i < 200; i++) {
            Optional<Fault> x = a.draw("private/user-balance");
            assertEquals(x, b.draw("private/user-balance"));
            hits += x.isPresent() ? 1 : 0;
            assertTrue(a.draw("private/get-open-orders").isEmpty());
        }
        assertTrue(hits > 30 && hits < 90, "about 30% of 200: " + hits);
    }

    @Test
    void theKeyRingAppliesEventsUpToTheClockOnly() {
        SimKey k = new SimKey("k", "K1", dev.authbisect.core.Secret.of("s1"), java.util.Set.of(Permission.READ),
                List.of(), Optional.empty(), Optional.empty());
        java.time.Instant t = java.time.Instant.parse("2025-12-19T08:00:00Z");
        KeyRing ring = new KeyRing(List.of(k), List.of(new TimedEvent.Revoke(t, "K1")));
        assertTrue(ring.find("K1", t.toEpochMilli() - 1) instanceof KeyRing.Active);
        assertTrue(ring.find("K1", t.toEpochMilli()) instanceof KeyRing.Refused);
    }
}
