package dev.agentwarden.auth;

import dev.agentwarden.agentconfig.AgentConfigDocument;
import dev.agentwarden.agentconfig.AgentControls;
import dev.agentwarden.agentconfig.AgentState;
import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.auth.basic.AgentRouteCredential;
import dev.agentwarden.auth.basic.BasicCredentials;
import dev.agentwarden.auth.basic.UserCredential;
import dev.agentwarden.auth.apikey.ApiKeyCredential;
import dev.agentwarden.authz.WardenPrincipal;
import dev.agentwarden.auth.jwt.JwtCredential;
import dev.agentwarden.config.SwmlSettings;
import dev.agentwarden.console.ConsoleSession;
import dev.agentwarden.console.ConsoleSessions;
import dev.agentwarden.json.Json;
import dev.agentwarden.problem.Problem;
import dev.agentwarden.problem.ProblemBody;
import dev.agentwarden.http.ClientInfo;
import dev.agentwarden.http.SecurityHeaders;
import dev.agentwarden.route.RequestTarget;
import dev.agentwarden.route.RequestTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The application's one authentication mechanism (Jakarta Security 3 allows one): it picks the scheme by the part of
 * the application addressed. Agent routes take HTTP Basic against the SWML identity store; {@code /api} takes Bearer
 * (API keys and JWTs, told apart by form) or Basic (users), answering refusals as problem+json with a distinct
 * {@code code}, or, without an {@code Authorization} header, the console's session cookie ({@link ConsoleSessions}:
 * with its CSRF token on every state-changing request); the paths resources declare public ({@code @PermitAll}) and
 * the console's static files are open. Credentials go to the
 * {@link IdentityStoreHandler}; a refusal answers 401 with {@code WWW-Authenticate} and the SDK's
 * {@code {"error": "Unauthorized"}}.
 */
