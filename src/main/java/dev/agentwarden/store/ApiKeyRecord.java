package dev.agentwarden.store;

/** A stored API key: everything but the secret. Times are epoch milliseconds; {@code null} means never. */
public record ApiKeyRecord(String id, String agent, String name, String prefix, String secretHash, String environment,
        long createdAt, Long expiresAt, Long revokedAt, Long lastUsedAt, String replacedBy) {

    static ApiKeyRecord of(ApiKeyEntity e) {
        return new ApiKeyRecord(e.id, e.agent, e.name, e.prefix, e.secretHash, e.environment, e.createdAt, e.expiresAt,
                e.revokedAt, e.lastUsedAt, e.replacedBy);
    }

    /** {@code active}, {@code expired}, {@code revoked} or {@code rotating} (revocation scheduled), at {@code now}. */
    public String status(long now) {
        if (revokedAt != null) {
            return revokedAt <= now ? "revoked" : "rotating";
        }
        return expiresAt != null && expiresAt <= now ? "expired" : "active";
    }
}
