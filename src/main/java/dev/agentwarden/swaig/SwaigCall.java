package dev.agentwarden.swaig;

import dev.agentwarden.agent.RegisteredAgent;
import dev.agentwarden.agent.SwaigRequest;
import dev.agentwarden.agent.Tool;

/**
 * One SWAIG call, resolved once by {@link SwaigCallFilter} and handed on (request property {@link #PROPERTY}) to the
 * function token check and the dispatcher.
 *
 * @param agent   the agent whose route was called
 * @param request the call as SignalWire posted it
 * @param tool    the called function, or {@code null} when the name is missing, malformed or unknown
 */
public record SwaigCall(RegisteredAgent agent, SwaigRequest request, Tool tool) {

    /** The request property holding the resolved call. */
    public static final String PROPERTY = SwaigCall.class.getName();

    /** The call of {@code request} to {@code agent}: its function looked up once. */
    static SwaigCall resolve(RegisteredAgent agent, SwaigRequest request) {
        Object function = request.raw().get("function");
        Tool tool = function instanceof String name && Tool.NAME.matcher(name).matches()
                ? agent.definition().tool(name) : null;
        return new SwaigCall(agent, request, tool);
    }
}