@ApplicationScoped
public class WardenAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The realm named in the Basic challenge. */
    public static final String REALM = "agent-warden";

    private static final byte[] HTTPS_REQUIRED = "{\"error\":\"HTTPS required\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] IP_NOT_ALLOWED = "{\"error\":\"IP address not allowed\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] UNAUTHORIZED = "{\"error\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
    /** The most of a refused request's body read before answering (a larger one is left to the container). */
    private static final long DRAIN_LIMIT = 1 << 20;

    private IdentityStoreHandler identityStores;
    private SecurityLog securityLog;
    private ClientInfo clients;
    private RequestTargets targets;
    private AgentControls controls;
    private ConsoleSessions consoleSessions;
    private boolean httpsOnly;
    private String proxyUrlBase;

    @Inject
    public WardenAuthenticationMechanism(IdentityStoreHandler identityStores, SecurityLog securityLog,
            ClientInfo clients, RequestTargets targets, AgentControls controls, ConsoleSessions consoleSessions,
            SwmlSettings settings) {
        this.identityStores = identityStores;
        this.securityLog = securityLog;
        this.clients = clients;
        this.targets = targets;
        this.controls = controls;
        this.consoleSessions = consoleSessions;
        this.httpsOnly = settings.sslEnabled();
        this.proxyUrlBase = settings.proxyUrlBase();
    }

    /** For CDI proxies only. */
    protected WardenAuthenticationMechanism() {
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        RequestTarget target = targets.of(request);
        if (httpsOnly && target.part() != RequestTarget.Part.PUBLIC && !SecurityHeaders.isHttps(request, clients)) {
            return refuseHttp(request, response, target);
        }
        if (target.part() != RequestTarget.Part.PUBLIC && target.agentName() != null) {
            AuthenticationStatus refused = agentControls(request, response, target);
            if (refused != null) {
                return refused;
            }
        }
        return switch (target.part()) {
            case PUBLIC, CONSOLE -> context.doNothing();
            case API -> api(request, response, context);
            case AGENT -> basic(request, response, context);
        };
    }

    /**
     * The addressed agent's own controls, before any credential is read (no password oracle for outsiders): its IP
     * whitelist, then {@code enforceHttps}; on HTTPS its {@code hsts} header. {@code null} when the request may go on.
     * The agent's config document itself ({@code /api/agents/{agent}}) is exempt, so an administrator can always
     * switch the controls off again and cannot lock everyone out. Per request: a map lookup, and a trie lookup when
     * the whitelist is on (the matcher is built when the config changes).
     */
    private AuthenticationStatus agentControls(HttpServletRequest request, HttpServletResponse response,
            RequestTarget target) {
        if (target.part() == RequestTarget.Part.API && isAgentDocument(target.path())) {
            return null;
        }
        AgentState state = controls.state(target.agentName());
        AgentConfigDocument.Security security = state.document().security();
        if (security.ipWhitelist().enabled() && !state.whitelist().contains(clients.clientAddress(request))) {
            return refuseIp(request, response, target);
        }
        if (!security.enforceHttps() && !security.hsts().enabled()) {
            return null;
        }
        boolean https = SecurityHeaders.isHttps(request, clients);
        if (!https && security.enforceHttps()) {
            return requireHttps(request, response, target);
        }
        if (https && security.hsts().enabled()) {
            String hsts = security.hsts().headerValue();
            request.setAttribute(SecurityHeaders.HSTS_ATTRIBUTE, hsts);
            response.setHeader("Strict-Transport-Security", hsts);
        }
        return null;
    }

    /** Whether {@code path} is {@code /api/agents/{agent}} itself (with or without a trailing slash). */
    private static boolean isAgentDocument(String path) {
        int slash = path.indexOf('/', "/api/agents/".length());
        return slash < 0 || slash == path.length() - 1;
    }

    private AuthenticationStatus refuseIp(HttpServletRequest request, HttpServletResponse response,
            RequestTarget target) {
        securityLog.record("ip.denied", target.agentName(), clients.clientAddress(request),
                Map.of("path", target.path()));
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        SecurityHeaders.apply(response, SecurityHeaders.isHttps(request, clients));
        return target.part() == RequestTarget.Part.API
                ? send(request, response, Problem.MEDIA_TYPE, Json.writeBytes(ProblemBody.of(403, "ip_not_allowed",
                        "Requests from this IP address are not allowed for this agent")))
                : send(request, response, "application/json", IP_NOT_ALLOWED);
    }

    /**
     * The agent's {@code enforceHttps} on a plain-HTTP request: GET and HEAD are sent to the same URL over HTTPS (308),
     * anything else is refused (a redirected POST would already have sent its body and credentials in clear).
     */
    private AuthenticationStatus requireHttps(HttpServletRequest request, HttpServletResponse response,
            RequestTarget target) {
        String method = request.getMethod();
        String location = "GET".equals(method) || "HEAD".equals(method)
                ? HttpsRedirect.location(request, clients, proxyUrlBase) : null;
        if (location == null) {
            return refuseHttp(request, response, target);
        }
        securityLog.record("https.required", target.agentName(), clients.clientAddress(request),
                Map.of("path", target.path(), "redirect", true));
        response.setStatus(308);
        response.setHeader("Location", location);
        SecurityHeaders.apply(response, false);
        return send(request, response, "application/json", new byte[0]);
    }

    /** {@code /api}: Bearer (API key or JWT, told apart by form), Basic (users), else the console's cookie. */
    private AuthenticationStatus api(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            String consoleSession = ConsoleSessions.sessionId(request);
            if (consoleSession != null) {
                return console(request, response, context, consoleSession);
            }
            return refuseApi(request, response, "invalid_credentials", "Authentication is required", false,
                    Map.of("reason", "missing"));
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            RefusableCredential credential = ApiKeyCredential.looksLikeKey(token) ? new ApiKeyCredential(token)
                    : new JwtCredential(token);
            return validateApi(request, response, context, credential, "bearer");
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                BasicCredentials basic = BasicCredentials.parse(header);
                return validateApi(request, response, context, new UserCredential(basic.user(), basic.password(),
                        request.getHeader("X-MFA-Code"), clients.clientAddress(request)), "basic");
            } catch (BasicCredentials.InvalidHeaderException e) {
                return refuseApi(request, response, "invalid_credentials", "Malformed Basic credentials", false,
                        Map.of("reason", "malformed", "scheme", "basic"));
            }
        }
        return refuseApi(request, response, "invalid_credentials", "Use a Bearer token or Basic credentials", false,
                Map.of("reason", "wrong_scheme"));
    }

    private AuthenticationStatus validateApi(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, Credential credential, String scheme) {
        CredentialValidationResult result = identityStores.validate(credential);
        String peer = clients.clientAddress(request);
        if (result.getStatus() != CredentialValidationResult.Status.VALID
                || !(result.getCallerPrincipal() instanceof WardenPrincipal principal)) {
            String code = credential instanceof RefusableCredential r ? r.refusal() : "invalid_credentials";
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("reason", code);
            fields.put("scheme", scheme);
            fields.put("credential", describe(credential));
            if ("rate_limited".equals(code)) {
                return tooManyCodes(request, response, ((RefusableCredential) credential).retryAfterSeconds(), fields);
            }
            return refuseApi(request, response, code, detail(code), "bearer".equals(scheme), fields);
        }
        String agent = agentOf(principal);
        securityLog.record("auth.success", agent != null ? agent : targetAgent(request), peer,
                Map.of("scheme", scheme, "principal", principal.getName()));
        request.setAttribute(WardenPrincipal.ATTRIBUTE, principal);
        return context.notifyContainerAboutLogin(principal, principal.roles());
    }

    /**
     * The console's session cookie, taken only when no {@code Authorization} header came: a live session, and on a
     * state-changing request its CSRF token in {@code X-CSRF-Token} (403 {@code csrf_invalid} otherwise: the browser
     * sends the cookie, but a page of another site cannot set the header).
     */
    private AuthenticationStatus console(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context, String sessionId) {
        Optional<ConsoleSession> session = consoleSessions.use(sessionId);
        if (session.isEmpty()) {
            return refuseApi(request, response, "session_expired", "The console session has ended: sign in again",
                    false, Map.of("reason", "session_expired", "scheme", "console"));
        }
        WardenPrincipal principal = session.get().principal();
        if (!ConsoleSessions.isSafe(request.getMethod())
                && !ConsoleSessions.csrfMatches(session.get(), request.getHeader(ConsoleSessions.CSRF_HEADER))) {
            securityLog.record("auth.failed", targetAgent(request), clients.clientAddress(request),
                    Map.of("reason", "csrf_invalid", "scheme", "console", "principal", principal.getName()));
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            SecurityHeaders.apply(request, response, SecurityHeaders.isHttps(request, clients));
            return send(request, response, Problem.MEDIA_TYPE, Json.writeBytes(ProblemBody.of(403, "csrf_invalid",
                    "A console request that changes something must carry the session's X-CSRF-Token")));
        }
        if (securityLog.isLogged("auth.success")) {
            // Logged, not stored: the sign-in is in the audit store (console.login), and a page view makes several
            // requests, which would bury every other event under rows that say the same.
            securityLog.logOnly("auth.success", targetAgent(request), clients.clientAddress(request),
                    Map.of("scheme", "console", "principal", principal.getName()));
        }
        request.setAttribute(WardenPrincipal.ATTRIBUTE, principal);
        return context.notifyContainerAboutLogin(principal, principal.roles());
    }

    /** The agent the request concerns, for the audit trail, or {@code null}. */
    private String targetAgent(HttpServletRequest request) {
        return targets.of(request).agentName();
    }

    /** For the log: a key's prefix or a user name, never the secret. */
    private static String describe(Credential credential) {
        if (credential instanceof ApiKeyCredential key) {
            return key.toString();
        }
        if (credential instanceof UserCredential user) {
            return "user:" + user.username();
        }
        return "jwt";
    }

    private static String agentOf(WardenPrincipal principal) {
        return principal.kind() == WardenPrincipal.Kind.API_KEY ? principal.permissions().stream()
                .filter(p -> p.startsWith("agents:use_agent:")).map(p -> p.substring(17)).findFirst().orElse(null)
                : null;
    }

    private static String detail(String code) {
        return switch (code) {
            case "api_key_revoked" -> "The API key has been revoked";
            case "api_key_expired" -> "The API key has expired";
            case "token_expired" -> "The token has expired";
            case "token_invalid" -> "The token is invalid";
            case "mfa_required" -> "This account requires a second factor: send a code in X-MFA-Code";
            case "mfa_invalid" -> "The code in X-MFA-Code is not valid";
            default -> "The credentials are not valid";
        };
    }

    private AuthenticationStatus refuseApi(HttpServletRequest request, HttpServletResponse response, String code,
            String detail, boolean tokenSent, Map<String, Object> fields) {
        securityLog.record("auth.failed", targetAgent(request), clients.clientAddress(request), fields);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", tokenSent
                ? "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"" + detail + "\""
                : "Bearer realm=\"" + REALM + "\"");
        SecurityHeaders.apply(request, response, SecurityHeaders.isHttps(request, clients));
        return send(request, response, Problem.MEDIA_TYPE, Json.writeBytes(ProblemBody.of(401, code, detail)));
    }

    /** A user's second factor refused too often lately: 429, as for every other limit. */
    private AuthenticationStatus tooManyCodes(HttpServletRequest request, HttpServletResponse response,
            long retryAfterSeconds, Map<String, Object> fields) {
        securityLog.record("auth.failed", targetAgent(request), clients.clientAddress(request), fields);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
        SecurityHeaders.apply(request, response, SecurityHeaders.isHttps(request, clients));
        return send(request, response, Problem.MEDIA_TYPE, Json.writeBytes(ProblemBody.of(429, "rate_limited",
                "Too many wrong codes; try again later")));
    }

    private AuthenticationStatus basic(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        BasicCredentials credentials;
        try {
            credentials = BasicCredentials.parse(request.getHeader("Authorization"));
        } catch (BasicCredentials.InvalidHeaderException e) {
            return refuse(request, response, Map.of("reason", e.problem().name().toLowerCase(), "scheme", "basic"));
        }
        CredentialValidationResult result = identityStores.validate(new AgentRouteCredential(credentials));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return refuse(request, response,
                    Map.of("reason", "invalid_credentials", "scheme", "basic", "username", credentials.user()));
        }
        if (securityLog.isLogged("auth.success")) {
            securityLog.logOnly("auth.success", targetAgent(request), clients.clientAddress(request),
                    Map.of("scheme", "basic", "username", result.getCallerPrincipal().getName()));
        }
        return context.notifyContainerAboutLogin(result.getCallerPrincipal(), result.getCallerGroups());
    }

    /**
     * With {@code SWML_SSL_ENABLED}, credentials must never travel in clear: a plain-HTTP request (an HTTP listener the
     * operator left open, or a proxy that says {@code http}) is refused before its credentials are even read.
     */
    private AuthenticationStatus refuseHttp(HttpServletRequest request, HttpServletResponse response,
            RequestTarget target) {
        securityLog.record("https.required", target.agentName(), clients.clientAddress(request),
                Map.of("path", target.path()));
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        SecurityHeaders.apply(response, false);
        return target.part() == RequestTarget.Part.API
                ? send(request, response, Problem.MEDIA_TYPE,
                        Json.writeBytes(ProblemBody.of(403, "https_required", "Use HTTPS")))
                : send(request, response, "application/json", HTTPS_REQUIRED);
    }

    private AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response,
            Map<String, Object> fields) {
        securityLog.record("auth.failed", targetAgent(request), clients.clientAddress(request), fields);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        SecurityHeaders.apply(request, response, SecurityHeaders.isHttps(request, clients));
        return send(request, response, "application/json", UNAUTHORIZED);
    }

    /**
     * Ends the exchange with {@code body}: the request body read (up to {@link #DRAIN_LIMIT}), the response sent. A
     * container that finds the exchange unfinished after a failed authentication turns it into {@code sendError}
     * (Undertow on WildFly), which would replace this body with its HTML error page.
     */
    private static AuthenticationStatus send(HttpServletRequest request, HttpServletResponse response,
            String contentType, byte[] body) {
        response.setContentType(contentType);
        response.setContentLength(body.length);
        try {
            InputStream in = request.getInputStream();
            byte[] buffer = new byte[8192];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
                left -= n;
            }
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            // The client went away; the status is all that matters.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
