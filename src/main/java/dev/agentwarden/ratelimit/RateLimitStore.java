package dev.agentwarden.ratelimit;

import java.time.Duration;

/** Where rate-limit buckets live; the local {@link RateLimiter} is the default. */
public interface RateLimitStore {

    /** Takes one token from the bucket of {@code key} ({@code capacity} per {@code window}). */
    Probe tryConsume(String key, int capacity, Duration window);

    /** What {@link #tryConsume} would answer now, without taking a token (a limit on failures checks it first). */
    Probe peek(String key, int capacity, Duration window);

    /**
     * The outcome of one attempt.
     *
     * @param allowed      whether the call may proceed
     * @param limit        the bucket's capacity
     * @param remaining    tokens left after this attempt
     * @param resetSeconds seconds until a token is available again (for {@code Retry-After})
     */
    record Probe(boolean allowed, long limit, long remaining, long resetSeconds) {
    }
}
