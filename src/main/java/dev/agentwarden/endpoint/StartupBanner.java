package dev.agentwarden.endpoint;

import dev.agentwarden.agent.AgentRegistry;
import dev.agentwarden.agent.RegisteredAgent;
import dev.agentwarden.config.SwmlSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;

/**
 * At start-up: registers the agents (so a misconfigured agent fails the deployment, not the first call) and prints
 * what the seed prints — each agent, and the Basic credentials when the password was generated. That is the only
 * time a secret is ever logged.
 */
@ApplicationScoped
public class StartupBanner {

    private static final Logger LOG = Logger.getLogger(StartupBanner.class.getName());

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event, AgentRegistry agents,
            SwmlSettings settings) {
        for (RegisteredAgent agent : agents.all()) {
            LOG.info("Agent '" + agent.name() + "' starting on route " + agent.definition().config().route());
        }
        // One record, so that the block stays together in the server log (the run command's banner points at it).
        LOG.info("Agent Warden Basic credentials (agent routes):\n  Username: " + settings.basicUser() + "\n"
                + (settings.passwordGenerated()
                        ? "  Password: " + settings.basicPassword() + "\n  (generated: it changes on every start; "
                                + "set SWML_BASIC_AUTH_PASSWORD to keep a SignalWire webhook working)"
                        : "  Password: (from SWML_BASIC_AUTH_PASSWORD)"));
    }
}
