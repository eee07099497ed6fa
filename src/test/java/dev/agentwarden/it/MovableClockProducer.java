package dev.agentwarden.it;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.Clock;

/** In test deployments only: replaces the application's clock with the {@link MovableClock}. */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
public class MovableClockProducer {

    @Produces
    @Singleton
    Clock clock() {
        return MovableClock.INSTANCE;
    }
}
