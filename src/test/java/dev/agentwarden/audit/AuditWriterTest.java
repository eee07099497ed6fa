package dev.agentwarden.audit;

import dev.agentwarden.store.SecurityEvent;
import dev.agentwarden.store.AuditStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentwarden.store.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link AuditWriter}: enqueue only on the request path, batched writes, drops counted, nothing lost at shutdown. */
class AuditWriterTest {

    /** A store that keeps the batches it is given, and can be told to refuse them. */
    static final class FakeStore extends AuditStore {
        final List<List<String>> batches = new ArrayList<>();
        boolean down;

        @Override
        public void insertBatch(List<SecurityEvent> events) {
            if (down) {
                throw new StoreUnavailableException("down", null);
            }
            batches.add(events.stream().map(SecurityEvent::type).toList());
        }

        List<String> written() {
            return batches.stream().flatMap(List::stream).toList();
        }
    }

    private final FakeStore store = new FakeStore();
    private final List<LogRecord> logged = new ArrayList<>();
    private final Logger logger = Logger.getLogger(AuditWriter.class.getName());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
    }

    @AfterEach
    void releaseLog() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(true);
    }

    private static SecurityEvent event(String type) {
        return new SecurityEvent(type, Instant.now(), "a", null, Map.of());
    }

    private static void fire(AuditWriter writer, int count) {
        IntStream.range(0, count).forEach(i -> writer.onEvent(event("e" + i)));
    }

    private List<String> messages(Level level) {
        return logged.stream().filter(r -> r.getLevel() == level).map(LogRecord::getMessage).toList();
    }

    @Test
    void theObserverOnlyEnqueues() {
        AuditWriter writer = new AuditWriter(store, 10, 200);
        fire(writer, 3);
        assertEquals(List.of(), store.batches);
        assertEquals(3, writer.queued());
    }

    @Test
    void aFlushWritesEverythingInBatchesOfAtMostFiveHundredInOrder() {
        AuditWriter writer = new AuditWriter(store, 5000, 200);
        fire(writer, 1200);
        assertTrue(writer.flush());
        assertEquals(List.of(500, 500, 200), store.batches.stream().map(List::size).toList());
        assertEquals(IntStream.range(0, 1200).mapToObj(i -> "e" + i).toList(), store.written());
        assertEquals(0, writer.queued());
    }

    @Test
    void aFullQueueDropsWithoutBlockingAndCountsTheDrops() {
        AuditWriter writer = new AuditWriter(store, 5, 200);
        fire(writer, 8);
        assertEquals(5, writer.queued());
        assertEquals(3, writer.droppedSinceReport());
    }

    @Test
    void theNextFlushWarnsWithTheDropCountOnce() {
        AuditWriter writer = new AuditWriter(store, 5, 200);
        fire(writer, 8);
        writer.flush();
        writer.flush();
        assertEquals(List.of("Audit log: the queue (5 events) was full; 3 security events were dropped and are not in"
                + " the audit log"), messages(Level.WARNING));
        assertEquals(0, writer.droppedSinceReport());
        assertEquals(List.of("e0", "e1", "e2", "e3", "e4"), store.written());
    }

    @Test
    void aRefusedBatchIsKeptAndWrittenFirstWhenTheStoreIsBack() {
        AuditWriter writer = new AuditWriter(store, 100, 200);
        fire(writer, 3);
        store.down = true;
        assertFalse(writer.flush());
        writer.onEvent(event("later"));
        assertFalse(writer.flush());
        store.down = false;
        assertTrue(writer.flush());
        assertEquals(List.of(List.of("e0", "e1", "e2"), List.of("later")), store.batches);
        assertEquals(1, messages(Level.WARNING).size(), "one warning for the outage, not one per retry");
    }

    @Test
    void stopWritesEverythingStillQueued() {
        AuditWriter writer = new AuditWriter(store, 5000, 200);
        fire(writer, 1234);
        writer.stop();
        assertEquals(1234, store.written().size());
        assertEquals(0, writer.queued());
    }

    @Test
    void stopWithTheStoreDownSaysHowManyEventsAreLost() {
        AuditWriter writer = new AuditWriter(store, 100, 200);
        fire(writer, 7);
        store.down = true;
        writer.stop();
        assertEquals(List.of("Audit log: the store is unavailable at shutdown; 7 audit events are lost"),
                messages(Level.SEVERE));
    }
}
