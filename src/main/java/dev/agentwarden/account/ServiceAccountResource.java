package dev.agentwarden.account;

import dev.agentwarden.agent.AgentRegistry;
import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.authz.Authorization;
import dev.agentwarden.authz.RequiresPermissions;
import dev.agentwarden.authz.WardenPrincipal;
import dev.agentwarden.json.Json;
import dev.agentwarden.problem.ApiException;
import dev.agentwarden.problem.Problem;
import dev.agentwarden.store.ServiceAccountRecord;
import dev.agentwarden.store.ServiceCredentialRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/service-accounts}: the seed's {@code swiftclaw accounts create my-service --type service --permissions
 * read,write}. Managing accounts takes {@code users:manage}, as users do; an account's permissions may never be wider
 * than its creator's own (403 {@code forbidden}). A credential's secret is shown once, in the 201 that issues it.
 */
@Path("api/service-accounts")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermissions("users:manage")
public class ServiceAccountResource {

    private ServiceAccounts accounts;
    private AgentRegistry agents;
    private Authorization authorization;
    private SecurityLog securityLog;

    @Inject
    public ServiceAccountResource(ServiceAccounts accounts, AgentRegistry agents, Authorization authorization,
            SecurityLog securityLog) {
        this.accounts = accounts;
        this.agents = agents;
        this.authorization = authorization;
        this.securityLog = securityLog;
    }

    /** For CDI proxies only. */
    public ServiceAccountResource() {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body, @Context SecurityContext caller) {
        ServiceAccounts.NewAccount request;
        try {
            request = AccountRequest.parse(body, agent -> agents.byName(agent) != null);
        } catch (AccountRequest.Invalid e) {
            return e.errors().isEmpty() ? Problem.of(400, "validation_failed", e.getMessage())
                    : Problem.of(400, "validation_failed", e.getMessage(), Map.of("errors", e.errors()));
        }
        WardenPrincipal principal = caller.getUserPrincipal() instanceof WardenPrincipal p ? p : null;
        if (!AccountPermissions.notHeld(request.permissions(), p -> authorization.isPermitted(principal, p))
                .isEmpty()) {
            throw ApiException.forbidden("A service account cannot get permissions its creator does not hold");
        }
        String by = caller.getUserPrincipal().getName();
        ServiceAccountRecord account = accounts.create(request, by)
                .orElseThrow(() -> new ApiException(409, "conflict", "A user or service account with that name exists"));
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("name", account.name());
        audit.put("permissions", account.permissions());
        audit.put("agents", account.agents());
        audit.put("by", by);
        securityLog.record("account.created", null, null, audit);
        return Response.created(URI.create("api/service-accounts/" + account.name()))
                .entity(Json.writeBytes(view(new ServiceAccounts.AccountView(account, List.of())))).build();
    }

    @GET
    public Response list() {
        return Response.ok(Json.writeBytes(accounts.all().stream().map(ServiceAccountResource::view).toList())).build();
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return Response.ok(Json.writeBytes(view(find(name)))).build();
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name, @Context SecurityContext caller) {
        ServiceAccounts.AccountView account = find(name);
        if (!accounts.delete(name)) {
            throw ApiException.notFound("No such service account");
        }
        securityLog.record("account.deleted", null, null, Map.of("name", name, "credentials",
                account.credentials().size(), "by", caller.getUserPrincipal().getName()));
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/credentials")
    public Response createCredential(@PathParam("name") String name, @Context SecurityContext caller) {
        ServiceAccountRecord account = find(name).account();
        ServiceAccounts.IssuedCredential issued = accounts.issueCredential(account)
                .orElseThrow(() -> new ApiException(409, "conflict", "The account holds "
                        + ServiceAccounts.MAX_CREDENTIALS + " credentials: revoke one first"));
        String clientId = issued.credential().clientId();
        securityLog.record("account.credential_created", null, null,
                Map.of("name", name, "client_id", clientId, "by", caller.getUserPrincipal().getName()));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("client_id", clientId);
        view.put("client_secret", issued.clientSecret());
        view.put("created_at", Instant.ofEpochMilli(issued.credential().createdAt()).toString());
        return Response.created(URI.create("api/service-accounts/" + name + "/credentials/" + clientId))
                .header("Cache-Control", "no-store").entity(Json.writeBytes(view)).build();
    }

    @DELETE
    @Path("{name}/credentials/{clientId}")
    public Response revokeCredential(@PathParam("name") String name, @PathParam("clientId") String clientId,
            @Context SecurityContext caller) {
        if (!accounts.revokeCredential(find(name).account(), clientId)) {
            throw ApiException.notFound("The account has no such credential");
        }
        securityLog.record("account.credential_revoked", null, null,
                Map.of("name", name, "client_id", clientId, "by", caller.getUserPrincipal().getName()));
        return Response.noContent().build();
    }

    private ServiceAccounts.AccountView find(String name) {
        return accounts.byName(name).orElseThrow(() -> ApiException.notFound("No such service account"));
    }

    /** An account as the API shows it: its credentials' ids and times, never a secret or its hash. */
    static Map<String, Object> view(ServiceAccounts.AccountView view) {
        ServiceAccountRecord account = view.account();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", account.name());
        out.put("permissions", account.permissions());
        out.put("agents", account.agents());
        if (account.certSubject() != null) {
            out.put("certificate", Map.of("subject", account.certSubject()));
        } else if (account.certSha256() != null) {
            out.put("certificate", Map.of("sha256", account.certSha256()));
        }
        out.put("created_at", Instant.ofEpochMilli(account.createdAt()).toString());
        out.put("credentials", view.credentials().stream().map(ServiceAccountResource::credential).toList());
        return out;
    }

    private static Map<String, Object> credential(ServiceCredentialRecord credential) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("client_id", credential.clientId());
        out.put("created_at", Instant.ofEpochMilli(credential.createdAt()).toString());
        out.put("last_used_at", credential.lastUsedAt() == null ? null
                : Instant.ofEpochMilli(credential.lastUsedAt()).toString());
        return out;
    }
}
