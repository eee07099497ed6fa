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

    /** Classifies a request; exact matches only, so no path trick turns a protected route public. */
    public static AuthPaths of(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        return switch (path) {
            case "/health", "/health/", "/ready", "/ready/" -> PUBLIC;
            default -> path.equals("/api") || path.startsWith("/api/") ? API : AGENT;
        };
    }
}
