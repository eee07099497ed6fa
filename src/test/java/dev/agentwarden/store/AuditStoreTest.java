package dev.agentwarden.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentwarden.json.Json;
import java.io.IOException;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link AuditStore} against H2 with the product's migrations: batch append, query, streamed export. */
class AuditStoreTest {

    private static final long T0 = Instant.parse("2026-11-01T10:00:00Z").toEpochMilli();
    private static final long ALL = 0;

    private DataSource dataSource;
    private AuditStore store;

    @BeforeEach
    void database() {
        dataSource = TestDatabases.memory();
        store = new AuditStore(dataSource);
    }

    private static SecurityEvent event(String type, String agent, long at, Map<String, Object> fields) {
        return new SecurityEvent(type, Instant.ofEpochMilli(at), agent, "203.0.113.7", fields);
    }

    private static SecurityEvent event(String type, long at) {
        return event(type, "a", at, Map.of());
    }

    private List<String> types(List<AuditRecord> rows) {
        return rows.stream().map(AuditRecord::type).toList();
    }

    @Test
    void aBatchIsStoredWithEveryColumn() {
        store.insertBatch(List.of(event("auth.failed", "a", T0, Map.of("username", "alice", "reason", "invalid"))));
        AuditRecord row = store.query("a", null, ALL, 10).get(0);
        assertEquals("auth.failed", row.type());
        assertEquals("a", row.agent());
        assertEquals(T0, row.at());
        assertEquals("203.0.113.7", row.peer());
        assertEquals("alice", row.principal());
        assertEquals(Map.of("reason", "invalid"), Json.parse(row.detail()));
    }

    @Test
    void thePrincipalFieldWinsOverByAndUsername() {
        store.insertBatch(List.of(event("x", "a", T0, Map.of("principal", "p", "by", "b", "username", "u"))));
        AuditRecord row = store.query("a", null, ALL, 10).get(0);
        assertEquals("p", row.principal());
        assertEquals(Map.of("by", "b", "username", "u"), Json.parse(row.detail()));
    }

    @Test
    void theActorOfAnAdministrativeChangeIsThePrincipal() {
        store.insertBatch(List.of(event("user.created", "a", T0, Map.of("by", "admin", "username", "bob"))));
        AuditRecord row = store.query("a", null, ALL, 10).get(0);
        assertEquals("admin", row.principal());
        assertEquals(Map.of("username", "bob"), Json.parse(row.detail()));
    }

    @Test
    void anEventWithoutPrincipalHasANullPrincipalAndAnEmptyDetail() {
        store.insertBatch(List.of(new SecurityEvent("rate_limited", Instant.ofEpochMilli(T0), "a", null, null)));
        AuditRecord row = store.query("a", null, ALL, 10).get(0);
        assertNull(row.principal());
        assertNull(row.peer());
        assertEquals("{}", row.detail());
    }

    @Test
    void aBatchIsOneJdbcBatchInOneTransaction() {
        TestDatabases.Recorder recorder = new TestDatabases.Recorder(dataSource);
        new AuditStore(recorder.dataSource()).insertBatch(
                IntStream.range(0, 300).mapToObj(i -> event("key.created", T0 + i)).toList());
        assertEquals(300, recorder.named("PreparedStatement.addBatch").size());
        assertEquals(List.of("PreparedStatement.executeBatch()"), recorder.named("PreparedStatement.executeBatch"));
        assertEquals(List.of("Connection.commit()"), recorder.named("Connection.commit"));
        assertEquals(List.of("Connection.setAutoCommit[false]", "Connection.setAutoCommit[true]"),
                recorder.named("Connection.setAutoCommit"));
        assertEquals(300, store.query("a", null, ALL, 1000).size());
    }

    @Test
    void anOversizedDetailIsCutToItsColumnAndStaysJson() {
        store.insertBatch(List.of(event("x", "a", T0, Map.of("reason", "r".repeat(10_000), "call_id", "c1"))));
        String detail = store.query("a", null, ALL, 10).get(0).detail();
        assertTrue(detail.length() <= AuditRows.DETAIL_MAX, "detail has " + detail.length() + " characters");
        Map<?, ?> parsed = (Map<?, ?>) Json.parse(detail);
        assertEquals(Boolean.TRUE, parsed.get("truncated"));
        assertEquals("c1", parsed.get("call_id"));
        assertEquals(256, ((String) parsed.get("reason")).length());
    }

    @Test
    void overlongValuesAreCutToTheirColumns() {
        store.insertBatch(List.of(new SecurityEvent("t".repeat(100), Instant.ofEpochMilli(T0), "a", "p".repeat(100),
                Map.of("principal", "u".repeat(500)))));
        AuditRecord row = store.query("a", null, ALL, 10).get(0);
        assertEquals(64, row.type().length());
        assertEquals(64, row.peer().length());
        assertEquals(128, row.principal().length());
    }

    @Test
    void queryIsNewestFirst() {
        store.insertBatch(List.of(event("one", T0), event("three", T0 + 2), event("two", T0 + 1)));
        assertEquals(List.of("three", "two", "one"), types(store.query("a", null, ALL, 10)));
    }

