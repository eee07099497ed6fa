package dev.agentwarden.auth.oidc;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.auth.basic.UserIdentityStore;
import dev.agentwarden.auth.jwt.JwtService;
import dev.agentwarden.console.ConsoleSessions;
import dev.agentwarden.http.ClientInfo;
import dev.agentwarden.http.SecurityHeaders;
import dev.agentwarden.json.Json;
import dev.agentwarden.problem.Problem;
import dev.agentwarden.store.UserRecord;
import dev.agentwarden.swml.PublicUrls;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /api/auth/oauth2/authorize[?return_to=/console/]} → 302 to the OpenID provider;
 * {@code GET /api/auth/oauth2/callback?code&state} → the platform's own token ({@code {access_token, token_type,
 * expires_in}}), or, when the login began in the console ({@code return_to=/console/…}), a console session (its
 * cookie, as {@code POST /api/console/session} sets it) and 303 back to the console. Refusals (problem+json, 401
 * with a Bearer challenge): {@code oauth_state_invalid}, {@code oauth_code_invalid}, {@code token_invalid}; 403
 * {@code user_unknown}; 404 when no provider is configured. {@code return_to} must be a path on this server (no open
 * redirect).
 */
@Path("api/auth/oauth2")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class OidcResource {

    /** A path of this server: one leading slash, no scheme, no host, no backslash, no control character. */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[^\\\\\\p{Cntrl}]{0,512}");

    private OidcLogin login;
    private JwtService jwts;
    private PublicUrls urls;
    private SecurityLog securityLog;
    private ClientInfo clients;
    private HttpServletRequest request;
    private ConsoleSessions consoleSessions;

    @Inject
    public OidcResource(OidcLogin login, JwtService jwts, PublicUrls urls, SecurityLog securityLog,
            ClientInfo clients, HttpServletRequest request, ConsoleSessions consoleSessions) {
        this.consoleSessions = consoleSessions;
        this.login = login;
        this.jwts = jwts;
        this.urls = urls;
        this.securityLog = securityLog;
        this.clients = clients;
        this.request = request;
    }

    /** For CDI proxies only. */
    public OidcResource() {
    }

    @GET
    @Path("authorize")
    @PermitAll
    public Response authorize(@QueryParam("return_to") String returnTo) {
        if (!login.enabled()) {
            return Problem.of(404, "not_found", "Sign-in through an OpenID provider is not configured");
        }
        if (returnTo != null && !isLocalPath(returnTo)) {
            return Problem.of(400, "validation_failed", "return_to must be a path on this server",
                    Map.of("errors", List.of(Map.of("pointer", "/return_to", "detail", "must be a path on this "
                            + "server, such as /console/"))));
        }
        try {
            return Response.status(302).location(login.authorizationUrl(login.redirectUri(urls.base(request)),
                    returnTo)).build();
        } catch (OidcLogin.Refused e) {
            return refusal(e);
        }
    }

    @GET
    @Path("callback")
    @PermitAll
    public Response callback(@QueryParam("code") String code, @QueryParam("state") String state,
            @QueryParam("error") String error, @Context HttpServletRequest http) {
        if (!login.enabled()) {
            return Problem.of(404, "not_found", "Sign-in through an OpenID provider is not configured");
        }
        String peer = clients.clientAddress(http);
        OidcLogin.SignedIn signedIn;
        try {
            signedIn = login.callback(code, state, error, login.redirectUri(urls.base(http)));
        } catch (OidcLogin.Refused e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("scheme", "oidc");
            fields.put("reason", e.code());
            securityLog.record(e.status() == 503 ? "oidc.unavailable" : "auth.failed", null, peer, fields);
            return refusal(e);
        }
        UserRecord user = signedIn.user();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("scheme", "oidc");
        fields.put("principal", user.username());
        if (signedIn.created()) {
            fields.put("created", true);
        }
        securityLog.record("auth.success", null, peer, fields);
        if (isConsolePath(signedIn.returnTo())) {
            return console(user, signedIn.returnTo(), peer, http);
        }
        String token = jwts.issue(user.username(), user.roles(), List.of("oidc"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", jwts.ttlSeconds());
        return Response.ok(Json.writeBytes(answer)).header("Pragma", "no-cache").build();
    }

    /** A sign-in begun in the console: a console session, its cookie, and back to the console page. */
    private Response console(UserRecord user, String returnTo, String peer, HttpServletRequest http) {
        ConsoleSessions.Started started = consoleSessions.start(UserIdentityStore.principal(user, null));
        securityLog.record("console.login", null, peer, Map.of("username", user.username(), "mfa", false,
                "scheme", "oidc"));
        return Response.seeOther(URI.create(http.getContextPath() + returnTo))
                .header("Set-Cookie", ConsoleSessions.cookie(http, started.id(), SecurityHeaders.isHttps(http, clients)))
                .build();
    }

    /** Whether {@code returnTo} is a page of the console ({@code /console/}, with its hash route, if any). */
    static boolean isConsolePath(String returnTo) {
        return returnTo != null && (returnTo.equals("/console/") || returnTo.startsWith("/console/#"));
    }

    static boolean isLocalPath(String returnTo) {
        return LOCAL_PATH.matcher(returnTo).matches();
    }

    private static Response refusal(OidcLogin.Refused refused) {
        Response.ResponseBuilder response = Response.fromResponse(Problem.of(refused.status(), refused.code(),
                refused.getMessage()));
        if (refused.status() == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"agent-warden\"");
        }
        return response.build();
    }
}
