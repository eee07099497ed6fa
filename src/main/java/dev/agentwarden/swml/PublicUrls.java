package dev.agentwarden.swml;

import dev.agentwarden.agent.AgentConfig;
import dev.agentwarden.config.SwmlSettings;
import dev.agentwarden.http.ClientInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;

/**
 * Builds the public URL SignalWire calls back ({@code web_hook_url}, {@code post_prompt_url}), credentials embedded
 * as the SDK does. {@code SWML_PROXY_URL_BASE} wins; otherwise a trusted proxy's forwarded host and scheme; otherwise
 * {@code SWML_DOMAIN} or the local address the connection arrived on. A {@code Host} header sent by anyone else is
 * ignored, so a spoofed header cannot redirect the webhooks.
 */
@ApplicationScoped
public class PublicUrls {

    private SwmlSettings settings;
    private ClientInfo clients;
    private String userInfo;

    @Inject
    public PublicUrls(SwmlSettings settings, ClientInfo clients) {
        this.settings = settings;
        this.clients = clients;
        this.userInfo = encode(settings.basicUser()) + ":" + encode(settings.basicPassword()) + "@";
    }

    /** For CDI proxies only. */
    protected PublicUrls() {
    }

    /** The agent's public URL with credentials, without a trailing slash. */
    public String agentUrl(HttpServletRequest request, AgentConfig agent) {
        String base = settings.proxyUrlBase() != null ? settings.proxyUrlBase() : requestBase(request);
        int scheme = base.indexOf("://") + 3;
        String route = "/".equals(agent.route()) ? "" : agent.route();
        return base.substring(0, scheme) + userInfo + base.substring(scheme) + route;
    }

    /**
     * The application's public base URL, without credentials and without a trailing slash: {@code SWML_PROXY_URL_BASE},
     * else what a trusted proxy says, else the local address the request arrived on (never an untrusted {@code Host}).
     */
    public String base(HttpServletRequest request) {
        String base = settings.proxyUrlBase() != null ? settings.proxyUrlBase() : requestBase(request);
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private String requestBase(HttpServletRequest request) {
        String scheme = clients.forwardedProto(request);
        if (scheme == null) {
            scheme = settings.sslEnabled() || request.isSecure() ? "https" : "http";
        }
        String host = clients.forwardedHost(request);
        if (host == null) {
            host = localHost(request, scheme);
        }
        return scheme + "://" + host + request.getContextPath();
    }

    private String localHost(HttpServletRequest request, String scheme) {
        int port = request.getLocalPort();
        boolean defaultPort = port == ("https".equals(scheme) ? 443 : 80);
        String name = settings.domain();
        if (name == null) {
            name = request.getLocalAddr();
            if (name.indexOf(':') >= 0) {
                name = "[" + name + "]";
            }
        }
        return defaultPort ? name : name + ":" + port;
    }

    /** RFC 3986 userinfo encoding: unreserved characters stay, everything else is percent-encoded. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
