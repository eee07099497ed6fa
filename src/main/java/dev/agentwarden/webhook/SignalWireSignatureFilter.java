package dev.agentwarden.webhook;

import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.http.ClientInfo;
import dev.agentwarden.http.JsonBody;
import dev.agentwarden.http.JsonBodyFilter;
import dev.agentwarden.problem.AgentError;
import dev.agentwarden.route.RequestTargets;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * With {@code SIGNALWIRE_SIGNING_KEY} set, every POST to an agent route (SWML, SWAIG, post_prompt: the methods that
 * take a JSON body) must carry SignalWire's signature ({@code X-SignalWire-Signature}) over the URL the platform posted
 * to and the exact body, in addition to Basic auth and the function token; else 403 and the handler never runs. The
 * URL is rebuilt as the platform saw it: {@code SWML_PROXY_URL_BASE} + path, else a trusted proxy's
 * {@code X-Forwarded-Host}, else the request's own URL (shared/reference/signalwire/webhook_signatures.md §5).
 */
@Provider
@ApplicationScoped
@JsonBody
@Priority(SignalWireSignatureFilter.PRIORITY)
public class SignalWireSignatureFilter implements ContainerRequestFilter {

    /** After the body is read ({@link JsonBodyFilter#PRIORITY}), before the SWAIG call is resolved and charged. */
    public static final int PRIORITY = JsonBodyFilter.PRIORITY + 50;

    private SignalWireSignature signature;
    private String proxyBase;
    private ClientInfo clients;
    private SecurityLog securityLog;
    private RequestTargets targets;
    private HttpServletRequest request;

    @Inject
    public SignalWireSignatureFilter(Config config, ClientInfo clients, SecurityLog securityLog,
            RequestTargets targets, HttpServletRequest request) {
        String key = config.getOptionalValue("SIGNALWIRE_SIGNING_KEY", String.class).map(String::trim)
                .filter(k -> !k.isEmpty()).orElse(null);
        this.signature = key == null ? null : new SignalWireSignature(key);
        this.proxyBase = config.getOptionalValue("SWML_PROXY_URL_BASE", String.class).map(String::trim)
                .filter(b -> !b.isEmpty()).map(b -> b.replaceAll("/+$", "")).orElse(null);
        this.clients = clients;
        this.securityLog = securityLog;
        this.targets = targets;
        this.request = request;
    }

    /** For CDI proxies and the JAX-RS runtime's constructor check only (the instance comes from CDI). */
    public SignalWireSignatureFilter() {
    }

    @Override
    public void filter(ContainerRequestContext context) {
        if (signature == null || !"POST".equals(context.getMethod())) {
            return;
        }
        byte[] body = context.getProperty(JsonBodyFilter.RAW_BODY) instanceof byte[] raw ? raw : new byte[0];
        if (!signature.verifyRequest(context.getHeaders(), publicUrl(), body)) {
            // Which part failed is never said (the scheme's own rule): no oracle for forgers.
            securityLog.record("signalwire.signature_invalid", targets.of(request).agentName(),
                    clients.clientAddress(request), Map.of("path", targets.of(request).path()));
            context.abortWith(AgentError.of(Response.Status.FORBIDDEN, "Forbidden"));
        }
    }

    /** The URL the platform posted to, as it saw it. */
    String publicUrl() {
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        if (proxyBase != null) {
            return proxyBase + RequestTargets.path(request) + query;
        }
        String host = clients.forwardedHost(request);
        if (host != null) {
            String proto = clients.forwardedProto(request);
            return (proto == null ? "https" : proto) + "://" + host + request.getRequestURI() + query;
        }
        return request.getRequestURL() + query;
    }
}
