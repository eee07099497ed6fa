package dev.agentwarden.session;

import dev.agentwarden.agentconfig.AgentControls;
import dev.agentwarden.agent.AgentUser;
import dev.agentwarden.agent.ChatSession;
import dev.agentwarden.agent.ChatTurn;
import dev.agentwarden.agent.RegisteredAgent;
import dev.agentwarden.authz.WardenPrincipal;
import dev.agentwarden.authz.Authorization;
import dev.agentwarden.authz.RequiresAuthentication;
import dev.agentwarden.authz.RequiresPermissions;
import dev.agentwarden.problem.ApiException;
import dev.agentwarden.store.MessageRecord;
import dev.agentwarden.store.SessionRecord;
import dev.agentwarden.store.SessionRepository;
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
import java.time.Instant;
import java.util.List;

/**
 * Talking to an agent over {@code /api}: {@code invoke} (the seed's {@code agent.generate} with
 * {@code session.history}) and the sessions it runs in, each owned by the caller that opened it.
 */
@Path("api/agents/{agent}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private static final int MAX_MESSAGE = 4000;

    private AgentControls controls;
    private SessionRepository sessions;
    private Authorization authorization;

    @Inject
    public SessionResource(AgentControls controls, SessionRepository sessions, Authorization authorization) {
        this.controls = controls;
        this.sessions = sessions;
        this.authorization = authorization;
    }

    /** For CDI proxies only. */
    public SessionResource() {
    }

    /** {@code {"message", "session_id"?}}. */
    public record Invocation(String message, String sessionId) {
    }

    /** {@code {"reply", "session_id", "agent"}}. */
    public record Reply(String reply, String sessionId, String agent) {
    }

    /** {@code {"user_id"?}}. */
    public record NewSession(String userId) {
    }

    /** {@code {id, user_id, created_at}}. */
    public record SessionView(String id, String userId, String createdAt) {
    }

    /** {@code {role, content, at}}. */
    public record TurnView(String role, String content, String at) {
    }

    @POST
    @Path("invoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermissions("agents:use_agent:{agent}")
    public Reply invoke(@PathParam("agent") String agent, Invocation request, @Context SecurityContext caller) {
        RegisteredAgent target = agent(agent);
        if (request == null || request.message() == null || request.message().isBlank()
                || request.message().length() > MAX_MESSAGE) {
            throw ApiException.validation("message must be 1 to " + MAX_MESSAGE + " characters");
        }
        WardenPrincipal principal = (WardenPrincipal) caller.getUserPrincipal();
        AgentUser user = user(principal, agent);
        if (request.sessionId() == null) {
            String reply = target.agent().onMessage(request.message(), new ChatSession(null, List.of()), user);
            SessionRecord session = sessions.createWithExchange(agent, principal.getName(), request.message(), reply);
            return new Reply(reply, session.id(), agent);
        }
        SessionRecord session = owned(agent, request.sessionId(), principal);
        if (session.endedAt() != null) {
            throw new ApiException(409, "session_ended", "The session has ended");
        }
        List<ChatTurn> history = sessions.history(session.id()).stream()
                .map(m -> new ChatTurn(m.role(), m.content(), Instant.ofEpochMilli(m.at()))).toList();
        String reply = target.agent().onMessage(request.message(), new ChatSession(session.id(), history), user);
        sessions.appendExchange(session.id(), request.message(), reply);
        return new Reply(reply, session.id(), agent);
    }

    @POST
    @Path("sessions")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    @RequiresPermissions("agents:use_agent:{agent}")
    public Response create(@PathParam("agent") String agent, NewSession request, @Context SecurityContext caller) {
        agent(agent);
        String userId = request == null ? null : request.userId();
        if (userId != null && (userId.isBlank() || userId.length() > 128)) {
            throw ApiException.validation("user_id must be 1 to 128 characters");
        }
        SessionRecord session = sessions.create(agent, caller.getUserPrincipal().getName(), userId);
        return Response.status(201).entity(new SessionView(session.id(), session.userId(),
                Instant.ofEpochMilli(session.createdAt()).toString())).build();
    }

    @GET
    @Path("sessions/{id}")
    @RequiresAuthentication
    public List<TurnView> history(@PathParam("agent") String agent, @PathParam("id") String id,
            @Context SecurityContext caller) {
        agent(agent);
        SessionRecord session = owned(agent, id, (WardenPrincipal) caller.getUserPrincipal());
        return sessions.history(session.id()).stream().map(SessionResource::view).toList();
    }

    @DELETE
    @Path("sessions/{id}")
    @RequiresAuthentication
    public Response end(@PathParam("agent") String agent, @PathParam("id") String id, @Context SecurityContext caller) {
        agent(agent);
        SessionRecord session = owned(agent, id, (WardenPrincipal) caller.getUserPrincipal());
        if (!sessions.end(session.id())) {
            throw new ApiException(409, "session_ended", "The session has ended");
        }
        return Response.noContent().build();
    }

    private RegisteredAgent agent(String name) {
        RegisteredAgent agent = controls.enabledAgent(name);
        if (agent == null) {
            throw ApiException.notFound("No such agent");
        }
        return agent;
    }

    /** The session, if the caller owns it or is an admin; 404 when it does not exist, 403 when it is someone else's. */
    private SessionRecord owned(String agent, String id, WardenPrincipal principal) {
        SessionRecord session = sessions.find(agent, id).orElseThrow(() -> ApiException.notFound("No such session"));
        if (!session.owner().equals(principal.getName()) && !authorization.hasRole(principal, "admin")) {
            throw ApiException.forbidden("The session belongs to another caller");
        }
        return session;
    }

    private AgentUser user(WardenPrincipal principal, String agent) {
        return new AgentUser() {
            @Override
            public String name() {
                return principal.getName();
            }

            @Override
            public boolean isAuthenticated() {
                return true;
            }

            @Override
            public boolean hasPermission(String permission) {
                return authorization.isPermitted(principal, "agents:" + permission + ":" + agent);
            }
        };
    }

    private static TurnView view(MessageRecord m) {
        return new TurnView(m.role(), m.content(), Instant.ofEpochMilli(m.at()).toString());
    }
}
