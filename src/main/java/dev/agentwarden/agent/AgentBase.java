package dev.agentwarden.agent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A SignalWire AI agent: the prompt and settings that make up its SWML document, and the SWAIG functions it offers.
 * The Java counterpart of the SDK's {@code AgentBase}, with the same vocabulary.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class SupportAgent extends AgentBase {
 *     public SupportAgent() {
 *         super(AgentConfig.named("support").route("/support"));
 *         promptAddSection("Role", "You help customers with their orders.");
 *         defineTool("get_time", "Get the current time", Map.of("tz", Map.of("type", "string")),
 *                 (args, raw) -> new SwaigFunctionResult("It is noon"));
 *     }
 * }
 * }</pre>
 * Agents are CDI beans: inject services into them; every bean of this type is served on its own route.
 * Definition happens in the constructor; after registration the definition is read, never changed.
 */
public abstract class AgentBase {

    private final AgentConfig config;
    private final List<Map<String, Object>> pom = new ArrayList<>();
    private final List<String> hints = new ArrayList<>();
    private final List<Map<String, Object>> languages = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final Map<String, Object> globalData = new LinkedHashMap<>();
    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private String promptText;
    private String postPrompt;
    private AgentDefinition definition;

    protected AgentBase(AgentConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Name and route. */
    public AgentConfig config() {
        return config;
    }

    /** Whether the agent is served; override to switch an agent off by configuration. */
    public boolean isEnabled() {
        return true;
    }

    /** Adds a prompt section (Prompt Object Model): a title, a body and optional bullets. */
    protected AgentBase promptAddSection(String title, String body, String... bullets) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("title", Objects.requireNonNull(title, "title"));
        if (body != null && !body.isEmpty()) {
            section.put("body", body);
        }
        if (bullets.length > 0) {
            section.put("bullets", List.of(bullets));
        }
        pom.add(Collections.unmodifiableMap(section));
        return this;
    }

    /** Uses a raw prompt text instead of sections. */
    protected AgentBase setPromptText(String text) {
        this.promptText = Objects.requireNonNull(text, "text");
        return this;
    }

    /** The post-prompt: what the AI summarises when the call ends; the summary is posted to {@code /post_prompt}. */
    protected AgentBase setPostPrompt(String text) {
        this.postPrompt = Objects.requireNonNull(text, "text");
        return this;
    }

    /** Speech-recognition hints. */
    protected AgentBase addHints(String... words) {
        hints.addAll(List.of(words));
        return this;
    }

    /** A language the agent speaks, with its TTS voice. */
    protected AgentBase addLanguage(String name, String code, String voice) {
        Map<String, Object> language = new LinkedHashMap<>();
        language.put("name", name);
        language.put("code", code);
        language.put("voice", voice);
        languages.add(Collections.unmodifiableMap(language));
        return this;
    }

    /** AI parameters ({@code end_of_speech_timeout}, {@code temperature}, ...). */
    protected AgentBase setParams(Map<String, ?> values) {
        params.putAll(values);
        return this;
    }

    /** Data available to the AI and to every function call. */
    protected AgentBase setGlobalData(Map<String, ?> values) {
        globalData.putAll(values);
        return this;
    }

    /** The SDK's {@code define_tool(name, description, parameters, handler)}: {@code parameters} maps names to schemas. */
    protected AgentBase defineTool(String name, String description, Map<String, ?> parameters, ToolHandler handler) {
        return defineTool(Tool.named(name).description(description).parameters(parameters).handler(handler));
    }

    /** Defines a tool built with {@link Tool#named(String)}. */
    protected AgentBase defineTool(Tool tool) {
        Objects.requireNonNull(tool.handler(), () -> "Tool '" + tool.name() + "' has no handler");
        if (tools.putIfAbsent(tool.name(), tool) != null) {
            throw new IllegalStateException("Agent '" + config.name() + "' defines tool '" + tool.name() + "' twice");
        }
        return this;
    }

    /**
     * Called with the post-prompt summary SignalWire posts when a call ends ({@code post_prompt_data}, {@code call_id},
     * ...). Does nothing by default; override to store or forward it.
     */
    public void onSummary(Map<String, Object> summary) {
        // The default agent keeps nothing.
    }

    /**
     * Receives a webhook posted to {@code POST /api/agents/{agent}/webhook} once its signature holds (the seed's
     * {@code @agent.webhook}): the raw bytes, the headers and the parsed JSON. Its answer is the HTTP response: a map
     * is sent as JSON with 200; {@code null} (the default) answers 204.
     *
     * <pre>{@code
     * @Override
     * public Map<String, Object> onWebhook(WebhookEvent event) {
     *     orders.update(event.json());
     *     return Map.of("received", true);
     * }
     * }</pre>
     */
    public Map<String, Object> onWebhook(WebhookEvent event) {
        return null;
    }

    /**
     * Answers a text message sent through {@code POST /api/agents/{agent}/invoke} (the seed's {@code on_message}).
     * The default answer is deterministic (no LLM): it repeats what it understood and names the tools whose words
     * appear in the message, so that the whole path can be tested. Override to call a model.
     */
    public String onMessage(String message, ChatSession session, AgentUser user) {
        if (!user.isAuthenticated()) {
            return "Please sign in first";
        }
        if (!user.hasPermission("use_agent")) {
            return "You don't have permission to use this agent";
        }
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        List<String> matches = new ArrayList<>();
        for (Tool tool : definition().tools().values()) {
            for (String word : tool.name().split("_")) {
                if (word.length() > 3 && lower.contains(word)) {
                    matches.add(tool.name());
                    break;
                }
            }
        }
        return "You said: \"" + message + "\". " + (matches.isEmpty() ? "I would call no tool."
                : "I would call: " + String.join(", ", matches) + ".") + " (turn " + (session.history().size() / 2 + 1)
                + ")";
    }

    /** The definition as the SWML renderer reads it; {@link SwaigFunction} methods join the tools the first time. */
    public synchronized AgentDefinition definition() {
        if (definition != null) {
            return definition;
        }
        AnnotatedTools.scan(this).forEach(this::defineTool);
        definition = new AgentDefinition(config, List.copyOf(pom), promptText, postPrompt, List.copyOf(hints),
                List.copyOf(languages), Collections.unmodifiableMap(new LinkedHashMap<>(params)),
                Collections.unmodifiableMap(new LinkedHashMap<>(globalData)),
                Collections.unmodifiableMap(new LinkedHashMap<>(tools)));
        return definition;
    }
}
