package dev.agentwarden.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The clock of a test deployment: the system's, moved forward by what the tests asked ({@link ClockServlet}). */
public final class MovableClock extends Clock {

    /** The one instance every bean of the deployment reads. */
    public static final MovableClock INSTANCE = new MovableClock();

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    /** While set, time stands still there (a test that counts calls against a rate window). */
    private volatile Instant frozen;

    private MovableClock() {
    }

    /** Moves the clock forward by {@code amount}; the new time. */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("time only moves forward");
        }
        offset.accumulateAndGet(amount, Duration::plus);
        Instant stopped = frozen;
        if (stopped != null) {
            frozen = stopped.plus(amount);
        }
        return instant();
    }

    /** Stops time where it is, until {@link #release()}; {@link #advance} still moves it. */
    public Instant freeze() {
        frozen = instant();
        return frozen;
    }

    /** Lets time run again. */
    public Instant release() {
        frozen = null;
        return instant();
    }

    @Override
    public Instant instant() {
        Instant stopped = frozen;
        return stopped != null ? stopped : Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the application clock is UTC");
    }
}
