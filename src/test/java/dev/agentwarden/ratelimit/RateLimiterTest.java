package dev.agentwarden.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentwarden.clock.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The token buckets behind the per-caller and per-function limits. */
class RateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final RateLimiter limiter = new RateLimiter(clock);

    @Test
    void allowsUpToTheCapacityThenRefuses() {
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryConsume("caller", 3, Duration.ofMinutes(1)).allowed());
        }
        RateLimitStore.Probe refused = limiter.tryConsume("caller", 3, Duration.ofMinutes(1));
        assertFalse(refused.allowed());
        assertEquals(0, refused.remaining());
        assertTrue(refused.resetSeconds() >= 1 && refused.resetSeconds() <= 20, "reset " + refused.resetSeconds());
    }

    @Test
    void callersHaveBucketsOfTheirOwn() {
        assertTrue(limiter.tryConsume("a", 1, Duration.ofMinutes(1)).allowed());
        assertFalse(limiter.tryConsume("a", 1, Duration.ofMinutes(1)).allowed());
        assertTrue(limiter.tryConsume("b", 1, Duration.ofMinutes(1)).allowed());
    }

    @Test
    void aBucketRefillsOverItsWindow() {
        assertTrue(limiter.tryConsume("refill", 1, Duration.ofMillis(200)).allowed());
        assertFalse(limiter.tryConsume("refill", 1, Duration.ofMillis(200)).allowed());
        clock.advance(Duration.ofMillis(199));
        assertFalse(limiter.tryConsume("refill", 1, Duration.ofMillis(200)).allowed());
        clock.advance(Duration.ofMillis(1));
        assertTrue(limiter.tryConsume("refill", 1, Duration.ofMillis(200)).allowed());
    }

    @Test
    void aFloodOfNewCallersKeepsEveryLimitExact() {
        for (int i = 0; i < 60_000; i++) {
            limiter.tryConsume("flood-" + i, 5, Duration.ofMinutes(1));
        }
        for (int i = 0; i < 5; i++) {
            assertTrue(limiter.tryConsume("steady", 5, Duration.ofMinutes(1)).allowed());
        }
        assertFalse(limiter.tryConsume("steady", 5, Duration.ofMinutes(1)).allowed());
    }
}
