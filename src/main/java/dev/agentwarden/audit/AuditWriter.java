package dev.agentwarden.audit;

import dev.agentwarden.store.SecurityEvent;
import dev.agentwarden.store.AuditStore;
import dev.agentwarden.store.StoreUnavailableException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Persists every {@link SecurityEvent} to the {@link AuditStore} off the request path: the observer only puts the
 * event in a bounded queue; a background task writes the queue in batches of up to {@value #BATCH} rows, one
 * transaction each, every {@code warden.audit.flush-millis} (default {@value #DEFAULT_INTERVAL_MILLIS}) ms. When the
 * application stops, everything queued is written before the store closes. A full queue never blocks a request: the
 * event is dropped, counted, and the count logged as a warning ({@code warden.audit.queue-capacity}, default
 * {@value #DEFAULT_CAPACITY}, sizes the queue).
 */
@ApplicationScoped
public class AuditWriter {

    static final int BATCH = 500;
    static final long DEFAULT_INTERVAL_MILLIS = 200;
    static final int DEFAULT_CAPACITY = 20_000;

    private static final Logger LOG = Logger.getLogger(AuditWriter.class.getName());

    private final AuditStore store;
    private final BlockingQueue<SecurityEvent> queue;
    private final int capacity;
    private final long intervalMillis;
    private final AtomicLong dropped = new AtomicLong();
    /** A batch the store refused, kept and retried before anything newer: events stay in order and are not lost. */
    private List<SecurityEvent> pending = List.of();
    private boolean failing;

    @Resource
    private ManagedScheduledExecutorService scheduler;
    private volatile ScheduledFuture<?> flusher;
    /** When the last round began (monotonic): the liveness check reads it, tests' moved clock must not. */
    private volatile long lastRoundNanos = System.nanoTime();

    @Inject
    public AuditWriter(AuditStore store, Config config) {
        this(store, config.getOptionalValue("warden.audit.queue-capacity", Integer.class).orElse(DEFAULT_CAPACITY),
                config.getOptionalValue("warden.audit.flush-millis", Long.class).orElse(DEFAULT_INTERVAL_MILLIS));
    }

    /** A writer with a queue of {@code capacity} events; without a scheduler (tests), {@link #flush()} is called. */
    public AuditWriter(AuditStore store, int capacity, long intervalMillis) {
        if (capacity < 1) {
            throw new IllegalStateException("warden.audit.queue-capacity must be at least 1, not " + capacity);
        }
        if (intervalMillis < 1) {
            throw new IllegalStateException("warden.audit.flush-millis must be at least 1, not " + intervalMillis);
        }
        this.store = store;
        this.capacity = capacity;
        this.intervalMillis = intervalMillis;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** For CDI proxies only. */
    protected AuditWriter() {
        this.store = null;
        this.queue = null;
        this.capacity = 0;
        this.intervalMillis = 0;
    }

    /** Created with the application, not at the first event: the task runs and the classes are loaded early. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // the observer's only job is to create the bean
    }

    @PostConstruct
    void start() {
        loadDrainClasses();
        if (scheduler != null) {
            flusher = scheduler.scheduleWithFixedDelay(this::flush, intervalMillis, intervalMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Payara Micro deletes its exploded application when the JVM stops, while the application is still being stopped:
     * a class of ours first needed by the shutdown drain can no longer be loaded then (NoClassDefFoundError, and the
     * queue is lost). Everything the write path uses is loaded here, at start-up.
     */
    private static void loadDrainClasses() {
        AuditStore.loadWritePath();
        LOG.finest("Audit log: write path loaded; a refusal is a " + StoreUnavailableException.class.getName());
    }

    /** Runs on the request thread: only enqueues. */
    void onEvent(@Observes SecurityEvent event) {
        if (event != null && !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** The last moment every bean (the store included) is still alive: write out what is queued. */
    void beforeShutdown(@Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class)
            Object event) {
        stop();
    }

    /** Stops the background task and writes everything still queued; also the fallback if no shutdown event came. */
    @PreDestroy
    synchronized void stop() {
        if (flusher != null) {
            flusher.cancel(false);
            flusher = null;
        }
        if (!flush()) {
            LOG.severe(() -> "Audit log: the store is unavailable at shutdown; " + (pending.size() + queue.size())
                    + " audit events are lost");
        }
    }

    /**
     * Writes the queue in batches until it is empty; false when the store refused a batch (it is kept for the next
     * round). Serialised: the shutdown drain waits for a round in progress.
     */
    synchronized boolean flush() {
        lastRoundNanos = System.nanoTime();
        reportDrops();
        while (true) {
            if (pending.isEmpty()) {
                List<SecurityEvent> batch = new ArrayList<>(Math.min(BATCH, queue.size()));
                queue.drainTo(batch, BATCH);
                if (batch.isEmpty()) {
                    return true;
                }
                pending = batch;
            }
            try {
                store.insertBatch(pending);
            } catch (RuntimeException | LinkageError e) {
                if (!failing) {
                    LOG.log(Level.WARNING, "Audit log: could not write " + pending.size()
                            + " events; keeping them and retrying", e);
                }
                failing = true;
                return false;
            }
            if (failing) {
                LOG.info("Audit log: the store accepts events again");
                failing = false;
            }
            pending = List.of();
        }
    }

    /** How many events were dropped because the queue was full and not reported yet; reports them. */
    private void reportDrops() {
        long count = dropped.getAndSet(0);
        if (count > 0) {
            LOG.warning(() -> "Audit log: the queue (" + capacity + " events) was full; " + count
                    + " security events were dropped and are not in the audit log");
        }
    }

    /** Events dropped since the last report (tests). */
    long droppedSinceReport() {
        return dropped.get();
    }

    /** Events waiting to be written (tests, the readiness check). */
    public synchronized int queued() {
        return queue.size() + pending.size();
    }

    /** How many events the queue holds before new ones are dropped. */
    public int capacity() {
        return capacity;
    }

    /**
     * Whether the scheduled writer still runs: its task is scheduled, not ended (a task that threw is never run again)
     * and began a round within {@code stall}. A writer without a scheduler (tests) is driven by hand and counts as
     * running.
     */
    public boolean running(java.time.Duration stall) {
        ScheduledFuture<?> task = flusher;
        if (scheduler == null) {
            return true;
        }
        return task != null && !task.isDone() && System.nanoTime() - lastRoundNanos < stall.toNanos();
    }

    /** The pause between two rounds. */
    public long intervalMillis() {
        return intervalMillis;
    }

    /** Whether the last write to the store failed (events are kept and retried). */
    public synchronized boolean failing() {
        return failing;
    }
}
