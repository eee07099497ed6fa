package dev.agentwarden.swml;

import dev.agentwarden.agent.AgentDefinition;
import dev.agentwarden.agent.Tool;
import dev.agentwarden.token.FunctionTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders an agent's SWML document in the SDK's shape: {@code answer}, then {@code ai} with prompt, post-prompt,
 * {@code SWAIG} functions and defaults, params, hints, languages and global data. Secure functions get a
 * {@code web_hook_url} carrying a fresh per-function token bound to the call.
 */
public final class SwmlRenderer {

    /** The pseudo-function name the SDK binds the post-prompt URL's token to. */
    public static final String POST_PROMPT = "post_prompt";

    private final FunctionTokens tokens;

    public SwmlRenderer(FunctionTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * @param agent     the agent
     * @param agentUrl  the agent's public URL, credentials embedded, no trailing slash ({@code https://u:p@host/route})
     * @param callId    the call the tokens are bound to
     * @param now       epoch seconds
     */
    public Map<String, Object> render(AgentDefinition agent, String agentUrl, String callId, long now) {
        Map<String, Object> ai = new LinkedHashMap<>();
        ai.put("prompt", agent.promptText() != null ? Map.of("text", agent.promptText()) : Map.of("pom", agent.pom()));
        if (agent.postPrompt() != null) {
            ai.put("post_prompt", Map.of("text", agent.postPrompt()));
            ai.put("post_prompt_url", agentUrl + "/post_prompt/?__token=" + token(POST_PROMPT, callId, now));
        }
        if (!agent.tools().isEmpty()) {
            ai.put("SWAIG", swaig(agent, agentUrl + "/swaig/", callId, now));
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

    private Map<String, Object> swaig(AgentDefinition agent, String swaigUrl, String callId, long now) {
        List<Map<String, Object>> functions = new ArrayList<>(agent.tools().size());
        for (Tool tool : agent.tools().values()) {
            Map<String, Object> function = new LinkedHashMap<>();
            function.put("function", tool.name());
            function.put("description", tool.description());
            function.put("parameters", tool.schema());
            if (tool.secure()) {
                function.put("web_hook_url", swaigUrl + "?__token=" + token(tool.name(), callId, now));
            }
            functions.add(function);
        }
        Map<String, Object> swaig = new LinkedHashMap<>();
        swaig.put("functions", functions);
        swaig.put("defaults", Map.of("web_hook_url", swaigUrl));
        return swaig;
    }

    private String token(String function, String callId, long now) {
        return URLEncoder.encode(tokens.mint(function, callId, now), StandardCharsets.UTF_8);
    }
}
