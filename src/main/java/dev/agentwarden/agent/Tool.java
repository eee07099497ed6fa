package dev.agentwarden.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A SWAIG function an agent offers: name, description, JSON Schema of its arguments, handler and security.
 *
 * <pre>{@code
 * defineTool(Tool.named("transfer_funds")
 *         .description("Transfer funds between accounts")
 *         .parameters(Map.of("amount", Map.of("type", "number"), "to_account", Map.of("type", "string")))
 *         .required("amount", "to_account")
 *         .handler(this::transferFunds)
 *         .secure(true));
 * }</pre>
 * Instances are immutable: every method returns a new {@code Tool}.
 */
public final class Tool {

    /** Function names SignalWire accepts, and the only ones {@code /swaig} routes. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

    /** The seed's answer when a caller goes over a function's own limit. */
    public static final String DEFAULT_RATE_LIMIT_MESSAGE = "You've made too many requests. Please wait a moment.";

    private final String name;
    private final String description;
    private final Map<String, Object> properties;
    private final List<String> required;
    private final ToolHandler handler;
    private final boolean secure;
    private final RateLimit rateLimit;

    private Tool(String name, String description, Map<String, Object> properties, List<String> required,
            ToolHandler handler, boolean secure, RateLimit rateLimit) {
        this.name = name;
        this.description = description;
        this.properties = properties;
        this.required = required;
        this.handler = handler;
        this.secure = secure;
        this.rateLimit = rateLimit;
    }

    /** Starts a tool definition. */
    public static Tool named(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Tool name '" + name + "' must match " + NAME.pattern());
        }
        return new Tool(name, "", Map.of(), List.of(), null, false, null);
    }

    /** What the AI reads to decide when to call it. */
    public Tool description(String text) {
        return new Tool(name, Objects.requireNonNull(text), properties, required, handler, secure, rateLimit);
    }

    /**
     * The arguments: either the SDK's properties map ({@code {"tz": {"type": "string"}}}) or a whole object schema
     * ({@code {"type": "object", "properties": ..., "required": [...]}}).
     */
    @SuppressWarnings("unchecked")
    public Tool parameters(Map<String, ?> schema) {
        Objects.requireNonNull(schema, "schema");
        if ("object".equals(schema.get("type")) && schema.get("properties") instanceof Map) {
            Map<String, Object> props = (Map<String, Object>) schema.get("properties");
            List<String> req = schema.get("required") instanceof List<?> list ? toStrings(list) : required;
            return new Tool(name, description, copy(props), req, handler, secure, rateLimit);
        }
        return new Tool(name, description, copy((Map<String, Object>) schema), required, handler, secure, rateLimit);
    }

    /** Names of the arguments that must be present. */
    public Tool required(String... names) {
        return new Tool(name, description, properties, List.of(names), handler, secure, rateLimit);
    }

    /** The code to run. */
    public Tool handler(ToolHandler code) {
        return new Tool(name, description, properties, required, Objects.requireNonNull(code), secure, rateLimit);
    }

    /** {@code true}: calls must carry the per-function token minted into this function's {@code web_hook_url}. */
    public Tool secure(boolean on) {
        return new Tool(name, description, properties, required, handler, on, rateLimit);
    }

    /** At most {@code calls} per {@code window} per caller; further calls get the seed's "too many requests" answer. */
    public Tool rateLimit(int calls, Duration window) {
        return rateLimit(calls, window, DEFAULT_RATE_LIMIT_MESSAGE);
    }

    /** As {@link #rateLimit(int, Duration)}, with the answer the AI reads out when the limit is hit. */
    public Tool rateLimit(int calls, Duration window, String message) {
        return new Tool(name, description, properties, required, handler, secure, new RateLimit(calls, window, message));
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public boolean secure() {
        return secure;
    }

    public ToolHandler handler() {
        return handler;
    }

    /** The per-function limit, or {@code null}. */
    public RateLimit rateLimit() {
        return rateLimit;
    }

    /** The JSON Schema of the arguments, as the SWML document and the validator see it. */
    public Map<String, Object> schema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    /** A per-function limit: {@code calls} per {@code window}, and the answer once it is exceeded. */
    public record RateLimit(int calls, Duration window, String message) {
        public RateLimit {
            if (calls < 1 || window == null || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("A rate limit needs calls >= 1 and a positive window");
            }
            Objects.requireNonNull(message, "message");
        }
    }

    private static Map<String, Object> copy(Map<String, Object> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    private static List<String> toStrings(List<?> list) {
        List<String> out = new ArrayList<>(list.size());
        list.forEach(o -> out.add(String.valueOf(o)));
        return List.copyOf(out);
    }
}
