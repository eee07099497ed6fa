package dev.agentwarden.store;

/**
 * An agent's stored config document and state.
 *
 * @param agent     the agent's name
 * @param config    the config document, JSON (never a secret in clear)
 * @param version   incremented by every change; the {@code ETag}
 * @param updatedAt epoch milliseconds of the last change
 * @param enabled   false once the agent was deleted (disabled), until an admin enables it again
 */
public record AgentConfigRecord(String agent, String config, long version, long updatedAt, boolean enabled) {
}
