package dev.agentwarden.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token-bucket limits (Bucket4j) keyed by whatever the caller is: one bucket per key and limit. Buckets live in this
 * node's memory; idle ones are swept so that a flood of distinct keys cannot grow the map without bound.
 * {@link RateLimitStore} is the seam for a shared (JCache / Hazelcast) store in a cluster.
 */
@ApplicationScoped
public class RateLimiter implements RateLimitStore {

    private static final int SWEEP_THRESHOLD = 50_000;

    private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;
    private final java.util.concurrent.atomic.AtomicLong lastSweep = new java.util.concurrent.atomic.AtomicLong();

    /** Buckets whose windows run on {@code clock} (the application's one clock). */
    @Inject
    public RateLimiter(Clock clock) {
        this.time = new ClockTimeMeter(clock);
    }

    /** For CDI proxies only. */
    protected RateLimiter() {
        this.time = null;
    }

    @Override
    public Probe tryConsume(String key, int capacity, Duration window) {
        Entry entry = buckets.computeIfAbsent(key + '|' + capacity + '|' + window.toMillis(),
                k -> new Entry(newBucket(capacity, window), capacity));
        ConsumptionProbe probe = entry.bucket.tryConsumeAndReturnRemaining(1);
        if (buckets.size() > SWEEP_THRESHOLD) {
            sweepAtMostOncePerSecond();
        }
        long resetNanos = probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill();
        return new Probe(probe.isConsumed(), capacity, probe.getRemainingTokens(),
                Math.max(1, (resetNanos + 999_999_999L) / 1_000_000_000L));
    }

    @Override
    public Probe peek(String key, int capacity, Duration window) {
        Entry entry = buckets.get(key + '|' + capacity + '|' + window.toMillis());
        if (entry == null) {
            return new Probe(true, capacity, capacity, 1);
        }
        EstimationProbe probe = entry.bucket.estimateAbilityToConsume(1);
        long resetNanos = probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill();
        return new Probe(probe.canBeConsumed(), capacity, probe.getRemainingTokens(),
                Math.max(1, (resetNanos + 999_999_999L) / 1_000_000_000L));
    }

    private Bucket newBucket(int capacity, Duration window) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .withCustomTimePrecision(time)
                .build();
    }

    /** One request sweeps, the others go on: a flood of new callers must not make every request scan the map. */
    private void sweepAtMostOncePerSecond() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last >= SWEEP_INTERVAL_NANOS && lastSweep.compareAndSet(last, now)) {
            sweep();
        }
    }

    /** Drops buckets that have refilled completely: forgetting them changes no answer. */
    private void sweep() {
        buckets.entrySet().removeIf(e -> e.getValue().bucket.getAvailableTokens() >= e.getValue().capacity);
    }

    private record Entry(Bucket bucket, int capacity) {
    }

    /** Bucket4j's time, read from the application's clock. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
