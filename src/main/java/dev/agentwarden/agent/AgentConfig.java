package dev.agentwarden.agent;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of an agent: its name and the route it is served on, relative to the context root.
 *
 * <pre>{@code super(AgentConfig.named("support-agent").route("/support"));}</pre>
 *
 * @param name  the agent's name, as in the SDK's {@code AgentBase(name=...)}; also its id under {@code /api/agents}
 * @param route the route, always starting with {@code /}; {@code /} serves the agent at the root
 */
public record AgentConfig(String name, String route) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern ROUTE = Pattern.compile("/|(/[A-Za-z0-9_.~-]+)+");

    public AgentConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(route, "route");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Agent name '" + name + "' must match " + NAME.pattern());
        }
        route = route.length() > 1 && route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
        if (!ROUTE.matcher(route).matches()) {
            throw new IllegalArgumentException("Agent route '" + route + "' must be '/' or '/segment[/segment...]'");
        }
    }

    /** An agent named {@code name} on route {@code /}. */
    public static AgentConfig named(String name) {
        return new AgentConfig(name, "/");
    }

    /** The same agent on another route. */
    public AgentConfig route(String newRoute) {
        return new AgentConfig(name, newRoute);
    }

    /** The route without its leading slash, as JAX-RS path parameters carry it ({@code ""} for the root). */
    public String routeKey() {
        return route.substring(1);
    }
}
