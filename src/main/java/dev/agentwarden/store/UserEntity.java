package dev.agentwarden.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A user of {@code /api} or a service account: password hash (Argon2id), roles, MFA secret. */
@Entity
@Table(name = "users")
@NamedQuery(name = "User.byName", query = "SELECT u FROM UserEntity u WHERE u.username = :username")
@NamedQuery(name = "User.all", query = "SELECT u FROM UserEntity u ORDER BY u.username")
public class UserEntity {

    @Id
    @Column(length = 36)
    String id;

    @Column(nullable = false, unique = true, length = 64)
    String username;

    @Column(name = "password_hash", nullable = false)
    String passwordHash;

    /** Comma-separated role names. */
    @Column(nullable = false, length = 512)
    String roles;

    /** {@code user} or {@code service}. */
    @Column(nullable = false, length = 16)
    String kind;

    @Column(name = "created_at", nullable = false)
    long createdAt;

    @Column(name = "mfa_secret")
    String mfaSecret;

    @Column(name = "mfa_enabled", nullable = false)
    boolean mfaEnabled;
}
