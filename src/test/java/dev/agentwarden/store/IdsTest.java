package dev.agentwarden.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void idsAreVersion7UuidsOfTheRfc4122Variant() {
        UUID id = UUID.fromString(Ids.next());

        assertEquals(7, id.version());
        assertEquals(2, id.variant());
    }

    @Test
    void idsCarryTheirCreationMillisecond() {
        long at = 1_795_000_000_123L;

        UUID id = Ids.next(at);

        assertEquals(at, id.getMostSignificantBits() >>> 16);
    }

    @Test
    void laterIdsSortAfterEarlierOnesAsText() {
        List<String> ids = new ArrayList<>();
        for (long ms = 1_795_000_000_000L; ms < 1_795_000_000_000L + 1000; ms += 7) {
            ids.add(Ids.next(ms).toString());
        }

        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted);
    }

    @Test
    void idsOfTheSameMillisecondDifferIn74RandomBits() {
        HashSet<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Ids.next(1_795_000_000_000L).toString());
        }

        assertEquals(100_000, ids.size());
        assertTrue(ids.stream().allMatch(id -> id.startsWith("01a") && id.charAt(14) == '7'), ids.iterator().next());
    }
}
