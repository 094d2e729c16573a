package dev.authbisect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void shortFormsAreSignedAndIsoFormsAreAccepted() {
        assertEquals(Optional.of(Duration.ofMillis(250)), Durations.parse(" 250ms "));
        assertEquals(Optional.of(Duration.ofSeconds(5)), Durations.parse("+5s"));
        assertEquals(Optional.of(Duration.ofMinutes(-2)), Durations.parse("-2m"));
        assertEquals(Optional.of(Duration.ofMinutes(90)), Durations.parse("PT1H30M"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), Durations.parse("PT30S"));
        assertEquals(Optional.of(Duration.ofSeconds(-30)), Durations.parse("-PT30S"));
        assertEquals(Optional.of(Duration.ofSeconds(30)), Durations.parse("30"), "a bare number is seconds");
        assertEquals(Optional.of(Duration.ofSeconds(30)), Durations.parse("30 s"));
        assertEquals(Optional.of(Duration.ofHours(1)), Durations.parse("1h"));
        assertTrue(Durations.parse("30 seconds").isEmpty());
        assertTrue(Durations.parse("1.5s").isEmpty());
        assertTrue(Durations.parse("").isEmpty());
    }

    @Test
    void textIsTheShortestHumanForm() {
        assertEquals("800ms", Durations.text(Duration.ofMillis(800)));
        assertEquals("1.5s", Durations.text(Duration.ofMillis(1500)));
        assertEquals("2s", Durations.text(Duration.ofSeconds(2)));
        assertEquals("5m", Durations.text(Duration.ofMinutes(5)));
        assertEquals("90s", Durations.text(Duration.ofSeconds(90)));
    }

    @Test
    void textAndParseRoundTripTheShortForms() {
        for (String s : new String[] {"250ms", "2s", "5m", "90s"}) {
            assertEquals(s, Durations.text(Durations.parse(s).orElseThrow()));
        }
    }
}
