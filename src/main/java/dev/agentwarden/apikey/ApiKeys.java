package dev.agentwarden.apikey;

import dev.agentwarden.agentconfig.AgentControls;
import dev.agentwarden.agentconfig.AgentDisabled;
import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.store.ApiKeyRecord;
import dev.agentwarden.store.ApiKeyRepository;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * API keys: issue (shown once), rotate with an optional grace period, revoke, and check on every Bearer request.
 * The check is a hash lookup served from a short-lived cache (revocation on this node clears it at once); the
 * {@code last_used_at} times are collected in memory and written in one batch every few seconds and at shutdown,
 * never one database write per request.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class.getName());
    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long FLUSH_SECONDS = 5;
    /** How long before its rotation is due a key is flagged ({@code rotation_due}) and the event audited. */
    public static final Duration ROTATION_NOTICE = Duration.ofDays(7);

    /** The outcome of checking a presented key. */
    public record Check(ApiKeyRecord key, String refusal) {
        public boolean valid() {
            return refusal == null;
        }
    }

    /** A key just issued: the one time its secret is known. */
    public record Issued(String key, ApiKeyRecord record) {
    }

    private ApiKeyRepository repository;
    private Clock clock;
    private AgentControls controls;
    private SecurityLog securityLog;
    /** Keys whose coming rotation was audited, once per key and process. */
    private final Set<String> dueAudited = ConcurrentHashMap.newKeySet();

    @Inject
    public ApiKeys(ApiKeyRepository repository, Clock clock, AgentControls controls, SecurityLog securityLog) {
        this.controls = controls;
        this.securityLog = securityLog;
        this.repository = repository;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected ApiKeys() {
    }
    @Resource
    private ManagedScheduledExecutorService scheduler;

    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Long> lastUse = new ConcurrentHashMap<>();
    private ScheduledFuture<?> flusher;

    private record Cached(ApiKeyRecord key, long loadedAt) {
    }

    @PostConstruct
    void start() {
        // Payara Micro deletes the exploded application while it stops: load the write path now, not at shutdown.
        repository.recordLastUse(Map.of());
        if (scheduler != null) {
            flusher = scheduler.scheduleWithFixedDelay(this::flushLastUse, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Created with the application, so that the write path is loaded early and the shutdown flush runs. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // the observer's only job is to create the bean
    }

    /** The last moment the store is still open: write the collected last-use times. */
    void beforeShutdown(@Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class)
            Object event) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        if (flusher != null) {
            flusher.cancel(false);
            flusher = null;
        }
        flushLastUse();
    }

    /** Issues a key for {@code agent}. */
    public Issued create(String agent, String name, String environment, int length, Duration expiresIn) {
        String key = KeyFormat.generate(environment, length);
        Long expiresAt = expiresIn == null ? null : clock.millis() + expiresIn.toMillis();
        ApiKeyRecord record = repository.create(agent, name, KeyFormat.prefix(key), KeyFormat.hash(key), environment,
                expiresAt);
        return new Issued(key, record);
    }

    /** Replaces key {@code id}: the old key stops now, or after {@code grace}. Empty when there is no such live key. */
    public Optional<Issued> rotate(String agent, String id, Duration grace) {
        ApiKeyRecord old = repository.byId(agent, id).orElse(null);
        if (old == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        String key = KeyFormat.generate(old.environment(), KeyFormat.MIN_LENGTH);
        Long newExpiry = old.expiresAt() == null ? null : now + (old.expiresAt() - old.createdAt());
        Optional<ApiKeyRecord> fresh = repository.rotate(agent, id, KeyFormat.prefix(key), KeyFormat.hash(key),
                now + (grace == null ? 0 : grace.toMillis()), newExpiry);
        cache.remove(old.secretHash());
        return fresh.map(r -> new Issued(key, r));
    }

    /** Revokes key {@code id} of {@code agent} now; false when there is no such key. */
    public boolean revoke(String agent, String id) {
        Optional<ApiKeyRecord> revoked = repository.revoke(agent, id, clock.millis());
        revoked.ifPresent(k -> cache.remove(k.secretHash()));
        return revoked.isPresent();
    }

    /** The keys of {@code agent}, with last-use times not yet written included. */
    public List<ApiKeyRecord> list(String agent) {
        return repository.byAgent(agent).stream().map(k -> {
            Long pending = lastUse.get(k.id());
            return pending == null || (k.lastUsedAt() != null && k.lastUsedAt() >= pending) ? k
                    : new ApiKeyRecord(k.id(), k.agent(), k.name(), k.prefix(), k.secretHash(), k.environment(),
                            k.createdAt(), k.expiresAt(), k.revokedAt(), pending, k.replacedBy());
        }).toList();
    }

    /** Forgets the cached keys of a deleted agent: the store has revoked them, the next check must see it. */
    void onAgentDisabled(@Observes AgentDisabled event) {
        cache.values().removeIf(c -> c.key().agent().equals(event.agent()));
    }

    /** Checks a presented key: well-formed, known, not revoked, not expired. */
    public Check check(String presented) {
        if (!KeyFormat.isWellFormed(presented)) {
            return new Check(null, "invalid_credentials");
        }
        String hash = KeyFormat.hash(presented);
        long nanos = System.nanoTime();
        Cached cached = cache.get(hash);
        ApiKeyRecord key;
        if (cached != null && nanos - cached.loadedAt() < CACHE_NANOS) {
            key = cached.key();
        } else {
            key = repository.byHash(hash).orElse(null);
            if (key == null) {
                return new Check(null, "invalid_credentials");
            }
            cache.put(hash, new Cached(key, nanos));
        }
        long now = clock.millis();
        String status = status(key, now);
        return switch (status) {
            case "revoked" -> new Check(key, "api_key_revoked");
            case "expired" -> new Check(key, "api_key_expired");
            default -> {
                lastUse.merge(key.id(), now, Math::max);
                yield new Check(key, null);
            }
        };
    }

    /**
     * When {@code key} must be rotated under its agent's rotation policy ({@code rotation.interval} after its
     * creation), or {@code null} when the agent has none.
     */
    public Long rotationDueAt(ApiKeyRecord key) {
        Optional<Duration> interval = controls.state(key.agent()).document().security().rotation().intervalDuration();
        return interval.map(i -> key.createdAt() + i.toMillis()).orElse(null);
    }

    /**
     * The key's status at {@code now}: {@code revoked}, {@code expired} (its own expiry, or its rotation policy's
     * interval passed) or {@code active}. A key due within {@link #ROTATION_NOTICE} is audited once
     * ({@code api_key.rotation_due}).
     */
    public String status(ApiKeyRecord key, long now) {
        String status = key.status(now);
        Long due = "active".equals(status) ? rotationDueAt(key) : null;
        if (due == null) {
            return status;
        }
        if (now >= due) {
            return "expired";
        }
        if (now >= due - ROTATION_NOTICE.toMillis() && dueAudited.add(key.id())) {
            securityLog.record("api_key.rotation_due", key.agent(), null,
                    Map.of("key_id", key.id(), "rotation_due_at", Instant.ofEpochMilli(due).toString()));
        }
        return status;
    }

    /** Writes the collected last-use times in one transaction; kept for the next round if the store fails. */
    void flushLastUse() {
        if (lastUse.isEmpty()) {
            return;
        }
        Map<String, Long> batch = new HashMap<>(lastUse);
        try {
            repository.recordLastUse(batch);
            batch.forEach(lastUse::remove);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record API key last use; will retry", e);
        }
    }
}
