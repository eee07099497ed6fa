package dev.agentwarden.swaig;

import dev.agentwarden.agent.RegisteredAgent;
import dev.agentwarden.agent.SwaigFunctionResult;
import dev.agentwarden.agent.SwaigRequest;
import dev.agentwarden.agent.Tool;
import dev.agentwarden.audit.SecurityLog;
import dev.agentwarden.json.Json;
import dev.agentwarden.problem.AgentError;
import dev.agentwarden.ratelimit.RateLimitStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one SWAIG call once Basic auth, the caller's limit ({@link SwaigCallFilter}) and the function token have
 * passed: function name checks, argument extraction and JSON Schema validation, the per-function limit, then the
 * handler.
 */
@ApplicationScoped
public class SwaigDispatcher {

    private static final Logger LOG = Logger.getLogger(SwaigDispatcher.class.getName());

    private RateLimitStore limits;
    private SecurityLog securityLog;

    @Inject
    public SwaigDispatcher(RateLimitStore limits, SecurityLog securityLog) {
        this.limits = limits;
        this.securityLog = securityLog;
    }

    /** For CDI proxies only. */
    protected SwaigDispatcher() {
    }

    /** The HTTP answer to {@code call}; {@code peer} is the client address, for the log. */
    public Response dispatch(SwaigCall call, String peer) {
        SwaigRequest request = call.request();
        RegisteredAgent agent = call.agent();
        Object function = request.raw().get("function");
        if (function == null || "".equals(function)) {
            return AgentError.of(Response.Status.BAD_REQUEST, "Missing function name");
        }
        if (!(function instanceof String name) || !Tool.NAME.matcher(name).matches()) {
            return AgentError.of(Response.Status.BAD_REQUEST, "Invalid function name format");
        }
        Tool tool = call.tool();
        if (tool == null) {
            return answer(new SwaigFunctionResult("Function '" + name + "' not found"));
        }
        Map<String, Object> args = request.arguments();
        if (args == null) {
            return answer(new SwaigFunctionResult("Invalid arguments: the arguments must be a JSON object"));
        }
        List<String> problems = agent.validator(name).validate(args);
        if (!problems.isEmpty()) {
            return answer(new SwaigFunctionResult("Invalid arguments: " + String.join("; ", problems)));
        }
        String caller = request.callerKey() == null ? "anonymous" : request.callerKey();
        Tool.RateLimit limit = tool.rateLimit();
        if (limit != null
                && !limits.tryConsume("fn|" + agent.name() + "|" + name + "|" + caller, limit.calls(), limit.window())
                        .allowed()) {
            securityLog.record("rate_limited", agent.name(), peer, Map.of("scope", "function", "function", name));
            return answer(new SwaigFunctionResult(limit.message()));
        }
        if (tool.secure()) {
            securityLog.record("function.secure_call", agent.name(), peer, secureCall(request, name));
        }
        return run(agent, tool, args, request);
    }

    private Response run(RegisteredAgent agent, Tool tool, Map<String, Object> args, SwaigRequest request) {
        SwaigFunctionResult result;
        try {
            result = tool.handler().handle(args, request);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Function '" + tool.name() + "' of agent '" + agent.name() + "' failed", e);
            return AgentError.of(Response.Status.INTERNAL_SERVER_ERROR, "Function execution failed");
        }
        return answer(result == null ? new SwaigFunctionResult() : result);
    }

    private static Map<String, Object> secureCall(SwaigRequest request, String function) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("function", function);
        fields.put("call_id", request.callId() == null ? "" : request.callId());
        fields.put("caller", request.callerIdNum() == null ? "" : request.callerIdNum());
        // Arguments may hold account numbers or card data: the log says only that there were some.
        fields.put("arguments", "[redacted]");
        return fields;
    }

    private static Response answer(SwaigFunctionResult result) {
        return Response.ok(Json.writeBytes(result.toJson()), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
