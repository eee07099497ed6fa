package dev.agentwarden.store;

import java.time.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** API keys in the store, found by the SHA-256 of the key. */
@ApplicationScoped
public class ApiKeyRepository {

    private Database database;
    private Clock clock;

    @Inject
    public ApiKeyRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected ApiKeyRepository() {
    }

    /** Stores a new key's hash and metadata. */
    public ApiKeyRecord create(String agent, String name, String prefix, String hash, String environment, Long expiresAt) {
        return database.inTransaction(em -> ApiKeyRecord.of(persist(em, agent, name, prefix, hash, environment,
                expiresAt)));
    }

    /** Creates the successor of {@code oldId} and schedules the old key's end, in one transaction. */
    public Optional<ApiKeyRecord> rotate(String agent, String oldId, String prefix, String hash, long oldEndsAt,
            Long newExpiresAt) {
        return database.inTransaction(em -> {
            ApiKeyEntity old = em.find(ApiKeyEntity.class, oldId);
            if (old == null || !old.agent.equals(agent) || old.revokedAt != null) {
                return Optional.empty();
            }
            ApiKeyEntity fresh = persist(em, agent, old.name, prefix, hash, old.environment, newExpiresAt);
            old.revokedAt = oldEndsAt;
            old.replacedBy = fresh.id;
            return Optional.of(ApiKeyRecord.of(fresh));
        });
    }

    /** Revokes a key now; empty when there is no such key of that agent. */
    public Optional<ApiKeyRecord> revoke(String agent, String id, long now) {
        return database.inTransaction(em -> {
            ApiKeyEntity key = em.find(ApiKeyEntity.class, id);
            if (key == null || !key.agent.equals(agent)) {
                return Optional.empty();
            }
            if (key.revokedAt == null || key.revokedAt > now) {
                key.revokedAt = now;
            }
            return Optional.of(ApiKeyRecord.of(key));
        });
    }

    /** The key {@code id} of {@code agent}: one row by primary key, whatever the number of keys. */
    public Optional<ApiKeyRecord> byId(String agent, String id) {
        return database.read(em -> Optional.ofNullable(em.find(ApiKeyEntity.class, id))
                .filter(k -> k.agent.equals(agent)).map(ApiKeyRecord::of));
    }

    public Optional<ApiKeyRecord> byHash(String hash) {
        return database.read(em -> em.createNamedQuery("ApiKey.byHash", ApiKeyEntity.class).setParameter("hash", hash)
                .getResultList().stream().findFirst().map(ApiKeyRecord::of));
    }

    public List<ApiKeyRecord> byAgent(String agent) {
        return database.read(em -> em.createNamedQuery("ApiKey.byAgent", ApiKeyEntity.class)
                .setParameter("agent", agent).getResultList().stream().map(ApiKeyRecord::of).toList());
    }

    /** Writes a batch of last-use times (key id → epoch millis) in one transaction. */
    public void recordLastUse(Map<String, Long> lastUse) {
        database.inTransaction(em -> {
            lastUse.forEach((id, at) -> em.createQuery(
                    "UPDATE ApiKeyEntity k SET k.lastUsedAt = :at"
                            + " WHERE k.id = :id AND (k.lastUsedAt IS NULL OR k.lastUsedAt < :at)")
                    .setParameter("at", at).setParameter("id", id).executeUpdate());
            return null;
        });
    }

    private ApiKeyEntity persist(jakarta.persistence.EntityManager em, String agent, String name, String prefix,
            String hash, String environment, Long expiresAt) {
        ApiKeyEntity key = new ApiKeyEntity();
        key.id = Ids.next();
        key.agent = agent;
        key.name = name;
        key.prefix = prefix;
        key.secretHash = hash;
        key.environment = environment;
        key.createdAt = clock.millis();
        key.expiresAt = expiresAt;
        em.persist(key);
        return key;
    }
}
