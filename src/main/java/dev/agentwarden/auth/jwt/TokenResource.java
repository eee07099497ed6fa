package dev.agentwarden.auth.jwt;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.auth.WardenAuthenticationMechanism;
import dev.agentwarden.problem.Problem;
import dev.agentwarden.ratelimit.RateLimitStore;
import dev.agentwarden.store.UserRecord;
import dev.agentwarden.http.ClientInfo;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/auth/token} (public): exchanges a user's password ({@code password} grant) or a service account's
 * client credentials ({@code client_credentials}, by HTTP Basic or fields) for a JWT, form-encoded as RFC 6749 has it
 * or as JSON. Attempts are limited per account name (or client id) and client address, before any secret is checked.
 * The client-credentials refusals use RFC 6749 §5.2's codes ({@code invalid_request}, {@code invalid_client},
 * {@code invalid_scope}) as the problem's {@code code}, repeated as {@code error} for OAuth client libraries.
 */
@Path("api/auth/token")
@ApplicationScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    /**
     * Attempts per account name and client address per {@link #WINDOW}, counted under {@link #attemptKey} (shared with
     * the console's sign-in, so two doors give no more guesses than one).
     */
    public static final int ATTEMPTS = 10;
    public static final Duration WINDOW = Duration.ofMinutes(1);

    private static final String CHALLENGE = "Bearer realm=\"" + WardenAuthenticationMechanism.REALM + "\"";
    private static final String BASIC_CHALLENGE = "Basic realm=\"" + WardenAuthenticationMechanism.REALM + "\"";

    private TokenGrants grants;
    private ClientCredentialsGrant clientGrant;
    private JwtService jwts;
    private RateLimitStore limits;
    private SecurityLog securityLog;
    private ClientInfo clients;

    @Inject
    public TokenResource(TokenGrants grants, ClientCredentialsGrant clientGrant, JwtService jwts,
            RateLimitStore limits, SecurityLog securityLog, ClientInfo clients) {
        this.grants = grants;
        this.clientGrant = clientGrant;
        this.jwts = jwts;
        this.limits = limits;
        this.securityLog = securityLog;
        this.clients = clients;
    }

    /** For CDI proxies only. */
    public TokenResource() {
    }

    /** The RFC 6749 §5.1 answer. */
    public record TokenResponse(String accessToken, String tokenType, long expiresIn) {
    }

    /** The RFC 6749 §5.1 answer to {@code client_credentials}: with the permissions granted, space-separated. */
    public record ClientTokenResponse(String accessToken, String tokenType, long expiresIn, String scope) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response form(MultivaluedMap<String, String> form, @Context HttpServletRequest http) {
        return token(TokenRequest.fromForm(form), http);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response json(TokenRequest body, @Context HttpServletRequest http) {
        return token(body, http);
    }

    private Response token(TokenRequest body, HttpServletRequest http) {
        TokenRequest request = TokenRequest.validated(body);
        String peer = clients.clientAddress(http);
        if (!request.isPasswordGrant()) {
            return clientCredentials(request, http.getHeader("Authorization"), peer);
        }
        Response limited = limited(request.account(), peer, fields(request, "rate_limited"));
        if (limited != null) {
            return limited;
        }
        TokenGrants.Outcome outcome = grants.check(request, peer);
        if (!outcome.granted()) {
            securityLog.record("auth.failed", null, peer, fields(request, outcome.refusal()));
            if (TokenGrants.RATE_LIMITED.equals(outcome.refusal())) {
                return Response.fromResponse(Problem.of(429, "rate_limited", "Too many wrong codes; try again later"))
                        .header("Retry-After", outcome.retryAfterSeconds()).build();
            }
            String detail = switch (outcome.refusal()) {
                case TokenGrants.MFA_REQUIRED -> "This account requires a second factor: send mfa_code";
                case TokenGrants.MFA_INVALID -> "The code is not valid";
                default -> "The credentials are not valid";
            };
            return Response.fromResponse(Problem.of(401, outcome.refusal(), detail))
                    .header("WWW-Authenticate", CHALLENGE).build();
        }
        UserRecord account = outcome.account();
        String token = jwts.issue(account.username(), account.roles(),
                outcome.mfa() ? List.of("pwd", "otp", "mfa") : List.of("pwd"));
        securityLog.record("auth.success", null, peer, fields(request, null));
        return issued(new TokenResponse(token, "Bearer", jwts.ttlSeconds()));
    }

    /** The answer carrying a token: never cached (RFC 6749 §5.1). */
    private static Response issued(Object body) {
        return Response.ok(body).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }

    /** 429 once {@code account} from {@code peer} has used its attempts, else {@code null} (the attempt counted). */
    private Response limited(String account, String peer, Map<String, Object> fields) {
        RateLimitStore.Probe probe = limits.tryConsume(attemptKey(account, peer), ATTEMPTS, WINDOW);
        if (probe.allowed()) {
            return null;
        }
        securityLog.record("rate_limited", null, peer, fields);
        return Response.fromResponse(Problem.of(429, "rate_limited", "Too many attempts; try again later"))
                .header("Retry-After", probe.resetSeconds())
                .header("RateLimit-Limit", probe.limit())
                .header("RateLimit-Remaining", 0)
                .header("RateLimit-Reset", probe.resetSeconds())
                .build();
    }

    /** The rate-limit key of a sign-in attempt for {@code account} from {@code peer}. */
    public static String attemptKey(String account, String peer) {
        return "token|" + account + "|" + peer;
    }

    /** {@code client_credentials}: a service account's token, with its permissions (or the scope's, fewer). */
    private Response clientCredentials(TokenRequest request, String authorization, String peer) {
        ClientAuthentication client;
        try {
            client = ClientAuthentication.read(authorization, request.clientId(), request.clientSecret());
        } catch (ClientAuthentication.Refused e) {
            securityLog.record("auth.failed", null, peer, clientFields(request.clientId(), e.code()));
            return oauthError(ClientAuthentication.INVALID_REQUEST.equals(e.code()) ? 400 : 401, e.code(),
                    e.getMessage(), e.basic());
        }
        Response limited = limited(client.clientId(), peer, clientFields(client.clientId(), "rate_limited"));
        if (limited != null) {
            return limited;
        }
        ClientCredentialsGrant.Outcome outcome = clientGrant.check(client, request.scope());
        if (!outcome.granted()) {
            securityLog.record("auth.failed", null, peer, clientFields(client.clientId(), outcome.refusal()));
            return ClientCredentialsGrant.INVALID_SCOPE.equals(outcome.refusal())
                    ? oauthError(400, outcome.refusal(), "The scope asks for a permission the account does not hold",
                            false)
                    : oauthError(401, outcome.refusal(), "The client credentials are not valid", client.basic());
        }
        String token = jwts.issueService(outcome.account().name(), client.clientId(), outcome.permissions());
        Map<String, Object> fields = clientFields(client.clientId(), null);
        fields.put("account", outcome.account().name());
        securityLog.record("auth.success", null, peer, fields);
        return issued(new ClientTokenResponse(token, "Bearer", jwts.ttlSeconds(),
                String.join(" ", outcome.permissions())));
    }

    /**
     * An RFC 6749 §5.2 refusal as problem+json, {@code error} beside {@code code}; a 401 challenges Basic when the
     * client used it (or sent nothing), else Bearer as the rest of this endpoint.
     */
    private static Response oauthError(int status, String code, String detail, boolean basic) {
        Response.ResponseBuilder response = Response.fromResponse(Problem.of(status, code, detail,
                Map.of("error", code)));
        if (status == 401) {
            response.header("WWW-Authenticate", basic ? BASIC_CHALLENGE : CHALLENGE);
        }
        return response.build();
    }

    private static Map<String, Object> clientFields(String clientId, String reason) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("scheme", "token");
        fields.put("grant_type", TokenRequest.CLIENT_CREDENTIALS);
        if (clientId != null) {
            fields.put("client_id", clientId.length() > 64 ? clientId.substring(0, 64) : clientId);
        }
        if (reason != null) {
            fields.put("reason", reason);
        }
        return fields;
    }

    /** What the log says about an attempt: the grant and the account name, never the secret. */
    private static Map<String, Object> fields(TokenRequest request, String reason) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("scheme", "token");
        fields.put("grant_type", request.grantType());
        fields.put(request.isPasswordGrant() ? "username" : "client_id", request.account());
        if (reason != null) {
            fields.put("reason", reason);
        }
        return fields;
    }
}
