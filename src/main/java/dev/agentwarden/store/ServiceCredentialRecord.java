package dev.agentwarden.store;

/**
 * One client credential of a service account: never the secret, only its SHA-256.
 *
 * @param clientId   the public identifier ({@code sa_…})
 * @param accountId  the account's id
 * @param secretHash the lowercase hex SHA-256 of the secret
 * @param createdAt  when it was issued (epoch milliseconds)
 * @param lastUsedAt when it last got a token (epoch milliseconds), or {@code null}
 */
public record ServiceCredentialRecord(String clientId, String accountId, String secretHash, long createdAt,
        Long lastUsedAt) {
}
