package dev.agentwarden.agentconfig;

import dev.agentwarden.config.Durations;
import dev.agentwarden.ipfilter.IpWhitelist;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An agent's config document ({@code GET/PUT /api/agents/{agent}}, API.md §2) in the seed's shapes: {@code auth} and
 * {@code security}. Immutable; every block defaults to off. Built by {@link AgentConfigValidator} from JSON (which
 * reports bad input as pointers); the record constructors check their own invariants too and throw
 * {@link IllegalArgumentException}, so no instance holds an invalid value.
 */
public record AgentConfigDocument(Auth auth, Security security) {

    /** Everything off: no auth type, no whitelist, no rate limit, no MFA, no rotation, no mTLS, no HTTPS rules. */
    public static final AgentConfigDocument DEFAULTS = new AgentConfigDocument(null, null);

    /** The JSON pointer of the write-only client secret; {@link #changedPaths} names it, never its value. */
    public static final String CLIENT_SECRET_POINTER = "/auth/clientSecret";

    /** Missing blocks are the defaults. */
    public AgentConfigDocument {
        auth = auth == null ? Auth.NONE : auth;
        security = security == null ? Security.DEFAULTS : security;
    }

    /** The {@code auth.type} values. */
    public enum AuthType {
        /** No authentication beyond the platform's. */
        NONE,
        /** The agent's API keys. */
        API_KEY,
        /** JWTs (the server's or the configured issuer's). */
        JWT,
        /** OAuth 2.0 / OIDC against {@code provider} with {@code clientId}. */
        OAUTH2;

