package dev.agentwarden.auth.jwt;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.auth.WardenAuthenticationMechanism;
import dev.agentwarden.mfa.Mfa;
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
 * secret ({@code client_credentials}) for a JWT, form-encoded as RFC 6749 has it or as JSON. Attempts are limited
 * per account name and client address, before any password is checked.
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

    private TokenGrants grants;
    private JwtService jwts;
    private RateLimitStore limits;
    private SecurityLog securityLog;
    private ClientInfo clients;

    @Inject
    public TokenResource(TokenGrants grants, JwtService jwts, RateLimitStore limits, SecurityLog securityLog,
            ClientInfo clients) {
        this.grants = grants;
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
        RateLimitStore.Probe probe = limits.tryConsume(attemptKey(request.account(), peer), ATTEMPTS, WINDOW);
        if (!probe.allowed()) {
            securityLog.record("rate_limited", null, peer, fields(request, "rate_limited"));
            return Response.fromResponse(Problem.of(429, "rate_limited", "Too many attempts; try again later"))
                    .header("Retry-After", probe.resetSeconds())
                    .header("RateLimit-Limit", probe.limit())
                    .header("RateLimit-Remaining", 0)
                    .header("RateLimit-Reset", probe.resetSeconds())
                    .build();
        }
        TokenGrants.Outcome outcome = grants.check(request, peer);
        if (!outcome.granted()) {
            securityLog.record("auth.failed", null, peer, fields(request, outcome.refusal()));
            if (TokenGrants.RATE_LIMITED.equals(outcome.refusal())) {
                return Response.fromResponse(Problem.of(429, "rate_limited", "Too many wrong codes; try again later"))
                        .header("Retry-After", Mfa.FAILURE_WINDOW.toSeconds()).build();
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
        return Response.ok(new TokenResponse(token, "Bearer", jwts.ttlSeconds()))
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    /** The rate-limit key of a sign-in attempt for {@code account} from {@code peer}. */
    public static String attemptKey(String account, String peer) {
        return "token|" + account + "|" + peer;
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
