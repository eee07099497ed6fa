package dev.agentwarden.agent;

import java.util.HashMap;
import java.util.Map;

/** An agent as the server runs it: its definition and, per tool, the compiled argument validator. */
public final class RegisteredAgent {

    private final AgentBase agent;
    private final AgentDefinition definition;
    private final Map<String, ArgumentValidator> validators = new HashMap<>();

    RegisteredAgent(AgentBase agent) {
        this.agent = agent;
        this.definition = agent.definition();
        definition.tools().forEach((name, tool) -> validators.put(name, new ArgumentValidator(tool.schema())));
    }

    /** The CDI bean (a client proxy for normal-scoped agents). */
    public AgentBase agent() {
        return agent;
    }

    public AgentDefinition definition() {
        return definition;
    }

    public String name() {
        return definition.name();
    }

    /** The validator of a defined tool. */
    public ArgumentValidator validator(String tool) {
        return validators.get(tool);
    }
}
