package dev.agentwarden.mfa;

import dev.agentwarden.authz.RequiresAuthentication;
import dev.agentwarden.authz.WardenPrincipal;
import dev.agentwarden.http.ClientInfo;
import dev.agentwarden.json.Json;
import dev.agentwarden.problem.ApiException;
import dev.agentwarden.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/me/mfa}: a person enrols a TOTP authenticator ({@code POST}: seed, {@code otpauth://} URI and QR code,
 * shown once; nothing changes until confirmed), confirms it with a code ({@code POST …/confirm}: MFA on, 10 recovery
 * codes shown once), and turns it off with a second factor ({@code DELETE}: {@code X-MFA-Code}, or a sign-in whose
 * second factor is fresh). API keys and service accounts have no second factor: 403.
 */
@Path("api/me/mfa")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RequiresAuthentication
public class MfaResource {

    private Mfa mfa;
    private MfaProof proof;
    private ClientInfo clients;
    private HttpServletRequest request;

    @Inject
    public MfaResource(Mfa mfa, MfaProof proof, ClientInfo clients, HttpServletRequest request) {
        this.mfa = mfa;
        this.proof = proof;
        this.clients = clients;
        this.request = request;
    }

    /** For CDI proxies only. */
    public MfaResource() {
    }

    @POST
    public Response enrol(@Context SecurityContext caller) {
        String username = person(caller);
        Optional<Mfa.Enrolment> enrolment = mfa.enrol(username);
        if (enrolment.isEmpty()) {
            return Problem.of(409, "conflict", "MFA is already on for this account; turn it off first");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("secret", enrolment.get().secret());
        view.put("otpauth_uri", enrolment.get().otpauthUri());
        view.put("qr_png", enrolment.get().qrPng());
        return Response.status(201).entity(Json.writeBytes(view)).build();
    }

    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response confirm(byte[] body, @Context SecurityContext caller) {
        String username = person(caller);
        String code = code(body);
        Mfa.Confirmation confirmation = mfa.confirm(username, code, clients.clientAddress(request));
        if (confirmation.refusal() == null) {
            return Response.ok(Json.writeBytes(Map.of("recovery_codes", confirmation.recoveryCodes()))).build();
        }
        return switch (confirmation.refusal()) {
            case NOT_ENROLLED -> Problem.of(409, "conflict", "There is no enrolment to confirm: start with "
                    + "POST /api/me/mfa");
            case RATE_LIMITED -> proof.rateLimited(username);
            default -> Problem.of(400, "mfa_invalid", "The code is not valid");
        };
    }

    @DELETE
    public Response disable(@HeaderParam(MfaProof.HEADER) String code, @Context SecurityContext caller) {
        String username = person(caller);
        if (!mfa.enabled(username)) {
            throw ApiException.notFound("MFA is not on for this account");
        }
        Optional<Response> refused = proof.check((WardenPrincipal) caller.getUserPrincipal(), code,
                clients.clientAddress(request));
        if (refused.isPresent()) {
            return refused.get();
        }
        mfa.disable(username, username, clients.clientAddress(request));
        return Response.noContent().build();
    }

    /** The caller's user name, when the caller is a person's account (Basic, or a token of a user). */
    private String person(SecurityContext caller) {
        WardenPrincipal principal = caller.getUserPrincipal() instanceof WardenPrincipal p ? p : null;
        if (principal == null || principal.kind() == WardenPrincipal.Kind.API_KEY
                || principal.kind() == WardenPrincipal.Kind.SERVICE || !mfa.isUser(principal.getName())) {
            throw new ApiException(403, "forbidden", "Only a person's account has a second factor");
        }
        return principal.getName();
    }

    private static String code(byte[] body) {
        Object parsed;
        try {
            parsed = body == null || body.length == 0 ? null : Json.parse(body);
        } catch (Json.MalformedJsonException e) {
            throw ApiException.validation("The body is not valid JSON");
        }
        if (!(parsed instanceof Map<?, ?> map) || !(map.get("code") instanceof String code)
                || map.keySet().stream().anyMatch(k -> !"code".equals(k))) {
            throw ApiException.validation("The body is {\"code\": \"123456\"}");
        }
        return code;
    }
}
