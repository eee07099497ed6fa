package dev.agentwarden.swml;

import dev.agentwarden.agent.AgentDefinition;
import dev.agentwarden.agent.Tool;
import dev.agentwarden.config.Secrets;
import dev.agentwarden.json.Json;
import dev.agentwarden.token.FunctionTokens;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Renders an agent's SWML document in the SDK's shape: {@code answer}, then {@code ai} with prompt, post-prompt,
 * {@code SWAIG} functions and defaults, params, hints, languages and global data. Secure functions get a
 * {@code web_hook_url} carrying a fresh per-function token bound to the call.
 *
 * <p>The document only changes with the agent's public URL and the call's tokens, so {@link #renderBytes} serialises
 * it once per agent and URL ({@link SwmlTemplate}) and fills in fresh tokens per request. At most
 * {@value #MAX_TEMPLATES} are kept: the URL follows the {@code Host} of authenticated requests when no public URL is
 * configured, and a client sending many hosts must not grow memory.
 */
public final class SwmlRenderer {

    /** The pseudo-function name the SDK binds the post-prompt URL's token to. */
    public static final String POST_PROMPT = "post_prompt";

    static final int MAX_TEMPLATES = 256;

    private final FunctionTokens tokens;
    private final Map<String, SwmlTemplate> templates = new ConcurrentHashMap<>();
    /** Stands for a token while a template is serialised; random, so no agent text can contain it. */
    private final String marker = "wardenslot" + HexFormat.of().formatHex(Secrets.bytes(12)) + "n";

    public SwmlRenderer(FunctionTokens tokens) {
        this.tokens = tokens;
    }

    /** The document of {@link #render}, serialised: what a SWML request answers. */
    public byte[] renderBytes(AgentDefinition agent, String agentUrl, String callId, long now) {
        String key = agent.name() + '\n' + agentUrl;
        SwmlTemplate template = templates.get(key);
        if (template == null || template.definition() != agent) {
            template = template(agent, agentUrl);
            if (templates.size() >= MAX_TEMPLATES) {
                templates.clear();
            }
            templates.put(key, template);
        }
        return template.fill(tokens, callId, now);
    }

    /** How many serialised documents are kept (for tests). */
    int templateCount() {
        return templates.size();
    }

    private SwmlTemplate template(AgentDefinition agent, String agentUrl) {
        List<String> functions = new ArrayList<>();
        Map<String, Object> document = render(agent, agentUrl, function -> {
            functions.add(function);
            return marker + (functions.size() - 1) + ".";
        });
        return SwmlTemplate.of(agent, Json.writeBytes(document), marker, functions);
    }

    /**
     * @param agent     the agent
     * @param agentUrl  the agent's public URL, credentials embedded, no trailing slash ({@code https://u:p@host/route})
     * @param callId    the call the tokens are bound to
     * @param now       epoch seconds
     */
    public Map<String, Object> render(AgentDefinition agent, String agentUrl, String callId, long now) {
        return render(agent, agentUrl, function -> new String(
                SwmlTemplate.urlEncode(tokens.mint(function, callId, now)), StandardCharsets.US_ASCII));
    }

    /** The document with {@code token} giving the (URL-encoded) token of each function named. */
    private Map<String, Object> render(AgentDefinition agent, String agentUrl, UnaryOperator<String> token) {
        Map<String, Object> ai = new LinkedHashMap<>();
        ai.put("prompt", agent.promptText() != null ? Map.of("text", agent.promptText()) : Map.of("pom", agent.pom()));
        if (agent.postPrompt() != null) {
            ai.put("post_prompt", Map.of("text", agent.postPrompt()));
            ai.put("post_prompt_url", agentUrl + "/post_prompt/?__token=" + token.apply(POST_PROMPT));
        }
        if (!agent.tools().isEmpty()) {
            ai.put("SWAIG", swaig(agent, agentUrl + "/swaig/", token));
        }
        if (!agent.params().isEmpty()) {
            ai.put("params", agent.params());
        }
        if (!agent.hints().isEmpty()) {
            ai.put("hints", agent.hints());
        }
        if (!agent.languages().isEmpty()) {
            ai.put("languages", agent.languages());
        }
        if (!agent.globalData().isEmpty()) {
            ai.put("global_data", agent.globalData());
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("version", "1.0.0");
        document.put("sections", Map.of("main", List.of(Map.of("answer", Map.of()), Map.of("ai", ai))));
        return document;
    }

    private static Map<String, Object> swaig(AgentDefinition agent, String swaigUrl, UnaryOperator<String> token) {
        List<Map<String, Object>> functions = new ArrayList<>(agent.tools().size());
        for (Tool tool : agent.tools().values()) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("function", tool.name());
            function.put("description", tool.description());
            function.put("parameters", tool.schema());
            if (tool.secure()) {
                function.put("web_hook_url", swaigUrl + "?__token=" + token.apply(tool.name()));
            }
            functions.add(function);
        }
        Map<String, Object> swaig = new LinkedHashMap<>();
        swaig.put("functions", functions);
        swaig.put("defaults", Map.of("web_hook_url", swaigUrl));
        return swaig;
    }
}
