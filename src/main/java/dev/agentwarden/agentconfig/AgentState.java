package dev.agentwarden.agentconfig;

import dev.agentwarden.ipfilter.IpWhitelist;

/**
 * What the controls know of one agent: its config document, version ({@code ETag}) and whether it is enabled.
 *
 * @param document  the config document (defaults when never changed)
 * @param version   0 while never changed, then incremented by every change
 * @param updatedAt epoch milliseconds of the last change, or {@code null} while never changed
 * @param enabled   false once deleted, until re-enabled
 * @param whitelist the matcher of {@code document}'s whitelist addresses, built once per change (never per request)
 */
public record AgentState(AgentConfigDocument document, long version, Long updatedAt, boolean enabled,
        IpWhitelist whitelist) {

    /** An agent nobody configured: defaults, enabled. */
    public static final AgentState INITIAL = new AgentState(AgentConfigDocument.DEFAULTS, 0, null, true);

    /** The state of {@code document}, its whitelist matcher built from its addresses. */
    public AgentState(AgentConfigDocument document, long version, Long updatedAt, boolean enabled) {
        this(document, version, updatedAt, enabled, document.security().ipWhitelist().whitelist());
    }

    /** The entity tag of this version, quoted as HTTP wants it. */
    public String etag() {
        return "\"" + version + "\"";
    }

    /**
     * Whether the whitelist refuses {@code clientAddress}: it is enabled and the address is in no entry. An enabled
     * whitelist without entries refuses everyone.
     */
    public boolean refuses(String clientAddress) {
        return document.security().ipWhitelist().enabled() && !whitelist.contains(clientAddress);
    }
}
