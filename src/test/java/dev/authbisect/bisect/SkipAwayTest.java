package dev.authbisect.bisect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SkipAwayTest {
    @Test
    void thePseudoRandomNumbersAreThoseOfManRand() {
        assertEquals(16838, SkipAway.prn(1));            // rand() after srand(1)
        assertEquals(17747, SkipAway.prn(3));
    }

    @Test
    void theIntegerSquareRootIsGitsFloatIteration() {
        assertEquals(181, SkipAway.sqrti(32768));
        assertEquals(0, SkipAway.sqrti(0));
        assertEquals(3, SkipAway.sqrti(10));
    }

    @Test
    void picksTheBadCommitOnlyWhenItIsFirstInTheList() {
        for (int n = 2; n < 100; n++) {
            List<Integer> list = IntStream.range(0, n).boxed().toList();
            for (int bad = 0; bad < n; bad++) {
                int chosen = SkipAway.choose(list, bad);
                assertTrue(chosen != bad || bad == 0, "n=" + n + " bad=" + bad);
            }
        }
    }
}
