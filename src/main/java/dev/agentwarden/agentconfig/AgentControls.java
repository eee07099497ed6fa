package dev.agentwarden.agentconfig;

import dev.agentwarden.agent.AgentRegistry;
import dev.agentwarden.agent.RegisteredAgent;
import dev.agentwarden.json.Json;
import dev.agentwarden.store.AgentConfigRecord;
import dev.agentwarden.store.AgentConfigRepository;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Every agent's config document and state, read from the store once at start-up and kept in memory: the controls
 * read it on every request, a change writes the store first (compare-and-set on the version) and then this map, so
 * it takes effect on the next request. One node's view; the cluster issue backs it with the data grid.
 */
@ApplicationScoped
public class AgentControls {

    private static final Logger LOG = Logger.getLogger(AgentControls.class.getName());

    private AgentRegistry agents;
    private AgentConfigRepository repository;
    private Event<AgentDisabled> disabled;
    private final Map<String, AgentState> states = new ConcurrentHashMap<>();

    @Inject
    public AgentControls(AgentRegistry agents, AgentConfigRepository repository, Event<AgentDisabled> disabled) {
        this.agents = agents;
        this.repository = repository;
        this.disabled = disabled;
    }

    /** For CDI proxies only. */
    protected AgentControls() {
    }

    @PostConstruct
    void load() {
        AgentConfigValidator validator = new AgentConfigValidator();
        for (AgentConfigRecord stored : repository.all()) {
            AgentConfigValidator.Result parsed = validator.validate(stored.config().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            if (!parsed.valid()) {
                throw new IllegalStateException("The stored config of agent '" + stored.agent()
                        + "' is not valid: " + parsed.errors());
            }
            states.put(stored.agent(), new AgentState(parsed.document(), stored.version(), stored.updatedAt(),
                    stored.enabled()));
        }
        LOG.fine(() -> "Agent configs loaded: " + states.keySet());
    }

    /** The state of {@code agent} (defaults when never configured). */
    public AgentState state(String agent) {
        return states.getOrDefault(agent, AgentState.INITIAL);
    }

    /** The registered agent named {@code name} while it is enabled, else {@code null}. */
    public RegisteredAgent enabledAgent(String name) {
        RegisteredAgent agent = agents.byName(name);
        return agent != null && state(name).enabled() ? agent : null;
    }

    /** Whether {@code agent} is enabled (unknown names count as enabled: the registry decides whether they exist). */
    public boolean isEnabled(String agent) {
        return state(agent).enabled();
    }

    /** Stores {@code document} if {@code agent}'s version is still {@code expected}; empty when it is not. */
    public Optional<AgentState> update(String agent, AgentConfigDocument document, long expected) {
        return repository.save(agent, json(document), state(agent).enabled(), expected).map(r -> remember(r, document));
    }

    /** Disables {@code agent} and deletes its data (keys revoked, sessions gone); empty when a change came first. */
    public Optional<AgentState> delete(String agent, long expected) {
        AgentConfigDocument document = state(agent).document();
        Optional<AgentState> result = repository.disableAndPurge(agent, json(document), expected)
                .map(r -> remember(r, document));
        result.ifPresent(s -> disabled.fire(new AgentDisabled(agent)));
        return result;
    }

    /** Enables {@code agent} again; empty when a change came first. */
    public Optional<AgentState> enable(String agent, long expected) {
        AgentConfigDocument document = state(agent).document();
        return repository.save(agent, json(document), true, expected).map(r -> remember(r, document));
    }

    private AgentState remember(AgentConfigRecord stored, AgentConfigDocument document) {
        AgentState state = new AgentState(document, stored.version(), stored.updatedAt(), stored.enabled());
        states.put(stored.agent(), state);
        return state;
    }

    private static String json(AgentConfigDocument document) {
        return new String(Json.writeBytes(document.toMap()), java.nio.charset.StandardCharsets.UTF_8);
    }
}
