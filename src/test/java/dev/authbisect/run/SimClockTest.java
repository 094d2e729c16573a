package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.authbisect.core.ExitException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimClockTest {
    @Test
    void parsesInstantsWithAnOffset() {
        assertEquals(Instant.parse("2025-12-19T09:00:00Z"), SimClock.parse("--sim-clock", "2025-12-19T09:00:00Z"));
        assertEquals(Instant.parse("2025-12-19T09:00:00Z"), SimClock.parse("--sim-clock", " 2025-12-19T10:00:00+01:00 "));
    }

    @Test
    void anythingElseIsOneUsageLine() {
        ExitException e = assertThrows(ExitException.class, () -> SimClock.parse("--sim-clock", "2025-12-19 09:00"));
        assertEquals(2, e.code());
        assertEquals("--sim-clock '2025-12-19 09:00': expected an ISO-8601 time with an offset, e.g. 2025-12-19T09:00:00Z", e.getMessage());
    }
}
