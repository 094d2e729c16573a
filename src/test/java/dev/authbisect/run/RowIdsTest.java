package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowIdsTest {
    @Test
    void aRowIdIsTheModuleVersionsFirstEightHexDigits() {
        Map<String, String> ids = RowIds.ofIds(List.of("1a2b3c4d5e6f7a8b", "9f8e7d6c5b4a3928"));
        assertEquals("1a2b3c4d", ids.get("1a2b3c4d5e6f7a8b"));
        assertEquals("9f8e7d6c", ids.get("9f8e7d6c5b4a3928"));
    }

    @Test
    void versionsSharingAPrefixGetAsManyDigitsAsItTakesAndOnlyThey() {
        Map<String, String> ids = RowIds.ofIds(List.of("1a2b3c4d5e0000", "1a2b3c4d5f1111", "77777777aaaa"));
        assertEquals("1a2b3c4d5e", ids.get("1a2b3c4d5e0000"));
        assertEquals("1a2b3c4d5f", ids.get("1a2b3c4d5f1111"));
        assertEquals("77777777", ids.get("77777777aaaa"));
    }

    @Test
    void theSameVersionGetsTheSameIdWhateverElseIsInTheRun() {
        String mv = "abcdef0123456789";
        assertEquals(RowIds.ofIds(List.of(mv)).get(mv), RowIds.ofIds(List.of("0000000011", mv, "ffffffff22")).get(mv));
    }
}
