package dev.agentwarden.auth.oidc;

import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The OpenID provider people sign in with: {@code WARDEN_OIDC_ISSUER}, {@code WARDEN_OIDC_CLIENT_ID},
 * {@code WARDEN_OIDC_CLIENT_SECRET}, {@code WARDEN_OIDC_SCOPES} (default {@code openid profile email}),
 * {@code WARDEN_OIDC_REDIRECT_URI} (default: the public base + {@code /api/auth/oauth2/callback}) and
 * {@code WARDEN_OIDC_ROLE} (the role of people signing in for the first time, default {@code viewer}; {@code none}
 * refuses people this server does not know yet).
 *
 * @param issuer      the issuer URL, or {@code null} when sign-in through a provider is off
 * @param role        the first-login role, or {@code null} for {@code none}
 */
public record OidcSettings(String issuer, String clientId, String clientSecret, List<String> scopes,
        String redirectUri, String role) {

    static OidcSettings from(Config config) {
        Optional<String> issuer = text(config, "WARDEN_OIDC_ISSUER");
        String scopes = text(config, "WARDEN_OIDC_SCOPES").orElse("openid profile email");
        List<String> scopeList = List.of(scopes.trim().split("[\\s,]+"));
        if (issuer.isPresent() && !scopeList.contains("openid")) {
            throw new IllegalStateException("WARDEN_OIDC_SCOPES must contain openid: " + scopes);
        }
        String role = text(config, "WARDEN_OIDC_ROLE").orElse("viewer");
        OidcSettings settings = new OidcSettings(issuer.map(i -> i.endsWith("/") ? i.substring(0, i.length() - 1) : i)
                .orElse(null), text(config, "WARDEN_OIDC_CLIENT_ID").orElse(null),
                text(config, "WARDEN_OIDC_CLIENT_SECRET").orElse(null), scopeList,
                text(config, "WARDEN_OIDC_REDIRECT_URI").orElse(null), "none".equals(role) ? null : role);
        if (settings.enabled() && settings.clientId() == null) {
            throw new IllegalStateException("WARDEN_OIDC_ISSUER is set but WARDEN_OIDC_CLIENT_ID is not");
        }
        return settings;
    }

    public boolean enabled() {
        return issuer != null;
    }

    private static Optional<String> text(Config config, String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        // Never the client secret.
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", scopes=" + scopes + ", redirectUri="
                + redirectUri + ", role=" + (role == null ? "none" : role) + "]";
    }
}
