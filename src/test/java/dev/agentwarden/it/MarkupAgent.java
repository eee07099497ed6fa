package dev.agentwarden.it;

import dev.agentwarden.agent.AgentBase;
import dev.agentwarden.agent.AgentConfig;
import dev.agentwarden.agent.SwaigFunction;
import dev.agentwarden.agent.SwaigFunctionResult;
import jakarta.enterprise.context.ApplicationScoped;

/** An agent whose function description is markup, so the console tests can see it shown as text and never run. */
@ApplicationScoped
public class MarkupAgent extends AgentBase {

    /** What the description says: an image whose error handler would set {@code window.__xss}. */
    public static final String MARKUP = "<img src=x onerror=window.__xss=1>";

    public MarkupAgent() {
        super(AgentConfig.named("markup-agent").route("/markup"));
        setPromptText("You test the console.");
    }

    @SwaigFunction(description = MARKUP)
    SwaigFunctionResult markup() {
        return new SwaigFunctionResult("ok");
    }
}
