package dev.agentwarden.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.InvalidHashException;
import dev.agentwarden.config.Secrets;
import dev.agentwarden.store.IdentityRepository;
import dev.agentwarden.store.UserRecord;
import dev.agentwarden.store.UserRepository;
import dev.agentwarden.user.Passwords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Sign-in through an OpenID provider (the seed's {@code OAuth2(...).get_authorization_url()} and
 * {@code exchange_code(code)}), with the Nimbus OAuth 2.0 SDK: the provider found by discovery, the authorization
 * code flow with {@code state}, {@code nonce} and PKCE (S256), the code exchanged with the client secret the way the
 * provider advertises (Basic, else POST), the ID token validated (signature by the provider's JWKS, {@code iss},
 * {@code aud}, {@code exp} on the application's clock, {@code nonce}, {@code at_hash} when present), and the person
 * mapped to a user of this store by {@code (issuer, sub)} — created on the first login with
 * {@code WARDEN_OIDC_ROLE}, never matched by e-mail.
 */
@ApplicationScoped
public class OidcLogin {

    private static final Logger LOG = Logger.getLogger(OidcLogin.class.getName());
    private static final int TIMEOUT_MILLIS = 10_000;

    private OidcSettings settings;
    private PendingLogins pending;
    private IdentityRepository identities;
    private UserRepository users;
    private Clock clock;
    private volatile Provider provider;

    @Inject
    public OidcLogin(Config config, PendingLogins pending, IdentityRepository identities, UserRepository users,
            Clock clock) {
        this.settings = OidcSettings.from(config);
        this.pending = pending;
        this.identities = identities;
        this.users = users;
        this.clock = clock;
        LOG.fine(() -> "OIDC: " + settings);
    }

    /** For CDI proxies only. */
    protected OidcLogin() {
    }

    /** Why a sign-in was refused: the problem {@code code} and a detail safe to show. */
    public static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;

        Refused(int status, String code, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    /** The provider's metadata and the ID token processor built from it (found once, by discovery). */
    private record Provider(OIDCProviderMetadata metadata, JWSVerificationKeySelector<SecurityContext> keys) {
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** The redirect URI: {@code WARDEN_OIDC_REDIRECT_URI}, else the public base's callback. */
    public URI redirectUri(String publicBase) {
        return URI.create(settings.redirectUri() != null ? settings.redirectUri()
                : publicBase + "/api/auth/oauth2/callback");
    }

    /** Starts a login: the provider's authorization URL, the state, nonce and PKCE verifier kept for the callback. */
    public URI authorizationUrl(URI redirectUri, String returnTo) throws Refused {
        Provider op = provider();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        if (!pending.put(state.getValue(), nonce.getValue(), verifier.getValue(), returnTo)) {
            throw new Refused(503, "store_unavailable", "Too many sign-ins are pending; try again in a few minutes");
        }
        return new AuthenticationRequest.Builder(new ResponseType(ResponseType.Value.CODE),
                new Scope(settings.scopes().toArray(String[]::new)), new ClientID(settings.clientId()), redirectUri)
                .endpointURI(op.metadata().getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
    }

    /** A finished sign-in: the user, and where the login asked to go (or {@code null}). */
    public record SignedIn(UserRecord user, String returnTo, boolean created) {
    }

    /** Finishes a login at the callback: state, code exchange, ID token, user. */
    public SignedIn callback(String code, String state, String error, URI redirectUri) throws Refused {
        PendingLogins.Pending login = pending.take(state).orElseThrow(() -> new Refused(401, "oauth_state_invalid",
                "The sign-in is unknown, expired or already finished: start again"));
        if (error != null) {
            throw new Refused(401, "oauth_code_invalid", "The provider refused the sign-in");
        }
        if (code == null || code.isBlank()) {
            throw new Refused(401, "oauth_code_invalid", "The callback carries no authorization code");
        }
        Provider op = provider();
        OIDCTokenResponse tokens = exchange(op, new AuthorizationCode(code), redirectUri,
                new CodeVerifier(login.codeVerifier()));
        IDTokenClaimsSet claims = validate(op, tokens.getOIDCTokens().getIDToken(),
                tokens.getOIDCTokens().getAccessToken(), new Nonce(login.nonce()));
        return user(claims, login.returnTo());
    }

    private OIDCTokenResponse exchange(Provider op, AuthorizationCode code, URI redirectUri, CodeVerifier verifier)
            throws Refused {
        ClientID client = new ClientID(settings.clientId());
        AuthorizationCodeGrant grant = new AuthorizationCodeGrant(code, redirectUri, verifier);
        ClientAuthentication authentication = clientAuthentication(op.metadata());
        TokenRequest request = authentication == null
                ? new TokenRequest(op.metadata().getTokenEndpointURI(), client, grant)
                : new TokenRequest(op.metadata().getTokenEndpointURI(), authentication, grant);
        HTTPRequest http = request.toHTTPRequest();
        http.setConnectTimeout(TIMEOUT_MILLIS);
        http.setReadTimeout(TIMEOUT_MILLIS);
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(http.send());
        } catch (IOException e) {
            throw new Refused(503, "provider_unavailable", "The OpenID provider cannot be reached");
        } catch (ParseException e) {
            throw new Refused(401, "oauth_code_invalid", "The provider's token answer is not valid");
        }
        if (!response.indicatesSuccess()) {
            throw new Refused(401, "oauth_code_invalid", "The provider refused the authorization code");
        }
        if (!(response.toSuccessResponse() instanceof OIDCTokenResponse tokens)) {
            throw new Refused(401, "oauth_code_invalid", "The provider answered no ID token");
        }
        return tokens;
    }

    /** Basic unless the provider only takes the secret in the POST body; none for a public client. */
    private ClientAuthentication clientAuthentication(OIDCProviderMetadata metadata) {
        if (settings.clientSecret() == null) {
            return null;
        }
        ClientID client = new ClientID(settings.clientId());
        Secret secret = new Secret(settings.clientSecret());
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        boolean postOnly = methods != null && !methods.isEmpty()
                && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        return postOnly ? new ClientSecretPost(client, secret) : new ClientSecretBasic(client, secret);
    }

    /**
     * The ID token's signature (the provider's JWKS, its advertised algorithm), {@code iss}, {@code aud} (our client),
     * {@code exp} and {@code iat} on the application's clock (one minute of skew), {@code sub}, the {@code nonce} we
     * sent, and {@code at_hash} when present — Nimbus's JWT processor and claims verifier, as for our own tokens.
     */
    private IDTokenClaimsSet validate(Provider op, JWT idToken, AccessToken accessToken, Nonce nonce) throws Refused {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(op.keys());
        processor.setJWTClaimsSetVerifier(new IdTokenVerifier(settings, nonce, clock));
        try {
            IDTokenClaimsSet claims = new IDTokenClaimsSet(processor.process(idToken, null));
            if (claims.getAccessTokenHash() != null && accessToken != null) {
                AccessTokenValidator.validate(accessToken,
                        JWSAlgorithm.parse(idToken.getHeader().getAlgorithm().getName()), claims.getAccessTokenHash());
            }
            return claims;
        } catch (BadJOSEException | JOSEException | InvalidHashException | ParseException e) {
            LOG.fine(() -> "OIDC: ID token refused: " + e.getMessage());
            throw new Refused(401, "token_invalid", "The provider's ID token is not valid");
        }
    }

    /** The ID token's claims as OpenID Connect Core §3.1.3.7 requires, judged on the application's clock. */
    static final class IdTokenVerifier extends DefaultJWTClaimsVerifier<SecurityContext> {

        private final Clock clock;

        IdTokenVerifier(OidcSettings settings, Nonce nonce, Clock clock) {
            // Nimbus asks these sets whether they contain null, which Set.of answers with an exception.
            super(new HashSet<>(List.of(settings.clientId())), new JWTClaimsSet.Builder().issuer(settings.issuer())
                    .claim("nonce", nonce.getValue()).build(), new HashSet<>(List.of("sub", "iat", "exp")), null);
            setMaxClockSkew(60);
            this.clock = clock;
        }

        @Override
        protected Date currentTime() {
            return Date.from(clock.instant());
        }
    }

    /** The user linked to the person, or a new one (first login) when a role is configured. */
    private SignedIn user(IDTokenClaimsSet claims, String returnTo) throws Refused {
        String issuer = claims.getIssuer().getValue();
        String subject = claims.getSubject().getValue();
        Optional<UserRecord> linked = identities.username(issuer, subject).flatMap(users::byName);
        if (linked.isPresent()) {
            return new SignedIn(linked.get(), returnTo, false);
        }
        if (settings.role() == null) {
            throw new Refused(403, "user_unknown", "This person has no account here (WARDEN_OIDC_ROLE=none)");
        }
        String base = baseName(claims);
        for (int attempt = 0; attempt < 5; attempt++) {
            String name = attempt == 0 ? base : base + "-" + Secrets.base62(6).toLowerCase(Locale.ROOT);
            // A password nobody knows: this person signs in through the provider.
            Optional<UserRecord> created = users.create(name, Passwords.hash(Secrets.base62(32)),
                    List.of(settings.role()), "user");
            if (created.isPresent()) {
                if (!identities.link(issuer, subject, created.get().id(), clock.millis())) {
                    // another first login of the same person won the race
                    return identities.username(issuer, subject).flatMap(users::byName)
                            .map(u -> new SignedIn(u, returnTo, false))
                            .orElseThrow(() -> new Refused(503, "store_unavailable", "Try again"));
                }
                return new SignedIn(created.get(), returnTo, true);
            }
        }
        throw new Refused(503, "store_unavailable", "No free user name for this person; try again");
    }

    /** A user name from the claims: {@code preferred_username}, else the e-mail's local part, else {@code sub}. */
    static String baseName(IDTokenClaimsSet claims) {
        String candidate = claims.getStringClaim("preferred_username");
        if (candidate == null && claims.getStringClaim("email") != null) {
            candidate = claims.getStringClaim("email").split("@")[0];
        }
        if (candidate == null) {
            candidate = "oidc-" + claims.getSubject().getValue();
        }
        String cleaned = candidate.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.@-]", "-").replaceAll("^[^a-z0-9]+", "");
        if (cleaned.length() < 2) {
            cleaned = "oidc-" + cleaned;
        }
        return cleaned.length() > 48 ? cleaned.substring(0, 48) : cleaned;
    }

    /** Discovery, once; a failure is retried on the next sign-in. */
    private Provider provider() throws Refused {
        Provider current = provider;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (provider == null) {
                try {
                    Issuer issuer = new Issuer(settings.issuer());
                    OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(issuer, TIMEOUT_MILLIS,
                            TIMEOUT_MILLIS);
                    if (!issuer.equals(metadata.getIssuer())) {
                        throw new com.nimbusds.oauth2.sdk.GeneralException("the discovery document names issuer "
                                + metadata.getIssuer());
                    }
                    JWSAlgorithm algorithm = metadata.getIDTokenJWSAlgs() == null
                            || metadata.getIDTokenJWSAlgs().contains(JWSAlgorithm.RS256) ? JWSAlgorithm.RS256
                            : metadata.getIDTokenJWSAlgs().get(0);
                    JWKSource<SecurityContext> jwks = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL())
                            .retrying(true).build();
                    provider = new Provider(metadata, new JWSVerificationKeySelector<>(algorithm, jwks));
                } catch (IOException | com.nimbusds.oauth2.sdk.GeneralException e) {
                    LOG.warning("OIDC: the provider " + settings.issuer() + " cannot be discovered: " + e.getMessage());
                    throw new Refused(503, "provider_unavailable", "The OpenID provider cannot be reached");
                }
            }
            return provider;
        }
    }
}
