package dev.agentwarden.store;

import java.time.Clock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/** Users in the store (service accounts are in {@link ServiceAccountRepository}). */
@ApplicationScoped
public class UserRepository {

    private Database database;
    private Clock clock;

    @Inject
    public UserRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected UserRepository() {
    }

    /**
     * Creates a user; empty when the name is taken by a user or by a service account (whatever the case: account
     * names are lowercase), checked in the same transaction. A token's subject names either, never both.
     */
    public Optional<UserRecord> create(String username, String passwordHash, List<String> roles, String kind) {
        return database.inTransaction(em -> {
            if (!em.createNamedQuery("User.byName", UserEntity.class).setParameter("username", username)
                    .getResultList().isEmpty()
                    || !em.createNativeQuery("SELECT 1 FROM service_accounts WHERE name = ?1")
                            .setParameter(1, username.toLowerCase(java.util.Locale.ROOT)).getResultList().isEmpty()) {
                return Optional.empty();
            }
            UserEntity user = new UserEntity();
            user.id = Ids.next();
            user.username = username;
            user.passwordHash = passwordHash;
            user.roles = String.join(",", roles);
            user.kind = kind;
            user.createdAt = clock.millis();
            em.persist(user);
            return Optional.of(UserRecord.of(user));
        });
    }

    public Optional<UserRecord> byName(String username) {
        return database.read(em -> em.createNamedQuery("User.byName", UserEntity.class)
                .setParameter("username", username).getResultList().stream().findFirst().map(UserRecord::of));
    }

    public List<UserRecord> all() {
        return database.read(em -> em.createNamedQuery("User.all", UserEntity.class).getResultList().stream()
                .map(UserRecord::of).toList());
    }

    /** Replaces a user's roles; empty when there is no such user. */
    public Optional<UserRecord> setRoles(String username, List<String> roles) {
        return database.inTransaction(em -> em.createNamedQuery("User.byName", UserEntity.class)
                .setParameter("username", username).getResultList().stream().findFirst().map(user -> {
                    user.roles = String.join(",", roles);
                    return UserRecord.of(user);
                }));
    }

    /** Replaces a user's password hash; false when there is no such user. */
    public boolean setPasswordHash(String username, String passwordHash) {
        return database.inTransaction(em -> em.createNamedQuery("User.byName", UserEntity.class)
                .setParameter("username", username).getResultList().stream().findFirst().map(user -> {
                    user.passwordHash = passwordHash;
                    return true;
                }).orElse(false));
    }

    /** Whether any user exists (the first admin is created only into an empty store). */
    public boolean isEmpty() {
        return database.read(em -> em.createQuery("SELECT COUNT(u) FROM UserEntity u", Long.class)
                .getSingleResult() == 0);
    }
}
