package dev.agentwarden.webhook;

import dev.agentwarden.agent.RegisteredAgent;
import dev.agentwarden.agent.WebhookEvent;
import dev.agentwarden.agentconfig.AgentControls;
import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.config.SwmlSettings;
import dev.agentwarden.http.ClientInfo;
import dev.agentwarden.json.Json;
import dev.agentwarden.problem.ApiException;
import dev.agentwarden.problem.Problem;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/agents/{agent}/webhook}: authenticated by its signature only (public to the authentication
 * mechanism). Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}, ids never
 * accepted twice) or the seed's {@code X-SwiftClaw-Signature} (hex HMAC of the raw body; replayable, so an agent can
 * require the former with {@code security.webhooks.requireTimestamp}). The body is parsed only once the signature
 * holds; the agent's {@link dev.agentwarden.agent.AgentBase#onWebhook} answers.
 */
@Path("api/agents/{agent}/webhook")
@ApplicationScoped
public class WebhookResource {

    private static final String CHALLENGE = "Signature realm=\"agent-warden\", "
            + "headers=\"webhook-id webhook-timestamp webhook-signature\"";

    private AgentControls controls;
    private WebhookSecrets secrets;
    private SecurityLog securityLog;
    private ClientInfo clients;
    private HttpServletRequest request;
    private Clock clock;
    private long maxSize;

    @Inject
    public WebhookResource(AgentControls controls, WebhookSecrets secrets, SecurityLog securityLog, ClientInfo clients,
            HttpServletRequest request, Clock clock, SwmlSettings settings) {
        this.controls = controls;
        this.secrets = secrets;
        this.securityLog = securityLog;
        this.clients = clients;
        this.request = request;
        this.clock = clock;
        this.maxSize = settings.maxRequestSize();
    }

    /** For CDI proxies only. */
    public WebhookResource() {
    }

    @POST
    @PermitAll
    public Response receive(@PathParam("agent") String name, @Context HttpHeaders headers, InputStream in)
            throws IOException {
        RegisteredAgent agent = controls.enabledAgent(name);
        if (agent == null) {
            throw ApiException.notFound("No such agent");
        }
        byte[] body = read(in);
        if (body == null) {
            return Problem.of(413, "payload_too_large", "The body is larger than the limit");
        }
        String refusal;
        String id = null;
        List<String> valid = secrets.valid(name);
        String standard = headers.getHeaderString(StandardWebhooks.HEADER_SIGNATURE);
        if (standard != null) {
            StandardWebhooks.Verification verification = valid.isEmpty() ? null : new StandardWebhooks(clock, valid)
                    .verify(headers.getHeaderString(StandardWebhooks.HEADER_ID),
                            headers.getHeaderString(StandardWebhooks.HEADER_TIMESTAMP), standard, body);
            refusal = verification == null ? "signature_invalid"
                    : verification.valid() ? null : verification.outcome().code();
            id = verification == null ? null : verification.id();
            if (refusal == null && !secrets.firstDelivery(name, id)) {
                refusal = "webhook_replayed";
            }
        } else {
            refusal = bare(name, headers.getHeaderString(SwiftClawSignature.HEADER), body, valid);
        }
        if (refusal != null) {
            securityLog.record("webhook.rejected", name, clients.clientAddress(request), Map.of("reason", refusal));
            return Response.fromResponse(Problem.of(401, refusal, detail(refusal)))
                    .header("WWW-Authenticate", CHALLENGE).build();
        }
        securityLog.record("webhook.accepted", name, clients.clientAddress(request),
                id == null ? Map.of("scheme", "swiftclaw") : Map.of("scheme", "standard", "webhook_id", id));
        Map<String, Object> answer = agent.agent().onWebhook(new WebhookEvent(id, lowerCase(headers), body,
                parse(body)));
        return answer == null ? Response.noContent().build()
                : Response.ok(Json.writeBytes(answer), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** The seed's bare HMAC: refused when missing, wrong, or when the agent requires timestamps. */
    private String bare(String agent, String signature, byte[] body, List<String> valid) {
        if (signature == null) {
            return "signature_missing";
        }
        if (controls.state(agent).document().security().webhooks().requireTimestamp()) {
            return "signature_missing";
        }
        for (String secret : valid) {
            if (new SwiftClawSignature(secret).verify(body, signature)) {
                return null;
            }
        }
        return "signature_invalid";
    }

    private static String detail(String code) {
        return switch (code) {
            case "signature_missing" -> "A webhook signature is required (Standard Webhooks headers, or "
                    + "X-SwiftClaw-Signature where the agent allows it)";
            case "timestamp_out_of_range" -> "The webhook timestamp is too far from the server's time";
            case "webhook_replayed" -> "This webhook id was already received";
            default -> "The webhook signature does not match";
        };
    }

    private byte[] read(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
            if (total > maxSize) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static Object parse(byte[] body) {
        try {
            return body.length == 0 ? null : Json.parse(body);
        } catch (Json.MalformedJsonException e) {
            return null;
        }
    }

    private static Map<String, List<String>> lowerCase(HttpHeaders headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
        return copy;
    }
}
