package dev.agentwarden.account;

import dev.agentwarden.config.Secrets;
import dev.agentwarden.store.Ids;
import dev.agentwarden.store.ServiceAccountRecord;
import dev.agentwarden.store.ServiceAccountRepository;
import dev.agentwarden.store.ServiceCredentialRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Service accounts and their client credentials: create and delete them, issue a credential (its secret shown once),
 * revoke one, authenticate a client at the token endpoint, and answer, on every request that carries a
 * service-account token, whether the account and the credential behind it still exist.
 *
 * <p><b>Why the secret is stored as SHA-256, not Argon2id.</b> A client secret is {@value #SECRET_CHARS} base62
 * characters from {@link java.security.SecureRandom}: 256 bits of entropy, chosen by the server, never by a person.
 * A slow KDF protects guessable secrets (passwords) from a dictionary; nothing about a 256-bit random value is
 * guessable, so a leaked hash is as hard to reverse as SHA-256 itself (2<sup>256</sup> tries), and slowing each try
 * down gains nothing. Argon2id (19 MiB, ~30 ms of a core per check) would only make every token request, and every
 * wrong one an attacker sends, cost the server that much. API keys and recovery codes are stored the same way.
 *
 * <p><b>Revocation.</b> Tokens name their account ({@code sub}) and credential ({@code client_id}); a token whose
 * account was deleted or whose credential was revoked is refused on its next use. The check is a lookup in an
 * in-memory snapshot of the live accounts and credentials, replaced whenever this node changes them and reloaded
 * when older than {@link #REFRESH_NANOS} (a change made on another node reaches this one within that time).
 */
@ApplicationScoped
public class ServiceAccounts {

    /** The prefix of client ids. */
    public static final String CLIENT_ID_PREFIX = "sa_";
    /** The prefix of client secrets, so that scanners recognise a leaked one. */
    public static final String SECRET_PREFIX = "sas_";
    /** Random base62 characters of a secret: 43 × log2(62) = 256.03 bits. */
    static final int SECRET_CHARS = 43;
    /** Random base62 characters of a client id: ~143 bits, unique without a check. */
    static final int CLIENT_ID_CHARS = 24;
    /** The most credentials an account holds at once (two suffice for a rotation). */
    public static final int MAX_CREDENTIALS = 10;
    static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(30);

    private static final Logger LOG = Logger.getLogger(ServiceAccounts.class.getName());

    /** Compared against when the client id is unknown, so that both refusals cost the same. */
    private static final String DUMMY_HASH = Secrets.sha256Hex(SECRET_PREFIX + "0".repeat(SECRET_CHARS));

    private ServiceAccountRepository repository;
    private Clock clock;
    private final ReentrantLock reloading = new ReentrantLock();
    private volatile Snapshot snapshot;

    /** The live accounts and credentials, and when they were read ({@link System#nanoTime}). */
    private record Snapshot(ServiceAccountRepository.Live live, long loadedAt) {
    }

    /** A credential just issued: the one time its secret is known. */
    public record IssuedCredential(ServiceCredentialRecord credential, String clientSecret) {
    }

    /** An account with its credentials. */
    public record AccountView(ServiceAccountRecord account, List<ServiceCredentialRecord> credentials) {
    }

    /** What a new account is made of, checked by the resource. */
    public record NewAccount(String name, List<String> permissions, List<String> agents, String certSubject,
            String certSha256) {
    }

    @Inject
    public ServiceAccounts(ServiceAccountRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected ServiceAccounts() {
    }

    /** Stores a new account; empty when the name is taken by a user or an account. */
    public Optional<ServiceAccountRecord> create(NewAccount account, String createdBy) {
        Optional<ServiceAccountRecord> created = repository.create(new ServiceAccountRecord(Ids.next(), account.name(),
                account.permissions(), account.agents(), account.certSubject(), account.certSha256(), createdBy,
                clock.millis()));
        created.ifPresent(a -> reload());
        return created;
    }

    public List<AccountView> all() {
        return repository.all().stream().map(a -> new AccountView(a, repository.credentials(a.id()))).toList();
    }

    public Optional<AccountView> byName(String name) {
        return repository.byName(name).map(a -> new AccountView(a, repository.credentials(a.id())));
    }

    /** Deletes the account and its credentials; its tokens are refused from now on. False when there was none. */
    public boolean delete(String name) {
        boolean deleted = repository.delete(name);
        if (deleted) {
            reload();
        }
        return deleted;
    }

    /**
     * Issues a credential of {@code account}: a client id {@code sa_…} and a secret {@code sas_…} (256 random bits),
     * of which only the SHA-256 is stored. Empty when the account already holds {@link #MAX_CREDENTIALS}.
     */
    public Optional<IssuedCredential> issueCredential(ServiceAccountRecord account) {
        if (repository.credentials(account.id()).size() >= MAX_CREDENTIALS) {
            return Optional.empty();
        }
        String secret = SECRET_PREFIX + Secrets.base62(SECRET_CHARS);
        ServiceCredentialRecord credential = new ServiceCredentialRecord(
                CLIENT_ID_PREFIX + Secrets.base62(CLIENT_ID_CHARS), account.id(), Secrets.sha256Hex(secret),
                clock.millis(), null);
        repository.addCredential(credential);
        reload();
        return Optional.of(new IssuedCredential(credential, secret));
    }

    /** Revokes credential {@code clientId} of {@code account} now; false when it has no such credential. */
    public boolean revokeCredential(ServiceAccountRecord account, String clientId) {
        boolean revoked = repository.revokeCredential(account.id(), clientId);
        if (revoked) {
            reload();
        }
        return revoked;
    }

    /**
     * The account a client authenticates as with {@code clientId} and {@code secret}, or empty: unknown client id and
     * wrong secret alike (both compare one SHA-256 in constant time). Records the credential's use.
     */
    public Optional<ServiceAccountRecord> authenticate(String clientId, String secret) {
        if (clientId == null || secret == null || !clientId.startsWith(CLIENT_ID_PREFIX)) {
            matches(secret == null ? "" : secret, DUMMY_HASH);
            return Optional.empty();
        }
        Optional<ServiceAccountRepository.Credential> found = repository.credential(clientId);
        boolean matches = matches(secret, found.map(c -> c.credential().secretHash()).orElse(DUMMY_HASH));
        if (!matches || found.isEmpty()) {
            return Optional.empty();
        }
        repository.used(clientId, clock.millis());
        return Optional.of(found.get().account());
    }

    private static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(Secrets.sha256Hex(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Whether {@code account} exists and {@code clientId} is one of its live credentials (in memory). */
    public boolean isLive(String account, String clientId) {
        ServiceAccountRepository.Live live = current();
        return live.accounts().contains(account) && account.equals(live.clientIds().get(clientId));
    }

    private ServiceAccountRepository.Live current() {
        Snapshot current = snapshot;
        if (current == null) {
            return reload();
        }
        if (System.nanoTime() - current.loadedAt() > REFRESH_NANOS && reloading.tryLock()) {
            // One thread refreshes a stale snapshot; the others go on with it meanwhile.
            try {
                return load().live();
            } catch (RuntimeException e) {
                // The store is down: this node's own changes are in the snapshot; keep serving it and retry later.
                LOG.log(Level.WARNING, "Could not refresh the live service accounts; using the last ones read", e);
                return current.live();
            } finally {
                reloading.unlock();
            }
        }
        return current.live();
    }

    /** Reads the live accounts and credentials again, after a change: this node sees it at once. */
    private ServiceAccountRepository.Live reload() {
        reloading.lock();
        try {
            return load().live();
        } finally {
            reloading.unlock();
        }
    }

    private Snapshot load() {
        Snapshot fresh = new Snapshot(repository.live(), System.nanoTime());
        snapshot = fresh;
        return fresh;
    }
}
