package dev.agentwarden.mfa;

import dev.agentwarden.authz.WardenPrincipal;
import dev.agentwarden.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides whether a caller has proven a second factor for an operation that requires one: a token (or Basic
 * sign-in) whose second factor is at most {@link #FRESHNESS} old, else a valid code in {@code X-MFA-Code}. The answer
 * is the refusal to send, or empty when the caller may go on.
 */
@ApplicationScoped
public class MfaProof {

    /** The header carrying a TOTP or recovery code. */
    public static final String HEADER = "X-MFA-Code";
    /** How long a token's second factor counts ({@code auth_time}). */
    public static final Duration FRESHNESS = Duration.ofMinutes(15);

    private Mfa mfa;
    private Clock clock;

    @Inject
    public MfaProof(Mfa mfa, Clock clock) {
        this.mfa = mfa;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    protected MfaProof() {
    }

    /** Empty when {@code principal} proved a second factor (fresh, or {@code code} now); else the refusal. */
    public Optional<Response> check(WardenPrincipal principal, String code, String peer) {
        if (principal == null) {
            return Optional.of(unauthorized("mfa_required", "A second factor is required", false));
        }
        boolean bearer = principal.kind() == WardenPrincipal.Kind.JWT;
        if (principal.kind() == WardenPrincipal.Kind.API_KEY || principal.kind() == WardenPrincipal.Kind.SERVICE
                || (bearer && !mfa.isUser(principal.getName()))) {
            return Optional.of(Problem.of(403, "mfa_required", "This operation requires MFA, which API keys and "
                    + "service accounts cannot provide; use a person's account"));
        }
        if (isFresh(principal)) {
            return Optional.empty();
        }
        return switch (mfa.verify(principal.getName(), code, peer)) {
            case VALID, RECOVERY -> Optional.empty();
            case MISSING -> Optional.of(unauthorized("mfa_required",
                    "This operation requires a second factor: send a code in " + HEADER, bearer));
            case NOT_ENROLLED -> Optional.of(unauthorized("mfa_required",
                    "This operation requires a second factor; enrol first (POST /api/me/mfa)", bearer));
            case INVALID -> Optional.of(unauthorized("mfa_invalid", "The code is not valid", bearer));
            case RATE_LIMITED -> Optional.of(rateLimited(principal.getName()));
        };
    }

    /** Whether the principal's second factor was proven within {@link #FRESHNESS}. */
    public boolean isFresh(WardenPrincipal principal) {
        return principal.mfa() && principal.mfaAt() != null
                && !principal.mfaAt().plus(FRESHNESS).isBefore(clock.instant());
    }

    /** 429 after too many wrong codes, with {@code Retry-After}. */
    public Response rateLimited(String username) {
        return Response.fromResponse(Problem.of(429, "rate_limited", "Too many wrong codes; try again later"))
                .header("Retry-After", mfa.retryAfterSeconds(username)).build();
    }

    /**
     * A 401 with its challenge; to a bearer token, RFC 9470's step-up error {@code insufficient_user_authentication}
     * with the {@code max_age} a token's second factor may have.
     */
    static Response unauthorized(String code, String detail, boolean bearer) {
        String challenge = bearer ? "Bearer realm=\"agent-warden\", error=\"insufficient_user_authentication\", "
                + "error_description=\"A second factor is required\", max_age=" + FRESHNESS.toSeconds()
                : "Bearer realm=\"agent-warden\"";
        return Response.fromResponse(Problem.of(401, code, detail)).header("WWW-Authenticate", challenge).build();
    }
}
