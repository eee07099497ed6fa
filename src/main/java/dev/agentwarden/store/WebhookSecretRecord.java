package dev.agentwarden.store;

/**
 * An agent's sealed webhook secrets.
 *
 * @param agent         the agent
 * @param secret        the current secret, sealed
 * @param previous      the secret it replaced, sealed, or {@code null}
 * @param previousUntil epoch milliseconds until which {@code previous} is still accepted, or {@code null}
 */
public record WebhookSecretRecord(String agent, String secret, String previous, Long previousUntil) {
}
