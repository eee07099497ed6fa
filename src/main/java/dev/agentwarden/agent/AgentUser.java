package dev.agentwarden.agent;

/**
 * The caller of an agent's message handler, as the seed's {@code user}: {@code user.is_authenticated},
 * {@code user.has_permission("use_agent")}.
 */
public interface AgentUser {

    /** The caller's name ({@code apikey:<id>} for API keys). */
    String name();

    boolean isAuthenticated();

    /** Whether the caller holds {@code permission} on this agent ({@code "use_agent"}, {@code "write"}, ...). */
    boolean hasPermission(String permission);
}
