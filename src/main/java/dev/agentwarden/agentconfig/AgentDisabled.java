package dev.agentwarden.agentconfig;

/** Fired (CDI event) once an agent is deleted: its keys are revoked in the store, caches must forget them. */
public record AgentDisabled(String agent) {
}
