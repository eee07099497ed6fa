package dev.agentwarden.config;

import java.util.List;

/**
 * The agent routes' settings (API.md §3), read once at start-up.
 *
 * @param basicUser         {@code SWML_BASIC_AUTH_USER}
 * @param basicPassword     {@code SWML_BASIC_AUTH_PASSWORD}, or the generated one
 * @param passwordGenerated whether {@code basicPassword} was generated (then it is printed once)
 * @param tokenSecret       {@code SWML_FUNCTION_TOKEN_SECRET} bytes, or generated ones
 * @param tokenSecretGenerated whether the token secret was generated (tokens then die with the process)
 * @param tokenTtlSeconds   {@code SWML_FUNCTION_TOKEN_TTL}
 * @param proxyUrlBase      {@code SWML_PROXY_URL_BASE} without a trailing slash, or {@code null}
 * @param trustedProxies    {@code SWML_TRUSTED_PROXIES} CIDRs
 * @param sslEnabled        {@code SWML_SSL_ENABLED}
 * @param domain            {@code SWML_DOMAIN}, or {@code null}
 * @param maxRequestSize    {@code SWML_MAX_REQUEST_SIZE} in bytes
 * @param rateLimit         {@code SWML_RATE_LIMIT}: SWAIG calls per minute per caller; 0 switches it off
 */
public record SwmlSettings(
        String basicUser,
        String basicPassword,
        boolean passwordGenerated,
        byte[] tokenSecret,
        boolean tokenSecretGenerated,
        long tokenTtlSeconds,
        String proxyUrlBase,
        List<String> trustedProxies,
        boolean sslEnabled,
        String domain,
        long maxRequestSize,
        int rateLimit) {

    @Override
    public String toString() {
        // Never print the secrets, whoever logs this record.
        return "SwmlSettings[basicUser=" + basicUser + ", tokenTtlSeconds=" + tokenTtlSeconds + ", proxyUrlBase="
                + proxyUrlBase + ", trustedProxies=" + trustedProxies + ", sslEnabled=" + sslEnabled + ", domain="
                + domain + ", maxRequestSize=" + maxRequestSize + ", rateLimit=" + rateLimit + "]";
    }
}
