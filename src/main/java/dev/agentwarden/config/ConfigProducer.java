package dev.agentwarden.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/** Reads the settings through MicroProfile Config (so environment variables of the same name set them), once. */
@ApplicationScoped
public class ConfigProducer {

    private static final Logger LOG = Logger.getLogger(ConfigProducer.class.getName());
    private static final int MIN_SECRET_BYTES = 32;

    @Produces
    @Singleton
    SwmlSettings swmlSettings(Config config) {
        String user = string(config, "SWML_BASIC_AUTH_USER", "signalwire");
        String password = string(config, "SWML_BASIC_AUTH_PASSWORD", null);
        boolean passwordGenerated = password == null;
        if (passwordGenerated) {
            password = Secrets.base62(32);
        }
        String secret = string(config, "SWML_FUNCTION_TOKEN_SECRET", null);
        boolean secretGenerated = secret == null;
        byte[] secretBytes = secretGenerated ? Secrets.bytes(MIN_SECRET_BYTES) : secret.getBytes(StandardCharsets.UTF_8);
        if (secretBytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("SWML_FUNCTION_TOKEN_SECRET must be at least " + MIN_SECRET_BYTES
                    + " bytes; generate one with: openssl rand -base64 48");
        }
        if (secretGenerated) {
            LOG.warning("SWML_FUNCTION_TOKEN_SECRET is not set: a random token secret was generated. Function tokens "
                    + "will not survive a restart nor work across nodes; set SWML_FUNCTION_TOKEN_SECRET in production.");
        }
        String proxyBase = string(config, "SWML_PROXY_URL_BASE", null);
        if (proxyBase != null) {
            proxyBase = proxyBase.replaceAll("/+$", "");
        }
        return new SwmlSettings(user, password, passwordGenerated, secretBytes, secretGenerated,
                positive(config, "SWML_FUNCTION_TOKEN_TTL", 3600),
                proxyBase, list(config, "SWML_TRUSTED_PROXIES"),
                Boolean.parseBoolean(string(config, "SWML_SSL_ENABLED", "false")),
                string(config, "SWML_DOMAIN", null),
                positive(config, "SWML_MAX_REQUEST_SIZE", 10L * 1024 * 1024),
                (int) nonNegative(config, "SWML_RATE_LIMIT", 60));
    }

    /**
     * The key that seals stored secrets (webhook secrets, TOTP seeds): {@code WARDEN_SECRETS_KEY}, base64 of 32 bytes;
     * generated per start with a warning when unset (what it sealed can then not be opened after a restart).
     */
    @Produces
    @Singleton
    SecretBox secretBox(Config config) {
        String key = string(config, "WARDEN_SECRETS_KEY", null);
        if (key == null) {
            LOG.warning("WARDEN_SECRETS_KEY is not set: a random key was generated. Stored secrets (webhook secrets, "
                    + "TOTP seeds) will not open after a restart nor on another node; set WARDEN_SECRETS_KEY "
                    + "(openssl rand -base64 32) in production.");
            return SecretBox.fromBase64Key(SecretBox.newKey());
        }
        try {
            return SecretBox.fromBase64Key(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("WARDEN_SECRETS_KEY must be base64 of 32 bytes: " + e.getMessage()
                    + "; generate one with: openssl rand -base64 32", e);
        }
    }

    /**
     * Creates the key at start-up, not at the first request that opens a stored secret: a malformed
     * {@code WARDEN_SECRETS_KEY} stops the deployment with its message instead of failing requests with a 500.
     */
    void checkAtStart(@Observes @Initialized(ApplicationScoped.class) Object event, SecretBox secrets) {
        LOG.finest(() -> "Stored secrets sealed with " + secrets.getClass().getSimpleName());
    }

    static String string(Config config, String key, String fallback) {
        return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty()).orElse(fallback);
    }

    static List<String> list(Config config, String key) {
        String value = string(config, key, "");
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static long positive(Config config, String key, long fallback) {
        long value = number(config, key, fallback);
        if (value < 1) {
            throw new IllegalStateException(key + " must be a positive whole number, not " + value);
        }
        return value;
    }

    static long nonNegative(Config config, String key, long fallback) {
        long value = number(config, key, fallback);
        if (value < 0) {
            throw new IllegalStateException(key + " must be zero or a positive whole number, not " + value);
        }
        return value;
    }

    private static long number(Config config, String key, long fallback) {
        String value = string(config, key, null);
        try {
            return value == null ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + " must be a whole number, not '" + value + "'", e);
        }
    }
}
