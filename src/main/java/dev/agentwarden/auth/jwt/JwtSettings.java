package dev.agentwarden.auth.jwt;

import dev.agentwarden.config.Secrets;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.Config;

/**
 * The JWT settings (API.md §3), read once and checked at start-up.
 *
 * @param secret          {@code WARDEN_JWT_SECRET} bytes (UTF-8), or 32 generated ones
 * @param secretGenerated whether the secret was generated (tokens then die with the process)
 * @param issuer          {@code WARDEN_JWT_ISSUER}: the {@code iss} we write and require
 * @param audience        {@code WARDEN_JWT_AUDIENCE}: the {@code aud} we write and require
 * @param ttlSeconds      {@code WARDEN_JWT_TTL}: the lifetime of the tokens we issue
 * @param jwksUrl         {@code WARDEN_JWT_JWKS_URL}: an external issuer's keys (RS256/ES256), or {@code null}
 */
public record JwtSettings(byte[] secret, boolean secretGenerated, String issuer, String audience, long ttlSeconds,
        URL jwksUrl) {

    /** The shortest HS256 key accepted: the hash's output size, as RFC 7518 §3.2 requires. */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    public JwtSettings {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("WARDEN_JWT_SECRET must be at least " + MIN_SECRET_BYTES
                    + " bytes; generate one with: openssl rand -base64 48");
        }
        secret = secret.clone();
        if (issuer == null || issuer.isBlank() || audience == null || audience.isBlank()) {
            throw new IllegalStateException("WARDEN_JWT_ISSUER and WARDEN_JWT_AUDIENCE must not be empty");
        }
        if (ttlSeconds < 1) {
            throw new IllegalStateException("WARDEN_JWT_TTL must be a positive number of seconds, not " + ttlSeconds);
        }
    }

    /** Reads the settings from MicroProfile Config; {@link IllegalStateException} says what to fix. */
    public static JwtSettings from(Config config) {
        return from(key -> config.getOptionalValue(key, String.class).orElse(null));
    }

    /** Reads the settings from {@code values} (a setting's raw value by name, or {@code null}). */
    static JwtSettings from(UnaryOperator<String> values) {
        String secret = string(values, "WARDEN_JWT_SECRET", null);
        boolean generated = secret == null;
        byte[] bytes = generated ? Secrets.bytes(MIN_SECRET_BYTES) : secret.getBytes(StandardCharsets.UTF_8);
        return new JwtSettings(bytes, generated, string(values, "WARDEN_JWT_ISSUER", "agent-warden"),
                string(values, "WARDEN_JWT_AUDIENCE", "agent-warden"), ttl(string(values, "WARDEN_JWT_TTL", "3600")),
                jwksUrl(string(values, "WARDEN_JWT_JWKS_URL", null)));
    }

    private static long ttl(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("WARDEN_JWT_TTL must be a whole number of seconds, not '" + value + "'", e);
        }
    }

    /** The JWKS address: HTTPS, or plain HTTP to this host only (keys fetched in clear could be swapped). */
    static URL jwksUrl(String value) {
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            boolean localHttp = "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null
                    && LOOPBACK.contains(uri.getHost().toLowerCase());
            if (uri.getHost() == null || !https && !localHttp) {
                throw new IllegalStateException("WARDEN_JWT_JWKS_URL must be an https:// URL (http:// only for "
                        + "localhost), not '" + value + "'");
            }
            return uri.toURL();
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("WARDEN_JWT_JWKS_URL is not a valid URL: '" + value + "'", e);
        }
    }

    private static String string(UnaryOperator<String> values, String key, String fallback) {
        String value = values.apply(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        // Never print the secret, whoever logs this record.
        return "JwtSettings[issuer=" + issuer + ", audience=" + audience + ", ttlSeconds=" + ttlSeconds + ", jwksUrl="
                + jwksUrl + ", secretGenerated=" + secretGenerated + "]";
    }
}
