package dev.agentwarden.audit;

import dev.agentwarden.store.SecurityEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.time.Clock;
import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The log lines of {@link SecurityLog}, refusals rate-limited per client; every event still goes to the store. */
class SecurityLogTest {

    private static final Logger LOGGER = Logger.getLogger("dev.agentwarden.security");
    private static final Instant T0 = Instant.parse("2027-01-15T10:00:00Z");

    private final List<LogRecord> lines = new ArrayList<>();
    private final List<SecurityEvent> stored = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private final SecurityLog log = new SecurityLog(new Recorder(), 3, Clock.systemUTC());

    @BeforeEach
    void listen() {
        LOGGER.addHandler(capture);
        LOGGER.setLevel(Level.INFO);
    }

    @AfterEach
    void stopListening() {
        LOGGER.removeHandler(capture);
        LOGGER.setLevel(null);
    }

    @Test
    void refusalsOfOneClientPastTheBurstAreNotLoggedButAllAreStored() {
        for (int i = 0; i < 10; i++) {
            record("auth.failed", "203.0.113.7", T0.plusMillis(i));
        }

        assertEquals(3, lines.size());
        assertEquals(10, stored.size());
    }

    @Test
    void anotherClientIsLoggedWhileOneIsThrottled() {
        for (int i = 0; i < 10; i++) {
            record("auth.failed", "203.0.113.7", T0);
        }

        record("auth.failed", "198.51.100.1", T0);

        assertEquals(4, lines.size());
        assertEquals(true, lines.get(3).getMessage().contains("\"peer\":\"198.51.100.1\""), lines.get(3).getMessage());
    }

    @Test
    void theNextMinuteSaysHowManyLinesWereLeftOut() {
        for (int i = 0; i < 10; i++) {
            record("auth.failed", "203.0.113.7", T0);
        }

        record("token.invalid", "198.51.100.1", T0.plusSeconds(61));

        List<String> messages = lines.stream().map(LogRecord::getMessage).toList();
        assertEquals("{\"event\":\"log.suppressed\",\"at\":\"2027-01-15T10:01:01Z\",\"type\":\"auth.failed\","
                + "\"peer\":\"203.0.113.7\",\"suppressed\":7,\"window_seconds\":60}", messages.get(3));
        assertEquals(Level.WARNING, lines.get(3).getLevel());
        assertEquals(5, messages.size());
    }

    @Test
    void eachKindOfRefusalHasItsOwnAllowance() {
        for (int i = 0; i < 10; i++) {
            record("auth.failed", "203.0.113.7", T0);
        }

        record("rate_limited", "203.0.113.7", T0);

        assertEquals(4, lines.size());
    }

    @Test
    void informationalEventsAreNeverThrottled() {
        for (int i = 0; i < 10; i++) {
            record("key.created", "203.0.113.7", T0);
        }

        assertEquals(10, lines.size());
    }

    @Test
    void aBurstOfZeroLogsEveryRefusal() {
        SecurityLog unlimited = new SecurityLog(new Recorder(), 0, Clock.systemUTC());
        for (int i = 0; i < 10; i++) {
            unlimited.record("auth.failed", "agent", "203.0.113.7", Map.of());
        }

        assertEquals(10, lines.size());
    }

    @Test
    void aNegativeBurstIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SecurityLog(new Recorder(), -1, Clock.systemUTC()));

        assertEquals("warden.security-log.burst must be 0 (no limit) or more, not -1", e.getMessage());
    }

    private void record(String type, String peer, Instant at) {
        log.record(new SecurityEvent(type, at, "agent", peer, Map.of("reason", "test")));
    }

    /** Collects what would go to the audit store. */
    private final class Recorder implements Event<SecurityEvent> {
        @Override
        public void fire(SecurityEvent event) {
            stored.add(event);
        }

        @Override
        public <U extends SecurityEvent> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends SecurityEvent> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<SecurityEvent> select(Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends SecurityEvent> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends SecurityEvent> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
