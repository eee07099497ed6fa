package dev.agentwarden.route;

import dev.agentwarden.agent.AgentRegistry;
import dev.agentwarden.agent.RegisteredAgent;
import dev.agentwarden.agentconfig.AgentControls;
import dev.agentwarden.route.RequestTarget.Endpoint;
import dev.agentwarden.route.RequestTarget.Part;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Resolves a request's {@link RequestTarget} once and keeps it on the request: the authentication mechanism resolves
 * it first, every later reader finds it there. Exact matches only, so no path trick turns a protected route public.
 */
@ApplicationScoped
public class RequestTargets {

    /** The request attribute holding the resolved target. */
    public static final String ATTRIBUTE = RequestTarget.class.getName();

    private static final String API_AGENTS = "/api/agents/";
    /**
     * The console's static files (src/main/webapp/console): plain segments only, none starting with a dot, no escapes,
     * no matrix parameters, so no spelling the container would map elsewhere ({@code /console/..;/api/...}) is taken
     * for a console file and let through without credentials.
     */
    private static final Pattern CONSOLE = Pattern.compile("/console(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*/?");

    private AgentRegistry agents;
    private AgentControls controls;
    private PublicPaths publicPaths;

    @Inject
    public RequestTargets(AgentRegistry agents, AgentControls controls, PublicPaths publicPaths) {
        this.agents = agents;
        this.controls = controls;
        this.publicPaths = publicPaths;
    }

    /** For CDI proxies only. */
    protected RequestTargets() {
    }

    /** The target of {@code request}, resolved on first use. */
    public RequestTarget of(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof RequestTarget target) {
            return target;
        }
        RequestTarget target = resolve(path(request));
        request.setAttribute(ATTRIBUTE, target);
        return target;
    }

    /** The target of a path below the context root. */
    RequestTarget resolve(String path) {
        if (publicPaths.isPublic(path)) {
            return new RequestTarget(Part.PUBLIC, path, Endpoint.NONE, null, null);
        }
        if (isConsole(path)) {
            return new RequestTarget(Part.CONSOLE, path, Endpoint.NONE, null, null);
        }
        if (path.equals("/api") || path.startsWith("/api/")) {
            String name = apiAgent(path);
            RegisteredAgent agent = name == null ? null : agents.byName(name);
            return new RequestTarget(Part.API, path, Endpoint.NONE, agent, name);
        }
        String key = path.startsWith("/") ? path.substring(1) : path;
        Endpoint endpoint = Endpoint.SWML;
        String bare = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        if (bare.equals("swaig") || bare.endsWith("/swaig")) {
            endpoint = Endpoint.SWAIG;
            key = routeOf(bare, "swaig");
        } else if (bare.equals("post_prompt") || bare.endsWith("/post_prompt")) {
            endpoint = Endpoint.POST_PROMPT;
            key = routeOf(bare, "post_prompt");
        }
        RegisteredAgent agent = agents.byRoute(key);
        String name = agent == null ? null : agent.name();
        // A deleted (disabled) agent's routes answer as if it did not exist.
        return new RequestTarget(Part.AGENT, path, endpoint, name != null && controls.isEnabled(name) ? agent : null,
                name);
    }

    /** Whether {@code path} names one of the console's static files (or its folder). */
    static boolean isConsole(String path) {
        return CONSOLE.matcher(path).matches();
    }

    /** The route key before {@code /suffix}, without a trailing slash (as the registry keys routes). */
    private static String routeOf(String bare, String suffix) {
        String route = bare.substring(0, bare.length() - suffix.length());
        return route.endsWith("/") ? route.substring(0, route.length() - 1) : route;
    }

    /**
     * {@code {agent}} of {@code /api/agents/{agent}[/...]}, or {@code null}; decoded as JAX-RS decodes the path
     * parameter (matrix parameters dropped, percent-escapes decoded), so {@code /api/agents/secure%2Dagent;x/invoke}
     * names the same agent here as in the resource and no spelling slips past the agent's controls.
     */
    static String apiAgent(String path) {
        if (!path.startsWith(API_AGENTS) || path.length() == API_AGENTS.length()) {
            return null;
        }
        int end = path.indexOf('/', API_AGENTS.length());
        String segment = path.substring(API_AGENTS.length(), end < 0 ? path.length() : end);
        int matrix = segment.indexOf(';');
        if (matrix >= 0) {
            segment = segment.substring(0, matrix);
        }
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    /** The path below the context root. */
    public static String path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri.substring(Math.min(uri.length(), request.getContextPath().length()));
    }
}
