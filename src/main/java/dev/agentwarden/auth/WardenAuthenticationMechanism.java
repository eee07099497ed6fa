package dev.agentwarden.auth;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.auth.basic.AgentRouteCredential;
import dev.agentwarden.auth.basic.BasicCredentials;
import dev.agentwarden.web.ClientInfo;
import dev.agentwarden.web.SecurityHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The application's one authentication mechanism (Jakarta Security 3 allows one): it picks the scheme by the part of
 * the application addressed. Agent routes take HTTP Basic against the SWML identity store; {@code /health} and
 * {@code /ready} are open. Credentials go to the {@link IdentityStoreHandler}; a refusal answers 401 with
 * {@code WWW-Authenticate} and the SDK's {@code {"error": "Unauthorized"}}.
 */
@ApplicationScoped
public class WardenAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** The realm named in the Basic challenge. */
    public static final String REALM = "agent-warden";

    private static final byte[] UNAUTHORIZED = "{\"error\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);

    private IdentityStoreHandler identityStores;
    private SecurityLog securityLog;
    private ClientInfo clients;

    @Inject
    public WardenAuthenticationMechanism(IdentityStoreHandler identityStores, SecurityLog securityLog,
            ClientInfo clients) {
        this.identityStores = identityStores;
        this.securityLog = securityLog;
        this.clients = clients;
    }

    /** For CDI proxies only. */
    protected WardenAuthenticationMechanism() {
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        return switch (AuthPaths.of(request)) {
            case PUBLIC, API -> context.doNothing();
            case AGENT -> basic(request, response, context);
        };
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
        securityLog.record("auth.success", null, clients.clientAddress(request),
                Map.of("scheme", "basic", "username", result.getCallerPrincipal().getName()));
        return context.notifyContainerAboutLogin(result.getCallerPrincipal(), result.getCallerGroups());
    }

    private AuthenticationStatus refuse(HttpServletRequest request, HttpServletResponse response,
            Map<String, Object> fields) {
        securityLog.record("auth.failed", null, clients.clientAddress(request), fields);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        SecurityHeaders.apply(response, SecurityHeaders.isHttps(request, clients));
        response.setContentType("application/json");
        response.setContentLength(UNAUTHORIZED.length);
        try {
            response.getOutputStream().write(UNAUTHORIZED);
        } catch (IOException e) {
            // The client went away; the status is all that matters.
        }
        return AuthenticationStatus.SEND_FAILURE;
    }
}
