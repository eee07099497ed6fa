package dev.agentwarden.agent;

import java.util.List;
import java.util.Map;

/** An immutable snapshot of an agent's definition, taken once when the agent is registered. */
public record AgentDefinition(
        AgentConfig config,
        List<Map<String, Object>> pom,
        String promptText,
        String postPrompt,
        List<String> hints,
        List<Map<String, Object>> languages,
        Map<String, Object> params,
        Map<String, Object> globalData,
        Map<String, Tool> tools) {

    public String name() {
        return config.name();
    }

    /** The tool of that name, or {@code null}. */
    public Tool tool(String functionName) {
        return tools.get(functionName);
    }
}
