package dev.agentwarden.audit;

import dev.agentwarden.store.SecurityEvent;
import dev.agentwarden.store.AuditStore;
import dev.agentwarden.store.TestDatabases;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test of behaviour: measures an export of {@code audit.benchmark.rows} (default 1 000 000) rows from a file H2
 * database, to a null sink and as NDJSON to a null writer; prints time and the highest heap use seen above the
 * baseline. Run it with a small heap to see the memory stay flat:
 * {@code mvn test -Dtest=AuditExportBenchmarkTest -Daudit.benchmark=true -DargLine=-Xmx32m}.
 */
@EnabledIfSystemProperty(named = "audit.benchmark", matches = "true")
class AuditExportBenchmarkTest {

    private static final int ROWS = Integer.getInteger("audit.benchmark.rows", 1_000_000);
    private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @TempDir
    Path dir;

    /** Samples the used heap every millisecond while it runs; {@link #max()} is the highest seen. */
    private static final class HeapSampler extends Thread {
        private final AtomicLong max = new AtomicLong();
        private volatile boolean running = true;

        HeapSampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                max.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long finish() throws InterruptedException {
            running = false;
            join();
            return max.get();
        }
    }

    /** One export run; returns the rows exported. */
    private interface Export {
        long run() throws IOException;
    }

    private static void measure(String name, Export export) throws Exception {
        System.gc();
        Thread.sleep(200);
        long baseline = MEMORY.getHeapMemoryUsage().getUsed();
        HeapSampler sampler = new HeapSampler();
        sampler.start();
        long start = System.nanoTime();
        long count = export.run();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long max = sampler.finish();
        assertEquals(ROWS, count);
        System.out.printf("BENCHMARK %s: %,d rows in %,d ms (%,.0f rows/s); heap baseline %,d KiB, max %,d KiB, "
                + "max delta %,d KiB; -Xmx %,d MiB%n", name, count, millis, count * 1000.0 / Math.max(1, millis),
                baseline / 1024, max / 1024, (max - baseline) / 1024, Runtime.getRuntime().maxMemory() >> 20);
    }

    @Test
    void exportOfAMillionRows() throws Exception {
        JdbcConnectionPool dataSource = TestDatabases.file(dir);
        try {
            run(dataSource);
        } finally {
            dataSource.dispose();
        }
    }

    private void run(DataSource dataSource) throws Exception {
        AuditStore store = new AuditStore(dataSource);
        long start = System.nanoTime();
        for (int base = 0; base < ROWS; base += AuditWriter.BATCH) {
            int from = base;
            store.insertBatch(IntStream.range(from, Math.min(ROWS, from + AuditWriter.BATCH))
                    .mapToObj(i -> new SecurityEvent(i % 2 == 0 ? "token.invalid" : "auth.failed",
                            Instant.ofEpochMilli(T0 + i), "bench", "203.0.113." + (i % 250),
                            Map.of("reason", "malformed", "function", "transfer_funds", "call_id", "call-" + i)))
                    .toList());
        }
        System.out.printf("BENCHMARK insert: %,d rows in batches of %d in %,d ms; database file %,d KiB%n", ROWS,
                AuditWriter.BATCH, (System.nanoTime() - start) / 1_000_000,
                Files.size(dir.resolve("warden.mv.db")) / 1024);
        printPlan(dataSource);
        measure("export to a null sink", () -> {
            long began = System.nanoTime();
            AtomicLong first = new AtomicLong();
            long count = store.export("bench", 0, row -> first.compareAndSet(0, System.nanoTime() - began));
            System.out.printf("BENCHMARK first row after %,d ms%n", first.get() / 1_000_000);
            return count;
        });
        liveHeapDuringExport(store);
        measure("export as NDJSON to a null writer", () -> {
            Writer sink = Writer.nullWriter();
            return store.export("bench", 0, row -> sink.write(AuditFormat.NDJSON.line(row)));
        });
    }

    /** The live heap (after a full GC) every tenth of the export: flat if nothing accumulates. */
    private static void liveHeapDuringExport(AuditStore store) throws IOException {
        List<String> samples = new ArrayList<>();
        AtomicLong seen = new AtomicLong();
        store.export("bench", 0, row -> {
            if (seen.incrementAndGet() % (ROWS / 10) == 0) {
                System.gc();
                samples.add(String.format("%,d", MEMORY.getHeapMemoryUsage().getUsed() / 1024));
            }
        });
        System.out.println("BENCHMARK live heap after GC every " + ROWS / 10 + " rows (KiB): " + samples);
    }

    private static void printPlan(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet plan = statement.executeQuery("EXPLAIN SELECT id, type, agent, at, peer, principal, detail"
                        + " FROM audit_events WHERE agent = 'bench' AND at >= 0 ORDER BY at, id")) {
            plan.next();
            System.out.println("BENCHMARK plan: " + String.join(" ", List.of(plan.getString(1).split("\\s+"))));
        }
    }
}
