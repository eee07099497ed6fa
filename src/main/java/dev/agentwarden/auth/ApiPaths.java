package dev.agentwarden.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;

/** The {@code /api} endpoints that authenticate by other means (body credentials, signatures, OAuth redirects). */
final class ApiPaths {

    private static final Pattern WEBHOOK = Pattern.compile("/api/agents/[^/]+/webhook/?");

    private ApiPaths() {
    }

    static boolean isPublic(HttpServletRequest request) {
        String path = AuthPaths.path(request);
        return path.equals("/api/auth/token") || path.startsWith("/api/auth/oauth2/")
                || WEBHOOK.matcher(path).matches();
    }
}
