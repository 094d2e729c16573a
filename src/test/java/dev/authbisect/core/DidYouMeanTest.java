package dev.authbisect.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    @Test
    void typosFindTheirWordAndStrangersFindNothing() {
        List<String> commands = List.of("run", "bisect", "demo", "sim", "check", "report", "init", "completion");
        assertEquals(Optional.of("check"), DidYouMean.closest("chekc", commands), "a swap");
        assertEquals(Optional.of("report"), DidYouMean.closest("reprot", commands));
        assertEquals(Optional.of("run"), DidYouMean.closest("rn", commands));
        assertEquals(Optional.of("completion"), DidYouMean.closest("completoin", commands));
        assertEquals(Optional.empty(), DidYouMean.closest("deploy", commands));
        assertEquals(Optional.of("--config"), DidYouMean.closest("--confg", List.of("--config", "--cache", "--probe")));
        assertEquals(" (did you mean 'backend/app/'?)", DidYouMean.hint("backend/ap/", List.of("backend/", "backend/app/", "frontend/")));
        assertEquals("", DidYouMean.hint("x", List.of("x")), "the word itself is no suggestion");
    }

    @Test
    void distanceCountsSwapsAsOneEdit() {
        assertEquals(1, DidYouMean.distance("ab", "ba"));
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
        assertEquals(0, DidYouMean.distance("", ""));
    }
}
