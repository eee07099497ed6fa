package dev.agentwarden.auth.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTProcessor;
import dev.agentwarden.authz.WardenPrincipal;
import dev.agentwarden.authz.Authorization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Issues and verifies the JWTs of {@code /api} with Nimbus JOSE+JWT. Issued tokens are HS256 with
 * {@code WARDEN_JWT_SECRET}; verification admits exactly HS256 with that secret, plus RS256/ES256 with the keys of
 * {@code WARDEN_JWT_JWKS_URL} when set — so no token can choose its own algorithm or key (no {@code alg: none}, no
 * HMAC keyed with a public key, no {@code jwk}/{@code jku}/{@code x5u} header honoured). The processor is built once.
 * Two kinds of token come out of {@link #verify}: a person's ({@code roles}, {@code amr}) and, from our own HS256
 * tokens only, a service account's ({@code client_id}, {@code perms}: {@link #issueService}).
 */
@ApplicationScoped
public class JwtService {

    /** Refusal of an expired (but otherwise genuine) token. */
    public static final String EXPIRED = "token_expired";
    /** Refusal of every other bad token. */
    public static final String INVALID = "token_invalid";

    private static final Logger LOG = Logger.getLogger(JwtService.class.getName());
    private static final int MAX_CLOCK_SKEW_SECONDS = 60;
    /** Far above any token we or an identity provider issue; longer input is refused unparsed. */
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final int MAX_SUBJECT_LENGTH = 255;
    private static final Set<JWSAlgorithm> EXTERNAL_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    /** RFC 9068's claim naming the client a token was issued to: present on service-account tokens only. */
    static final String CLIENT_ID = "client_id";
    /** A service-account token's permissions (Shiro strings). */
    static final String PERMISSIONS = "perms";
    private static final int MAX_PERMISSIONS = 256;
    private static final Set<String> REQUIRED_CLAIMS = Set.of("iss", "aud", "sub", "iat", "exp");
    /** RFC 9068's {@code typ} of access tokens, as identity providers write it; other typed JWTs are refused. */
    private static final JOSEObjectType ACCESS_TOKEN = new JOSEObjectType("at+jwt");
    private static final int JWKS_TIMEOUT_MS = 2_000;
    private static final int JWKS_SIZE_LIMIT = 64 * 1024;

    private JwtSettings settings;
    private Set<String> knownRoles;
    private JWSSigner signer;
    private JWTProcessor<SecurityContext> processor;
    private Clock clock;

    /**
     * What verification concluded: a principal, or the problem code of the refusal; for a service account's token the
     * credential it was issued to ({@code clientId}), else {@code null}.
     */
    public record Verification(WardenPrincipal principal, String refusal, String clientId) {

        public Verification(WardenPrincipal principal, String refusal) {
            this(principal, refusal, null);
        }

        static Verification valid(WardenPrincipal principal) {
            return new Verification(principal, null);
        }

        static Verification refused(String code) {
            return new Verification(null, code);
        }

        public boolean isValid() {
            return principal != null;
        }
    }

    @Inject
    public JwtService(Authorization authorization, Config config, Clock clock) {
        this(JwtSettings.from(config), authorization.roleNames(), clock);
    }

    /** A service for {@code settings}; {@code knownRoles} are the role names a token may carry. */
    public JwtService(JwtSettings settings, Set<String> knownRoles, Clock clock) {
        this(settings, knownRoles, settings.jwksUrl() == null ? null : remoteKeys(settings), clock);
    }

    /** A service whose external (RS256/ES256) keys come from {@code externalKeys}, or none when {@code null}. */
    JwtService(JwtSettings settings, Set<String> knownRoles, JWKSource<SecurityContext> externalKeys, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.knownRoles = Set.copyOf(knownRoles);
        try {
            this.signer = new MACSigner(settings.secret());
        } catch (JOSEException e) {
            throw new IllegalStateException("WARDEN_JWT_SECRET is not a usable HS256 key", e);
        }
        this.processor = processor(settings, externalKeys, clock);
        if (settings.secretGenerated()) {
            LOG.warning("WARDEN_JWT_SECRET is not set: a random JWT secret was generated. Tokens issued now die with "
                    + "the process and do not work across nodes; set WARDEN_JWT_SECRET in production.");
        }
    }

    /** For CDI proxies only. */
    protected JwtService() {
    }

    /** Builds the service at start-up, so that a bad setting fails the deployment rather than the first request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        LOG.fine(() -> "JWT: " + settings);
    }

    /** The lifetime of the tokens {@link #issue} makes, in seconds. */
    public long ttlSeconds() {
        return settings.ttlSeconds();
    }

    /**
     * A compact HS256 JWT for {@code subject}: {@code iss aud sub iat exp jti roles amr auth_time} ({@code auth_time}
     * is now: the caller has just authenticated with the methods in {@code amr}).
     */
    public String issue(String subject, Collection<String> roles, Collection<String> amr) {
        Instant now = clock.instant();
        return sign(claims(subject, now)
                .claim("roles", List.copyOf(roles))
                .claim("amr", List.copyOf(amr))
                .claim("auth_time", now.getEpochSecond())
                .build());
    }

    /** The claims every token we issue has: {@code iss aud sub iat exp jti}. */
    private JWTClaimsSet.Builder claims(String subject, Instant now) {
        return new JWTClaimsSet.Builder()
                .issuer(settings.issuer())
                .audience(settings.audience())
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(settings.ttlSeconds())))
                .jwtID(UUID.randomUUID().toString());
    }

    /**
     * A compact HS256 access token for service account {@code account}, issued to credential {@code clientId}
     * (RFC 9068's {@code client_id}) with exactly {@code permissions} ({@code perms}, Shiro strings): {@code iss aud sub
     * iat exp jti client_id perms}, no {@code roles}, and no {@code amr}/{@code auth_time}, which describe how a person
     * signed in (RFC 8176), while no person did.
     */
    public String issueService(String account, String clientId, Collection<String> permissions) {
        return sign(claims(account, clock.instant())
                .claim(CLIENT_ID, clientId)
                .claim(PERMISSIONS, List.copyOf(permissions))
                .build());
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing a JWT failed", e);
        }
        return jwt.serialize();
    }

    /** Verifies {@code token}; never throws on bad input. The token itself is never logged. */
    public Verification verify(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Verification.refused(INVALID);
        }
        try {
            JWT jwt = JWTParser.parse(token);
            JWTClaimsSet claims = processor.process(jwt, null);
            // Only our own tokens (HS256, our secret) speak for a service account: an external issuer's client_id
            // (Keycloak and others write one) leaves its token a plain JWT subject, as before.
            boolean ours = JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm());
            return ours && claims.getClaim(CLIENT_ID) != null ? service(claims) : principal(claims);
        } catch (BadJOSEException e) {
            if (isExpiry(e)) {
                return Verification.refused(EXPIRED);
            }
            LOG.log(Level.FINE, "JWT refused: {0}", printable(e));
        } catch (KeySourceException e) {
            LOG.warning("JWT refused: the keys of WARDEN_JWT_JWKS_URL are unavailable: " + printable(e));
        } catch (ParseException | JOSEException e) {
            LOG.log(Level.FINE, "JWT refused: {0}", printable(e));
        }
        return Verification.refused(INVALID);
    }

    /**
     * Whether a refusal is for expiry alone. Nimbus checks the signature before the claims, and the claims in a
     * fixed order (audience, required, exact match, then {@code exp}), so this message means a genuine token whose
     * other claims are right. Nimbus 10.0 has no dedicated exception type; JwtServiceTest pins the message.
     */
    static boolean isExpiry(BadJOSEException e) {
        return e instanceof BadJWTException && "Expired JWT".equals(e.getMessage());
    }

    /** Nimbus's reason, which may quote claim values the caller chose: one line, no control characters. */
    private static String printable(Exception e) {
        String message = String.valueOf(e.getMessage());
        return message.substring(0, Math.min(message.length(), 200)).replaceAll("\\p{Cntrl}", "?");
    }

    /** A service account's token: its {@code perms} and nothing else; malformed ones are refused whole. */
    private Verification service(JWTClaimsSet claims) throws ParseException {
        String subject = claims.getSubject();
        String clientId = claims.getStringClaim(CLIENT_ID);
        List<String> permissions = claims.getStringListClaim(PERMISSIONS);
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH || clientId == null
                || clientId.length() > MAX_SUBJECT_LENGTH || permissions == null
                || permissions.size() > MAX_PERMISSIONS || permissions.stream().anyMatch(p -> p == null || p.isBlank())) {
            LOG.fine("JWT refused: unusable service-account claims");
            return Verification.refused(INVALID);
        }
        return new Verification(new WardenPrincipal(subject, WardenPrincipal.Kind.SERVICE, Set.of(),
                Set.copyOf(permissions), false), null, clientId);
    }

    private Verification principal(JWTClaimsSet claims) throws ParseException {
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
            LOG.fine("JWT refused: unusable sub");
            return Verification.refused(INVALID);
        }
        List<String> roles = claims.getStringListClaim("roles");
        List<String> amr = claims.getStringListClaim("amr");
        Set<String> granted = roles == null ? Set.of()
                : Set.copyOf(roles.stream().filter(knownRoles::contains).toList());
        boolean mfa = amr != null && amr.contains("mfa");
        Long authTime = claims.getLongClaim("auth_time");
        return Verification.valid(new WardenPrincipal(subject, WardenPrincipal.Kind.JWT, granted, Set.of(), mfa,
                authTime == null ? null : Instant.ofEpochSecond(authTime)));
    }

    private static JWTProcessor<SecurityContext> processor(JwtSettings settings,
            JWKSource<SecurityContext> externalKeys, Clock clock) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, ACCESS_TOKEN, null));
        processor.setJWSKeySelector(keySelector(settings.secret(), externalKeys));
        processor.setJWTClaimsSetVerifier(new ClaimsVerifier(settings, clock));
        return processor;
    }

    /**
     * Chooses keys by the token's {@code alg}, from an allow-list: HS256 gets only our secret, RS256/ES256 only the
     * JWKS keys of the matching type. Any other algorithm gets no key, and Nimbus refuses the token.
     */
    private static JWSKeySelector<SecurityContext> keySelector(byte[] secret,
            JWKSource<SecurityContext> externalKeys) {
        JWSKeySelector<SecurityContext> hmac = new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                new ImmutableSecret<>(secret));
        JWSKeySelector<SecurityContext> external = externalKeys == null ? null
                : new JWSVerificationKeySelector<>(EXTERNAL_ALGORITHMS, externalKeys);
        return (header, context) -> {
            if (JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
                return hmac.selectJWSKeys(header, context);
            }
            if (external != null && EXTERNAL_ALGORITHMS.contains(header.getAlgorithm())) {
                return external.selectJWSKeys(header, context);
            }
            return List.of();
        };
    }

    /** The external issuer's keys: fetched on demand, cached, refreshes rate-limited, one retry. */
    private static JWKSource<SecurityContext> remoteKeys(JwtSettings settings) {
        return JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl(),
                        new DefaultResourceRetriever(JWKS_TIMEOUT_MS, JWKS_TIMEOUT_MS, JWKS_SIZE_LIMIT))
                .cache(true)
                .rateLimited(true)
                .retrying(true)
                .build();
    }

    /** {@code iss} exact, {@code aud} ours, {@code sub iat exp} present, {@code nbf} honoured, no {@code iat} ahead. */
    static final class ClaimsVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

        private final Clock clock;

        ClaimsVerifier(JwtSettings settings, Clock clock) {
            // Nimbus asks these sets whether they contain null, which Set.of answers with an exception.
            super(new HashSet<>(List.of(settings.audience())),
                    new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), new HashSet<>(REQUIRED_CLAIMS), null);
            setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
            this.clock = clock;
        }

        /** Expiry and "not before" are judged by the application's clock. */
        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }

        @Override
        public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
            super.verify(claims, context);
            Date latest = new Date(currentTime().getTime() + MAX_CLOCK_SKEW_SECONDS * 1000L);
            if (claims.getIssueTime().after(latest)) {
                throw new BadJWTException("JWT issued in the future");
            }
        }
    }
}
