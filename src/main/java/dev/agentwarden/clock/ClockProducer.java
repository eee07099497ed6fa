package dev.agentwarden.clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The application's one {@link Clock}: every decision that depends on time (token and key expiry, rotation, rate
 * windows, audit periods) reads it, so a test can move time instead of sleeping. Monotonic {@code System.nanoTime()}
 * stays where only a cache's freshness or a sweep's pace depends on it.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
