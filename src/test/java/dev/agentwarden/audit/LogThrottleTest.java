package dev.agentwarden.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {

    private static final long T0 = 1_800_000_000_000L;

    private final LogThrottle<String> throttle = new LogThrottle<>(3, 60_000, 100);

    @Test
    void theFirstLinesOfAWindowPass() {
        for (int i = 0; i < 3; i++) {
            assertEquals(new LogThrottle.Admission(true, 0), throttle.admit("peer", T0 + i));
        }
    }

    @Test
    void linesPastTheBurstAreLeftOut() {
        for (int i = 0; i < 3; i++) {
            throttle.admit("peer", T0);
        }

        assertEquals(new LogThrottle.Admission(false, 0), throttle.admit("peer", T0 + 1));
    }

    @Test
    void theNextWindowPassesAgainAndTellsHowManyWereLeftOut() {
        for (int i = 0; i < 10; i++) {
            throttle.admit("peer", T0 + i);
        }

        assertEquals(new LogThrottle.Admission(true, 7), throttle.admit("peer", T0 + 60_000));
        assertEquals(new LogThrottle.Admission(true, 0), throttle.admit("peer", T0 + 60_001));
    }

    @Test
    void sourcesHaveSeparateAllowances() {
        for (int i = 0; i < 10; i++) {
            throttle.admit("attacker", T0);
        }

        assertTrue(throttle.admit("someone else", T0).log());
    }

    @Test
    void pastTheTrackedMaximumNewSourcesShareOneAllowance() {
        LogThrottle<String> small = new LogThrottle<>(2, 60_000, 2);
        small.admit("a", T0);
        small.admit("b", T0);

        assertTrue(small.admit("c", T0).log());
        assertTrue(small.admit("d", T0).log());
        assertFalse(small.admit("e", T0).log());
        assertTrue(small.admit("a", T0).log(), "a tracked source keeps its own allowance");
        assertEquals(3, small.size());
    }

    @Test
    void aSweepReportsTheEndedWindowsThatLeftLinesOutAndForgetsThem() {
        for (int i = 0; i < 5; i++) {
            throttle.admit("noisy", T0);
        }
        throttle.admit("quiet", T0);

        assertEquals(Map.of(), throttle.sweep(T0 + 1));
        assertEquals(Map.of("noisy", 2L), throttle.sweep(T0 + 60_001));
        assertEquals(0, throttle.size());
        assertEquals(new LogThrottle.Admission(true, 0), throttle.admit("noisy", T0 + 60_002));
    }

    @Test
    void aSweepRunsAtMostOncePerWindow() {
        for (int i = 0; i < 5; i++) {
            throttle.admit("noisy", T0);
        }
        throttle.sweep(T0);

        assertEquals(Map.of(), throttle.sweep(T0 + 59_999));
        assertEquals(Map.of("noisy", 2L), throttle.sweep(T0 + 60_000));
    }

    @Test
    void concurrentLinesAreAllCountedOnce() throws InterruptedException {
        LogThrottle<String> shared = new LogThrottle<>(100, 60_000, 10);
        AtomicLong logged = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 80_000; i++) {
            pool.execute(() -> {
                if (shared.admit("peer", T0).log()) {
                    logged.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));

        assertEquals(100, logged.get());
        assertEquals(Map.of("peer", 79_900L), shared.sweep(T0 + 60_000));
    }
}
