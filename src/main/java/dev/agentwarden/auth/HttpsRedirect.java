package dev.agentwarden.auth;

import dev.agentwarden.http.ClientInfo;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTPS URL of a plain-HTTP request, for an agent's {@code enforceHttps} redirect: the same path and query on the
 * public host. The host is {@code SWML_PROXY_URL_BASE} when that is an https URL, else a trusted proxy's forwarded
 * host, else the request's {@code Host}; its port is dropped (the HTTP port says nothing of the HTTPS one, so the
 * redirect goes to 443, as nginx's {@code https://$host$request_uri}). A host that is not a plain name or address
 * gives no redirect (then the request is refused), so no header can steer the redirect elsewhere.
 */
final class HttpsRedirect {

    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?");

    private HttpsRedirect() {
    }

    /** The {@code Location} for {@code request}, or {@code null} when no trustworthy host is known. */
    static String location(HttpServletRequest request, ClientInfo clients, String proxyUrlBase) {
        String query = request.getQueryString();
        String tail = query == null || query.isEmpty() ? "" : "?" + query;
        if (proxyUrlBase != null && proxyUrlBase.regionMatches(true, 0, "https://", 0, 8)) {
            String uri = request.getRequestURI();
            return proxyUrlBase + uri.substring(Math.min(uri.length(), request.getContextPath().length())) + tail;
        }
        String host = clients.forwardedHost(request);
        if (host == null) {
            host = request.getHeader("Host");
        }
        if (host == null) {
            return null;
        }
        Matcher matcher = HOST.matcher(host.trim());
        if (!matcher.matches()) {
            return null;
        }
        return "https://" + matcher.group(1) + request.getRequestURI() + tail;
    }
}
