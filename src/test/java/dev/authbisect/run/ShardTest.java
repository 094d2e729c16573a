package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.ExitException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardTest {
    static List<String> ids(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(String.format("%064x", (long) i * 0x9E3779B97F4A7C15L));
        }
        return out;
    }

    @Test
    void everyModuleVersionIsInExactlyOneShard() {
        for (String id : ids(200)) {
            int owners = 0;
            for (int k = 1; k <= 4; k++) {
                owners += new Shard(k, 4).owns(id) ? 1 : 0;
            }
            assertEquals(1, owners, id);
        }
    }

    @Test
    void aModuleVersionStaysInItsShardWhenTheRangeGrows() {
        // the shard depends on the module version's own id only, never on its position in the range
        List<String> small = ids(20);
        List<String> grown = new ArrayList<>(ids(60));
        java.util.Collections.reverse(grown);
        for (String id : small) {
            assertEquals(Shard.of(id, 3), Shard.of(grown.get(grown.indexOf(id)), 3));
        }
        assertEquals(Shard.of("abc", 5), Shard.of("abc", 5));
    }

    @Test
    void shardsAreRoughlyEven() {
        int[] sizes = new int[4];
        ids(400).forEach(id -> sizes[Shard.of(id, 4) - 1]++);
        for (int s : sizes) {
            assertTrue(s > 60 && s < 140, java.util.Arrays.toString(sizes));
        }
    }

    @Test
    void badShardsAreOneLineUsageErrors() {
        assertEquals("2/4", Shard.parse("2/4").toString());
        for (String bad : List.of("0/2", "3/2", "x", "1/0", "/2", "1/")) {
            ExitException e = assertThrows(ExitException.class, () -> Shard.parse(bad));
            assertTrue(e.getMessage().startsWith("--shard"), e.getMessage());
        }
    }
}
