package dev.agentwarden.alert;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;

/**
 * Where alerts may be posted: no server-side request forgery through an alert's {@code webhook_url}. The URL must be
 * absolute {@code https} without user info, and every address its host resolves to must be public: not loopback,
 * private (RFC 1918, unique-local), shared (100.64/10), link-local (hence the 169.254.169.254 metadata service),
 * unspecified, multicast, reserved, or an IPv4 address of those embedded in IPv6. Checked when the alert is created
 * and again before every delivery (the name may resolve elsewhere by then). Redirects are never followed.
 * {@code WARDEN_ALERT_ALLOW_PRIVATE=true} lifts the address and scheme rules (tests with a local receiver).
 *
 * <p>What stays possible: a name whose DNS answer changes between this check and the HTTP client's own lookup (DNS
 * rebinding within milliseconds). Operators who need that closed too route alerts through an egress proxy.
 */
@ApplicationScoped
public class WebhookTargets {

    /** Address blocks no alert may reach. */
    private static final List<IPAddress> BLOCKED = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "100::/64", "2001:db8::/32")
            .stream().map(text -> new IPAddressString(text).getAddress()).toList();

    /** Resolves a host name to its addresses. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why a URL may not be used; its message is safe to show. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private boolean allowPrivate;
    private Resolver resolver;

    @Inject
    public WebhookTargets(Config config) {
        this(config.getOptionalValue("WARDEN_ALERT_ALLOW_PRIVATE", Boolean.class).orElse(false),
                InetAddress::getAllByName);
    }

    WebhookTargets(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** For CDI proxies only. */
    protected WebhookTargets() {
    }

    /** The URL, parsed, when it may receive alerts. */
    public URI check(String url) throws Refused {
        URI uri = parse(url);
        if (!allowPrivate) {
            checkAddresses(uri.getHost());
        }
        return uri;
    }

    private URI parse(String url) throws Refused {
        if (url == null || url.isBlank()) {
            throw new Refused("must be an https URL");
        }
        if (url.length() > 2048) {
            throw new Refused("must be at most 2048 characters long");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new Refused("must be an absolute https URL with a host");
        }
        if (!allowPrivate && !scheme.equals("https")) {
            throw new Refused("must use https");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not carry user info (credentials in a URL end up in logs)");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment");
        }
        return uri;
    }

    private void checkAddresses(String host) throws Refused {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new Refused("host cannot be resolved");
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("host cannot be resolved");
        }
        for (InetAddress address : addresses) {
            if (isBlocked(address)) {
                throw new Refused("must not point to a loopback, private, link-local or metadata address");
            }
        }
    }

    /** Whether {@code address} is in a blocked block, itself or as the IPv4 address an IPv6 one embeds. */
    static boolean isBlocked(InetAddress address) {
        IPAddress ip = new IPAddressString(address.getHostAddress()).getAddress();
        if (ip == null) {
            return true;
        }
        if (ip.isIPv6()) {
            var v6 = ip.toIPv6();
            if (v6.isIPv4Mapped() || v6.isIPv4Compatible() || v6.isWellKnownIPv4Translatable() || v6.is6To4()) {
                IPAddress embedded = v6.is6To4() ? v6.get6To4IPv4Address() : v6.getEmbeddedIPv4Address();
                if (embedded == null || isBlockedAddress(embedded)) {
                    return true;
                }
            }
        }
        return isBlockedAddress(ip);
    }

    private static boolean isBlockedAddress(IPAddress ip) {
        for (IPAddress block : BLOCKED) {
            if (block.getIPVersion() == ip.getIPVersion() && block.contains(ip)) {
                return true;
            }
        }
        return false;
    }
}
