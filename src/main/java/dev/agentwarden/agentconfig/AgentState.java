package dev.agentwarden.agentconfig;

/**
 * What the controls know of one agent: its config document, version ({@code ETag}) and whether it is enabled.
 *
 * @param document  the config document (defaults when never changed)
 * @param version   0 while never changed, then incremented by every change
 * @param updatedAt epoch milliseconds of the last change, or {@code null} while never changed
 * @param enabled   false once deleted, until re-enabled
 */
public record AgentState(AgentConfigDocument document, long version, Long updatedAt, boolean enabled) {

    /** An agent nobody configured: defaults, enabled. */
    public static final AgentState INITIAL = new AgentState(AgentConfigDocument.DEFAULTS, 0, null, true);

    /** The entity tag of this version, quoted as HTTP wants it. */
    public String etag() {
        return "\"" + version + "\"";
    }
}