        /** The JSON value: {@code none}, {@code api_key}, {@code jwt}, {@code oauth2}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The constant of a JSON value, or {@link IllegalArgumentException}. */
        public static AuthType fromWire(String value) {
            for (AuthType type : values()) {
                if (type.wire().equals(value)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown auth type '" + value + "'");
        }
    }

    /** The operations {@code security.mfa.operations} may require MFA for (API.md §2). */
    public enum MfaOperation {
        /** PUT of the agent's config. */
        UPDATE,
        /** DELETE of the agent. */
        DELETE,
        /** Creating, rotating and revoking the agent's API keys. */
        KEYS,
        /** The audit export. */
        EXPORT,
        /** Changes to the IP whitelist. */
        WHITELIST;

        /** The JSON value: the lower-case name. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The constant of a JSON value, or {@link IllegalArgumentException}. */
        public static MfaOperation fromWire(String value) {
            for (MfaOperation operation : values()) {
                if (operation.wire().equals(value)) {
                    return operation;
                }
            }
            throw new IllegalArgumentException("unknown MFA operation '" + value + "'");
        }
    }

    /** The {@code auth} block; {@code clientSecret} is write-only (never in {@link #toMap}, masked in toString). */
    public record Auth(AuthType type, String provider, String clientId, String clientSecret, List<String> scopes) {

        /** No auth type and nothing else. */
        public static final Auth NONE = new Auth(AuthType.NONE, null, null, null, List.of());

        /** Type defaults to none, scopes to none; scopes are kept in order without duplicates. */
        public Auth {
            type = type == null ? AuthType.NONE : type;
            scopes = scopes == null ? List.of() : List.copyOf(new LinkedHashSet<>(scopes));
            if (type == AuthType.OAUTH2 && (provider == null || clientId == null)) {
                throw new IllegalArgumentException("oauth2 needs a provider and a clientId");
            }
        }

        /** This block with {@code secret} as its client secret. */
        public Auth withClientSecret(String secret) {
            return new Auth(type, provider, clientId, secret, scopes);
        }

        /** Whether a client secret is set (the answer to "is one stored?", without the secret). */
        public boolean hasClientSecret() {
            return clientSecret != null;
        }

        @Override
        public String toString() {
            return "Auth[type=" + type + ", provider=" + provider + ", clientId=" + clientId + ", clientSecret="
                    + (clientSecret == null ? "null" : "***") + ", scopes=" + scopes + "]";
        }
    }

    /** The {@code security} block. */
    public record Security(IpWhitelistPolicy ipWhitelist, RateLimit rateLimit, Mfa mfa, Rotation rotation, Mtls mtls,
            boolean enforceHttps, Hsts hsts, Webhooks webhooks) {

        /** Everything off. */
        public static final Security DEFAULTS = new Security(null, null, null, null, null, false, null, null);

        /** Missing blocks are their defaults. */
        public Security {
            ipWhitelist = ipWhitelist == null ? IpWhitelistPolicy.OFF : ipWhitelist;
            rateLimit = rateLimit == null ? RateLimit.OFF : rateLimit;
            mfa = mfa == null ? Mfa.OFF : mfa;
            rotation = rotation == null ? Rotation.NONE : rotation;
            mtls = mtls == null ? Mtls.OFF : mtls;
            hsts = hsts == null ? Hsts.OFF : hsts;
            webhooks = webhooks == null ? Webhooks.DEFAULTS : webhooks;
        }
    }

    /** {@code security.ipWhitelist}: addresses and CIDRs in {@link IpWhitelist#normalise canonical form}. */
    public record IpWhitelistPolicy(boolean enabled, List<String> addresses) {

        /** Off, no addresses. */
        public static final IpWhitelistPolicy OFF = new IpWhitelistPolicy(false, List.of());

        /** Addresses normalised, duplicates dropped; {@link IllegalArgumentException} for an invalid one. */
        public IpWhitelistPolicy {
            addresses = addresses == null ? List.of() : IpWhitelist.of(addresses).entries();
        }

        /** The matcher of the addresses (built on each call: callers that match per request keep it). */
        public IpWhitelist whitelist() {
            return IpWhitelist.of(addresses);
        }
    }

    /** {@code security.rateLimit}: {@code requests} per {@code window} (defaults 100 per {@code 1m}, as the seed). */
    public record RateLimit(boolean enabled, int requests, String window) {

        /** Off, with the seed's numbers ready. */
        public static final RateLimit OFF = new RateLimit(false, 100, "1m");

        /** Requests must be positive and the window a duration; the window defaults to {@code 1m}. */
        public RateLimit {
            window = window == null ? "1m" : window;
            if (requests < 1) {
                throw new IllegalArgumentException("requests must be positive");
            }
            Durations.parse(window);
        }

        /** The window as a duration. */
        public Duration windowDuration() {
            return Durations.parse(window);
        }
    }

    /** {@code security.mfa}: whether MFA is on and the operations that require it. */
    public record Mfa(boolean enabled, Set<MfaOperation> operations) {

        /** Off, no operation. */
        public static final Mfa OFF = new Mfa(false, Set.of());

        /** Operations are kept in the enum's order, without duplicates. */
        public Mfa {
            EnumSet<MfaOperation> set = EnumSet.noneOf(MfaOperation.class);
            if (operations != null) {
                set.addAll(operations);
            }
            operations = Collections.unmodifiableSet(set);
        }

        /** Whether {@code operation} needs a fresh MFA proof: MFA is enabled and lists it. */
        public boolean requires(MfaOperation operation) {
            return enabled && operations.contains(operation);
        }
    }

    /** {@code security.rotation}: the key rotation interval, or none ({@code null}). */
    public record Rotation(String interval) {

        /** No rotation policy. */
        public static final Rotation NONE = new Rotation(null);

        /** The interval, when set, must be a duration. */
        public Rotation {
            if (interval != null) {
                Durations.parse(interval);
            }
        }

        /** The interval as a duration; empty when no policy is set. */
        public Optional<Duration> intervalDuration() {
            return Optional.ofNullable(interval).map(Durations::parse);
        }
    }

    /** {@code security.mtls}: whether service accounts authenticate with client certificates. */
    public record Mtls(boolean enabled) {

        /** Off. */
        public static final Mtls OFF = new Mtls(false);
    }

    /** {@code security.hsts}: the {@code Strict-Transport-Security} header (max-age defaults to one year). */
    public record Hsts(boolean enabled, int maxAge, boolean includeSubDomains) {

        /** Off, with one year ready. */
        public static final Hsts OFF = new Hsts(false, 31_536_000, false);

        /** The max-age must not be negative. */
        public Hsts {
            if (maxAge < 0) {
                throw new IllegalArgumentException("maxAge must not be negative");
            }
        }

        /** The header's value, e.g. {@code max-age=31536000; includeSubDomains}. */
        public String headerValue() {
            return "max-age=" + maxAge + (includeSubDomains ? "; includeSubDomains" : "");
        }
    }

    /** {@code security.webhooks}: whether signed webhooks must carry a timestamp (Standard Webhooks). */
    public record Webhooks(boolean requireTimestamp) {

        /** Timestamps optional. */
        public static final Webhooks DEFAULTS = new Webhooks(false);
    }

    /**
     * This document with the client secret of {@code previous} when this one has none: a PUT that leaves the
     * write-only secret out keeps the stored one.
     */
    public AgentConfigDocument withSecretKeptFrom(AgentConfigDocument previous) {
        if (auth.clientSecret() != null || previous == null || previous.auth().clientSecret() == null) {
            return this;
        }
        return new AgentConfigDocument(auth.withClientSecret(previous.auth().clientSecret()), security);
    }

    /** The document as JSON-ready values in the seed's camelCase shape, every field present, the client secret never. */
    public Map<String, Object> toMap() {
        return map(false);
    }

    /**
     * The JSON pointers whose values differ between {@code before} and {@code after} (for the {@code config.updated}
     * audit event), in document order. Arrays count as one value ({@code /security/ipWhitelist/addresses}). A changed
     * client secret is named as {@value #CLIENT_SECRET_POINTER}; no value is ever returned, only pointers.
     */
    public static List<String> changedPaths(AgentConfigDocument before, AgentConfigDocument after) {
        Map<String, Object> old = new LinkedHashMap<>();
        Map<String, Object> now = new LinkedHashMap<>();
        flatten("", (before == null ? DEFAULTS : before).map(true), old);
        flatten("", (after == null ? DEFAULTS : after).map(true), now);
        Set<String> pointers = new LinkedHashSet<>(now.keySet());
        pointers.addAll(old.keySet());
        List<String> changed = new ArrayList<>();
        for (String pointer : pointers) {
            if (!Objects.equals(old.get(pointer), now.get(pointer))) {
                changed.add(pointer);
            }
        }
        return changed;
    }

    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> into) {
        map.forEach((key, value) -> {
            String pointer = prefix + "/" + key.replace("~", "~0").replace("/", "~1");
            if (value instanceof Map<?, ?> child) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object = (Map<String, Object>) child;
                flatten(pointer, object, into);
            } else {
                into.put(pointer, value);
            }
        });
    }

