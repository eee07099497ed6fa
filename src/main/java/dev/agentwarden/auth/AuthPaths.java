package dev.agentwarden.auth;

import jakarta.servlet.http.HttpServletRequest;

/** Which part of the application a request addresses, by its path below the context root. */
public enum AuthPaths {
    /** {@code /health}, {@code /ready}: open to all. */
    PUBLIC,
    /** {@code /api/...}: the platform API. */
    API,
    /** Everything else: agent routes, HTTP Basic. */
    AGENT;

    private static final java.util.regex.Pattern API_AGENT = java.util.regex.Pattern.compile("/api/agents/([^/]+).*");

    /** The path below the context root. */
    static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.substring(Math.min(uri.length(), request.getContextPath().length()));
    }

    /**
     * The agent a request concerns, for the audit trail: {@code /api/agents/{agent}/...}, or the agent whose route the
     * path falls under; {@code null} when none.
     */
    static String agentOf(HttpServletRequest request, dev.agentwarden.agent.AgentRegistry agents) {
        String path = path(request);
        java.util.regex.Matcher api = API_AGENT.matcher(path);
        if (api.matches()) {
            return api.group(1);
        }
        String key = path.startsWith("/") ? path.substring(1) : path;
        for (String suffix : new String[] {"/", "swaig", "post_prompt", "/"}) {
            key = key.endsWith(suffix) ? key.substring(0, key.length() - suffix.length()) : key;
        }
        dev.agentwarden.agent.RegisteredAgent agent = agents.byRoute(key);
        return agent == null ? null : agent.name();
    }

    /** Classifies a request; exact matches only, so no path trick turns a protected route public. */
    public static AuthPaths of(HttpServletRequest request) {
        return switch (path(request)) {
            case "/health", "/health/", "/ready", "/ready/" -> PUBLIC;
            default -> {
                String path = path(request);
                yield path.equals("/api") || path.startsWith("/api/") ? API : AGENT;
            }
        };
    }
}
