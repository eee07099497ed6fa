package dev.agentwarden.agent;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every enabled {@link AgentBase} bean of the application, by route and by name; built once at start-up. */
@ApplicationScoped
public class AgentRegistry {

    private Instance<AgentBase> beans;
    private Map<String, RegisteredAgent> byRoute;
    private Map<String, RegisteredAgent> byName;

    @Inject
    public AgentRegistry(@Any Instance<AgentBase> beans) {
        this.beans = beans;
    }

    /** For CDI proxies only. */
    protected AgentRegistry() {
    }

    @PostConstruct
    void register() {
        Map<String, RegisteredAgent> routes = new LinkedHashMap<>();
        Map<String, RegisteredAgent> names = new LinkedHashMap<>();
        for (AgentBase agent : beans) {
            if (!agent.isEnabled()) {
                continue;
            }
            RegisteredAgent registered = new RegisteredAgent(agent);
            AgentConfig config = registered.definition().config();
            RegisteredAgent clash = routes.putIfAbsent(config.routeKey(), registered);
            if (clash != null) {
                throw new IllegalStateException("Agents '" + clash.name() + "' and '" + config.name()
                        + "' are both on route " + config.route() + ": give each agent its own route");
            }
            if (names.putIfAbsent(config.name(), registered) != null) {
                throw new IllegalStateException("Two agents are named '" + config.name() + "': names must be unique");
            }
        }
        byRoute = Collections.unmodifiableMap(routes);
        byName = Collections.unmodifiableMap(names);
    }

    /** The agent on {@code routeKey} (the route without its leading slash), or {@code null}. */
    public RegisteredAgent byRoute(String routeKey) {
        return byRoute.get(routeKey);
    }

    /** The agent named {@code name}, or {@code null}. */
    public RegisteredAgent byName(String name) {
        return byName.get(name);
    }

    public Collection<RegisteredAgent> all() {
        return byName.values();
    }
}
