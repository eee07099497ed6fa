package dev.agentwarden.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The headers every response carries (API.md conventions), set in one place for filters and the mechanism alike. */
public final class SecurityHeaders {

    /** One year, with sub-domains: the seed's {@code hsts.maxAge}. */
    public static final String HSTS = "max-age=31536000; includeSubDomains";

    /**
     * The request attribute holding a {@code Strict-Transport-Security} value that replaces {@link #HSTS} for this
     * request (an agent's own {@code hsts} setting, put there by the authentication mechanism).
     */
    public static final String HSTS_ATTRIBUTE = SecurityHeaders.class.getName() + ".hsts";

    private SecurityHeaders() {
    }

    /** Sets the headers; HSTS only on responses that travel over HTTPS (browsers ignore it on plain HTTP). */
    public static void apply(HttpServletResponse response, boolean https) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        // SWML documents embed credentials and tokens; API answers carry keys: nothing here may be cached.
        response.setHeader("Cache-Control", "no-store");
        if (https) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
    }

    /** As {@link #apply(HttpServletResponse, boolean)}, with the HSTS value of {@link #HSTS_ATTRIBUTE} when set. */
    public static void apply(HttpServletRequest request, HttpServletResponse response, boolean https) {
        apply(response, https);
        if (https && request.getAttribute(HSTS_ATTRIBUTE) instanceof String hsts) {
            response.setHeader("Strict-Transport-Security", hsts);
        }
    }

    /** Whether the client reached us over HTTPS: directly, or through a trusted proxy that says so. */
    public static boolean isHttps(HttpServletRequest request, ClientInfo clients) {
        return request.isSecure() || "https".equalsIgnoreCase(clients.forwardedProto(request));
    }
}
