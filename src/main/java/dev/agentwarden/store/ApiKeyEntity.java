package dev.agentwarden.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An API key of one agent: its SHA-256 and display prefix, never the key itself. */
@Entity
@Table(name = "api_keys")
@NamedQuery(name = "ApiKey.byHash", query = "SELECT k FROM ApiKeyEntity k WHERE k.secretHash = :hash")
@NamedQuery(name = "ApiKey.byAgent", query = "SELECT k FROM ApiKeyEntity k WHERE k.agent = :agent ORDER BY k.createdAt")
public class ApiKeyEntity {

    @Id
    @Column(length = 36)
    String id;

    @Column(nullable = false, length = 64)
    String agent;

    @Column(nullable = false, length = 128)
    String name;

    @Column(nullable = false, length = 32)
    String prefix;

    @Column(name = "secret_hash", nullable = false, unique = true, length = 64)
    String secretHash;

    /** {@code live} or {@code test}. */
    @Column(nullable = false, length = 8)
    String environment;

    @Column(name = "created_at", nullable = false)
    long createdAt;

    @Column(name = "expires_at")
    Long expiresAt;

    @Column(name = "revoked_at")
    Long revokedAt;

    @Column(name = "last_used_at")
    Long lastUsedAt;

    @Column(name = "replaced_by", length = 36)
    String replacedBy;
}