    @Test
    void eventsAtTheSameMillisecondAreNewestInsertedFirst() {
        store.insertBatch(List.of(event("first", T0), event("second", T0)));
        assertEquals(List.of("second", "first"), types(store.query("a", null, ALL, 10)));
    }

    @Test
    void queryFiltersByExactType() {
        store.insertBatch(List.of(event("auth.failed", T0), event("auth.success", T0 + 1), event("key.created", T0 + 2)));
        assertEquals(List.of("auth.failed"), types(store.query("a", "auth.failed", ALL, 10)));
    }

    @Test
    void aPrefixFilterMatchesAtADotBoundaryOnly() {
        store.insertBatch(List.of(event("auth.failed", T0), event("auth.success", T0 + 1), event("authz.denied", T0 + 2),
                event("auth", T0 + 3), event("key.created", T0 + 4)));
        assertEquals(List.of("auth", "auth.success", "auth.failed"), types(store.query("a", "auth", ALL, 10)));
    }

    @Test
    void filterCharactersAreNotLikeWildcards() {
        store.insertBatch(List.of(event("rate_limited", T0), event("rateXlimited.x", T0 + 1)));
        assertEquals(List.of("rate_limited"), types(store.query("a", "rate_limited", ALL, 10)));
        assertEquals(List.of(), store.query("a", "%", ALL, 10));
    }

    @Test
    void queryHonoursSince() {
        store.insertBatch(List.of(event("old", T0 - 1), event("edge", T0), event("new", T0 + 1)));
        assertEquals(List.of("new", "edge"), types(store.query("a", null, T0, 10)));
    }

    @Test
    void queryHonoursTheLimitKeepingTheNewest() {
        store.insertBatch(IntStream.range(0, 20).mapToObj(i -> event("e" + i, T0 + i)).toList());
        assertEquals(List.of("e19", "e18", "e17"), types(store.query("a", null, ALL, 3)));
    }

    @Test
    void queryShowsOnlyTheAgentAsked() {
        store.insertBatch(List.of(event("mine", "a", T0, Map.of()), event("theirs", "b", T0, Map.of()),
                event("nobody", null, T0, Map.of())));
        assertEquals(List.of("mine"), types(store.query("a", null, ALL, 10)));
    }

    @Test
    void exportStreamsTheAgentsEventsSinceOldestFirst() throws IOException {
        store.insertBatch(List.of(event("old", T0 - 1), event("b", T0 + 1), event("a", T0),
                event("other", "b", T0, Map.of())));
        List<AuditRecord> rows = new ArrayList<>();
        long count = store.export("a", T0, rows::add);
        assertEquals(2, count);
        assertEquals(List.of("a", "b"), types(rows));
    }

    @Test
    void exportReadsAForwardOnlyCursorWithAFetchSizeOutsideAutoCommit() throws IOException {
        store.insertBatch(List.of(event("x", T0)));
        TestDatabases.Recorder recorder = new TestDatabases.Recorder(dataSource);
        new AuditStore(recorder.dataSource()).export("a", ALL, row -> { });
        List<String> prepared = recorder.named("Connection.prepareStatement");
        assertEquals(1, prepared.size());
        assertTrue(prepared.get(0).endsWith(", " + ResultSet.TYPE_FORWARD_ONLY + ", " + ResultSet.CONCUR_READ_ONLY + "]"),
                prepared.get(0));
        assertEquals(List.of("PreparedStatement.setFetchSize[" + AuditStore.FETCH_SIZE + "]"),
                recorder.named("PreparedStatement.setFetchSize"));
        assertEquals(List.of("Connection.setAutoCommit[false]", "Connection.setAutoCommit[true]"),
                recorder.named("Connection.setAutoCommit"));
    }

    @Test
    void exportStreamsAHundredThousandRows() throws IOException {
        for (int batch = 0; batch < 200; batch++) {
            int base = batch * 500;
            store.insertBatch(IntStream.range(base, base + 500).mapToObj(i -> event("e", T0 + i)).toList());
        }
        AtomicLong seen = new AtomicLong();
        AtomicLong lastAt = new AtomicLong(Long.MIN_VALUE);
        long count = store.export("a", ALL, row -> {
            assertTrue(row.at() >= lastAt.getAndSet(row.at()), "out of order");
            seen.incrementAndGet();
        });
        assertEquals(100_000, count);
        assertEquals(100_000, seen.get());
    }

    @Test
    void aFailingSinkStopsTheExportAndReleasesTheConnectionAsFound() {
        store.insertBatch(List.of(event("x", T0), event("y", T0 + 1)));
        TestDatabases.Recorder recorder = new TestDatabases.Recorder(dataSource);
        AtomicLong seen = new AtomicLong();
        IOException failure = assertThrows(IOException.class, () -> new AuditStore(recorder.dataSource())
                .export("a", ALL, row -> {
                    seen.incrementAndGet();
                    throw new IOException("client went away");
                }));
        assertEquals("client went away", failure.getMessage());
        assertEquals(1, seen.get());
        assertEquals(List.of("Connection.setAutoCommit[false]", "Connection.setAutoCommit[true]"),
                recorder.named("Connection.setAutoCommit"));
        assertEquals(List.of("Connection.close()"), recorder.named("Connection.close"));
    }
}
