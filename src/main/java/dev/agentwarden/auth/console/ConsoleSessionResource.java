package dev.agentwarden.auth.console;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.auth.WardenAuthenticationMechanism;
import dev.agentwarden.auth.basic.UserIdentityStore;
import dev.agentwarden.auth.jwt.TokenGrants;
import dev.agentwarden.auth.jwt.TokenRequest;
import dev.agentwarden.auth.jwt.TokenResource;
import dev.agentwarden.auth.oidc.OidcLogin;
import dev.agentwarden.authz.WardenPrincipal;
import dev.agentwarden.console.ConsoleSession;
import dev.agentwarden.console.ConsoleSessions;
import dev.agentwarden.http.ClientInfo;
import dev.agentwarden.http.SecurityHeaders;
import dev.agentwarden.json.Json;
import dev.agentwarden.problem.Problem;
import dev.agentwarden.ratelimit.RateLimitStore;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/console/session}: the console's sign-in ({@code POST}: user name, password and, with MFA on, a code →
 * the session cookie and the CSRF token), who is signed in ({@code GET}: the same answer, for a console page that was
 * reloaded) and sign-out ({@code DELETE}). The path is public, so each method reads the cookie itself; the rest of
 * {@code /api} takes the cookie in the authentication mechanism. Passwords and codes are checked as for
 * {@code POST /api/auth/token} (the same grant, the same attempt limit); only people's accounts sign in here.
 */
@Path("api/console/session")
@ApplicationScoped
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleSessionResource {

    private static final String CHALLENGE = "Bearer realm=\"" + WardenAuthenticationMechanism.REALM + "\"";

    private TokenGrants grants;
    private ConsoleSessions sessions;
    private RateLimitStore limits;
    private SecurityLog securityLog;
    private ClientInfo clients;
    private Clock clock;
    private OidcLogin oidc;

    @Inject
    public ConsoleSessionResource(TokenGrants grants, ConsoleSessions sessions, RateLimitStore limits,
            SecurityLog securityLog, ClientInfo clients, Clock clock, OidcLogin oidc) {
        this.oidc = oidc;
        this.grants = grants;
        this.sessions = sessions;
        this.limits = limits;
        this.securityLog = securityLog;
        this.clients = clients;
        this.clock = clock;
    }

    /** For CDI proxies only. */
    public ConsoleSessionResource() {
    }

    /** {@code {"username", "password", "mfa_code"?}}. */
    public record SignIn(String username, String password, String mfaCode) {

        @Override
        public String toString() {
            return "SignIn[username=" + username + "]";
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signIn(SignIn body, @Context HttpServletRequest http) {
        return start(body == null ? new SignIn(null, null, null) : body, http);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signInForm(MultivaluedMap<String, String> form, @Context HttpServletRequest http) {
        return start(new SignIn(form.getFirst("username"), form.getFirst("password"), form.getFirst("mfa_code")), http);
    }

    @GET
    public Response current(@Context HttpServletRequest http) {
        String id = ConsoleSessions.sessionId(http);
        Optional<ConsoleSession> session = sessions.use(id);
        if (session.isEmpty()) {
            // oidc: whether the sign-in page offers "Sign in with your identity provider"
            return Response.fromResponse(Problem.of(401, id == null ? "invalid_credentials" : "session_expired",
                    id == null ? "Not signed in" : "The console session has ended: sign in again",
                    Map.of("oidc", oidc.enabled())))
                    .header("WWW-Authenticate", CHALLENGE).build();
        }
        return view(session.get(), 200).build();
    }

    @DELETE
    public Response signOut(@Context HttpServletRequest http) {
        String id = ConsoleSessions.sessionId(http);
        Optional<ConsoleSession> session = sessions.use(id);
        if (session.isPresent()) {
            if (!ConsoleSessions.csrfMatches(session.get(), http.getHeader(ConsoleSessions.CSRF_HEADER))) {
                return Problem.of(403, "csrf_invalid", "Signing out needs the session's X-CSRF-Token");
            }
            sessions.end(id);
            securityLog.record("console.logout", null, clients.clientAddress(http),
                    Map.of("username", session.get().principal().getName()));
        }
        return Response.noContent().header("Set-Cookie", ConsoleSessions.clearedCookie(http, https(http))).build();
    }

    private Response start(SignIn body, HttpServletRequest http) {
        if ("cross-site".equals(http.getHeader("Sec-Fetch-Site"))) {
            // A sign-in form posted from another site would sign the victim into the attacker's account.
            return Problem.of(403, "csrf_invalid", "Sign in from the console itself");
        }
        TokenRequest request = TokenRequest.validated(new TokenRequest(TokenRequest.PASSWORD, body.username(),
                body.password(), body.mfaCode(), null, null, null));
        String peer = clients.clientAddress(http);
        RateLimitStore.Probe probe = limits.tryConsume(TokenResource.attemptKey(request.account(), peer),
                TokenResource.ATTEMPTS, TokenResource.WINDOW);
        if (!probe.allowed()) {
            securityLog.record("rate_limited", null, peer, fields(request.account(), "rate_limited"));
            return Response.fromResponse(Problem.of(429, "rate_limited", "Too many attempts; try again later"))
                    .header("Retry-After", probe.resetSeconds()).build();
        }
        TokenGrants.Outcome outcome = grants.check(request, peer);
        if (!outcome.granted()) {
            securityLog.record("auth.failed", null, peer, fields(request.account(), outcome.refusal()));
            if (TokenGrants.RATE_LIMITED.equals(outcome.refusal())) {
                return Response.fromResponse(Problem.of(429, "rate_limited", "Too many wrong codes; try again later"))
                        .header("Retry-After", outcome.retryAfterSeconds()).build();
            }
            String detail = switch (outcome.refusal()) {
                case TokenGrants.MFA_REQUIRED -> "This account requires a second factor: enter the code of your"
                        + " authenticator app";
                case TokenGrants.MFA_INVALID -> "The code is not valid";
                default -> "The user name or password is not valid";
            };
            return Response.fromResponse(Problem.of(401, outcome.refusal(), detail))
                    .header("WWW-Authenticate", CHALLENGE).build();
        }
        WardenPrincipal principal = UserIdentityStore.principal(outcome.account(),
                outcome.mfa() ? clock.instant() : null);
        sessions.end(ConsoleSessions.sessionId(http)); // the browser's previous session, if any, ends here
        ConsoleSessions.Started started = sessions.start(principal);
        securityLog.record("console.login", null, peer, Map.of("username", principal.getName(), "mfa",
                outcome.mfa()));
        return view(started.session(), 201)
                .header("Set-Cookie", ConsoleSessions.cookie(http, started.id(), https(http)))
                .build();
    }

    private boolean https(HttpServletRequest http) {
        return SecurityHeaders.isHttps(http, clients);
    }

    /** Who is signed in and the CSRF token; never the session id (that stays in the HttpOnly cookie). */
    private static Response.ResponseBuilder view(ConsoleSession session, int status) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("username", session.principal().getName());
        view.put("roles", List.copyOf(session.principal().roles()));
        view.put("mfa", session.principal().mfa());
        view.put("csrf_token", session.csrfToken());
        view.put("idle_timeout", ConsoleSessions.IDLE_TIMEOUT.toSeconds());
        return Response.status(status).entity(Json.writeBytes(view)).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store");
    }

    private static Map<String, Object> fields(String username, String reason) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("scheme", "console");
        fields.put("username", username);
        fields.put("reason", reason);
        return fields;
    }
}
