package dev.agentwarden.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    @Test
    void base62HasTheLengthAskedForAndOnlyBase62Characters() {
        String value = Secrets.base62(1000);

        assertEquals(1000, value.length());
        assertTrue(value.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0), value);
    }

    /** A byte taken modulo 62 would favour the first eight symbols by a quarter; the draw must not. */
    @Test
    void base62IsUnbiased() {
        int[] counts = new int[128];
        for (char c : Secrets.base62(62 * 10_000).toCharArray()) {
            counts[c]++;
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (char c : ALPHABET.toCharArray()) {
            min = Math.min(min, counts[c]);
            max = Math.max(max, counts[c]);
        }

        // Expected 10 000 each, standard deviation ~100: 10 % apart is far beyond chance, far below a 25 % bias.
        assertTrue(max < min * 1.1, "min " + min + ", max " + max);
    }

    @Test
    void threadsDrawDifferentValues() throws InterruptedException {
        Set<String> values = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 8_000; i++) {
            pool.execute(() -> values.add(Secrets.base62(22)));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));

        assertEquals(8_000, values.size());
    }

    @Test
    void bytesAreRandom() {
        assertEquals(32, Secrets.bytes(32).length);
        assertNotEquals(java.util.HexFormat.of().formatHex(Secrets.bytes(32)),
                java.util.HexFormat.of().formatHex(Secrets.bytes(32)));
    }
}