    /** The values; with {@code secret} the client secret too (only ever compared in {@link #changedPaths}). */
    private Map<String, Object> map(boolean secret) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", auth.type().wire());
        putIfSet(a, "provider", auth.provider());
        putIfSet(a, "clientId", auth.clientId());
        if (secret) {
            putIfSet(a, "clientSecret", auth.clientSecret());
        }
        a.put("scopes", auth.scopes());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("ipWhitelist", object("enabled", security.ipWhitelist().enabled(),
                "addresses", security.ipWhitelist().addresses()));
        RateLimit rate = security.rateLimit();
        Map<String, Object> rateLimit = object("enabled", rate.enabled(), "requests", rate.requests());
        rateLimit.put("window", rate.window());
        s.put("rateLimit", rateLimit);
        s.put("mfa", object("enabled", security.mfa().enabled(), "operations", wire(security.mfa().operations())));
        Map<String, Object> rotation = new LinkedHashMap<>();
        putIfSet(rotation, "interval", security.rotation().interval());
        s.put("rotation", rotation);
        s.put("mtls", object("enabled", security.mtls().enabled()));
        s.put("enforceHttps", security.enforceHttps());
        Hsts hsts = security.hsts();
        Map<String, Object> h = object("enabled", hsts.enabled(), "maxAge", hsts.maxAge());
        h.put("includeSubDomains", hsts.includeSubDomains());
        s.put("hsts", h);
        s.put("webhooks", object("requireTimestamp", security.webhooks().requireTimestamp()));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("auth", a);
        document.put("security", s);
        return document;
    }

    private static List<String> wire(Collection<MfaOperation> operations) {
        return operations.stream().map(MfaOperation::wire).toList();
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Map<String, Object> object(String key, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    private static Map<String, Object> object(String key1, Object value1, String key2, Object value2) {
        Map<String, Object> map = object(key1, value1);
        map.put(key2, value2);
        return map;
    }
}
