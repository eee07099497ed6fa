package dev.agentwarden.agent;

import dev.agentwarden.json.Json;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A SWAIG function call as SignalWire posts it: {@code function}, {@code argument}, {@code call_id},
 * {@code caller_id_num}, {@code meta_data}, {@code global_data} and the rest, kept whole in {@link #raw()}.
 */
public final class SwaigRequest {

    private final Map<String, Object> raw;

    public SwaigRequest(Map<String, Object> raw) {
        this.raw = Collections.unmodifiableMap(raw);
    }

    /** The whole request body. */
    public Map<String, Object> raw() {
        return raw;
    }

    /** The function name, or {@code null}. */
    public String function() {
        return string("function");
    }

    /** The call id, or {@code null}. */
    public String callId() {
        return string("call_id");
    }

    /** The caller's number, or {@code null}. */
    public String callerIdNum() {
        return string("caller_id_num");
    }

    /** Who is calling, for per-caller limits: {@code caller_id_num}, else {@code call_id}, else {@code null}. */
    public String callerKey() {
        String caller = callerIdNum();
        return caller != null && !caller.isEmpty() ? caller : callId();
    }

    /** The call's meta data, empty when absent. */
    public Map<String, Object> metaData() {
        return map("meta_data");
    }

    /** The call's global data, empty when absent. */
    public Map<String, Object> globalData() {
        return map("global_data");
    }

    /**
     * The arguments as the SDK extracts them: {@code argument.parsed[0]}, else {@code argument.raw} parsed as JSON,
     * else an empty map. {@code null} when they are present but not an object (the caller gets a validation answer).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> arguments() {
        Object argument = raw.get("argument");
        if (!(argument instanceof Map<?, ?> arg)) {
            return argument == null ? Map.of() : null;
        }
        if (arg.get("parsed") instanceof List<?> parsed && !parsed.isEmpty()) {
            return parsed.get(0) instanceof Map<?, ?> first ? (Map<String, Object>) first : null;
        }
        if (arg.get("raw") instanceof String text && !text.isBlank()) {
            try {
                return Json.parse(text) instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
            } catch (Json.MalformedJsonException e) {
                return null;
            }
        }
        return Map.of();
    }

    private String string(String key) {
        return raw.get(key) instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String key) {
        return raw.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
