package dev.agentwarden.http;

import dev.agentwarden.config.SwmlSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;

/**
 * What the request says about the client and the public address, believing {@code X-Forwarded-*} and {@code Host}
 * only when the socket peer is one of {@code SWML_TRUSTED_PROXIES}.
 */
@ApplicationScoped
public class ClientInfo {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?");

    private TrustedProxies trusted;

    @Inject
    public ClientInfo(SwmlSettings settings) {
        this.trusted = new TrustedProxies(settings.trustedProxies());
    }

    /** For CDI proxies only. */
    protected ClientInfo() {
    }

    /** Whether the socket peer is a trusted proxy. */
    public boolean fromTrustedProxy(HttpServletRequest request) {
        return trusted.contains(request.getRemoteAddr());
    }

    /** The client address: the peer, or the right-most untrusted {@code X-Forwarded-For} entry behind a trusted proxy. */
    public String clientAddress(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!trusted.contains(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trusted.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** {@code X-Forwarded-Proto} from a trusted proxy, else {@code null}. */
    public String forwardedProto(HttpServletRequest request) {
        if (trusted.isEmpty() || !fromTrustedProxy(request)) {
            return null;
        }
        String proto = first(request.getHeader("X-Forwarded-Proto"));
        return "https".equalsIgnoreCase(proto) || "http".equalsIgnoreCase(proto) ? proto.toLowerCase() : null;
    }

    /** The public host[:port] a trusted proxy names ({@code X-Forwarded-Host}, else {@code Host}), else {@code null}. */
    public String forwardedHost(HttpServletRequest request) {
        if (trusted.isEmpty() || !fromTrustedProxy(request)) {
            return null;
        }
        String host = first(request.getHeader("X-Forwarded-Host"));
        if (host == null) {
            host = request.getHeader("Host");
        }
        return host != null && HOST.matcher(host).matches() ? host : null;
    }

    private static String first(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String value = (comma < 0 ? header : header.substring(0, comma)).trim();
        return value.isEmpty() ? null : value;
    }
}
