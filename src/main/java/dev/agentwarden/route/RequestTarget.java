package dev.agentwarden.route;

import dev.agentwarden.agent.RegisteredAgent;

/**
 * What one request addresses, resolved once at the front door ({@link RequestTargets}) and handed on to the
 * authentication mechanism, the filters and the resources, so none of them parses the path again.
 *
 * @param part      which part of the application
 * @param path      the path below the context root
 * @param endpoint  on agent routes, which endpoint; {@link Endpoint#NONE} elsewhere
 * @param agent     the addressed agent (agent routes and {@code /api/agents/{agent}/...}), or {@code null}
 * @param agentName the agent named by the path, even when no such agent is registered (for the audit trail)
 */
public record RequestTarget(Part part, String path, Endpoint endpoint, RegisteredAgent agent, String agentName) {

    /** The parts of the application, each with its own authentication. */
    public enum Part {
        /** A path a resource declares public ({@code @PermitAll}): no authentication. */
        PUBLIC,
        /** {@code /api/...}: Bearer (API key, JWT), Basic (users) or the console's session cookie. */
        API,
        /**
         * {@code /console} and below: the console's static files, no credentials (they hold no data; everything the
         * console shows comes from {@code /api}). The path is reserved: no agent route is served there.
         */
        CONSOLE,
        /** Everything else: agent routes, HTTP Basic. */
        AGENT
    }

    /** The endpoints of an agent route. */
    public enum Endpoint {
        /** {@code {route}}: the SWML document. */
        SWML,
        /** {@code {route}/swaig}: a function call. */
        SWAIG,
        /** {@code {route}/post_prompt}: the summary. */
        POST_PROMPT,
        /** Not an agent route. */
        NONE
    }
}
