package dev.agentwarden.store;

import dev.agentwarden.json.Json;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a {@link SecurityEvent} into the columns of {@code audit_events}: who acted goes to {@code principal}, the
 * other fields to the JSON {@code detail}; every value is cut to its column so one odd event cannot fail a batch.
 */
final class AuditRows {

    /** The width of {@code detail}. */
    static final int DETAIL_MAX = 4096;

    /**
     * The fields naming who acted, in order of preference: the authenticated principal, the caller behind an
     * administrative change ({@code by}), else the user name a login presented.
     */
    static final List<String> PRINCIPAL_FIELDS = List.of("principal", "by", "username");

    private static final int VALUE_MAX = 256;

    /** The values of one row, before the database assigns its id. */
    record Row(String type, String agent, long at, String peer, String principal, String detail) {
    }

    private AuditRows() {
    }

    static Row of(SecurityEvent event) {
        Map<String, Object> detail = new TreeMap<>(event.fields());
        String principal = null;
        for (String field : PRINCIPAL_FIELDS) {
            Object value = detail.get(field);
            if (value != null) {
                principal = String.valueOf(value);
                detail.remove(field);
                break;
            }
        }
        long at = event.at().toEpochMilli();
        String type = event.type() == null ? "unknown" : event.type();
        return new Row(clip(type, 64), clip(event.agent(), 64), at, clip(event.peer(), 64), clip(principal, 128),
                detail(detail));
    }

    /** The detail as JSON within {@link #DETAIL_MAX} characters: long values are cut and marked, as a last resort. */
    static String detail(Map<String, Object> fields) {
        String json = Json.write(fields);
        if (json.length() <= DETAIL_MAX) {
            return json;
        }
        Map<String, Object> cut = new TreeMap<>();
        fields.forEach((key, value) -> cut.put(clip(key, 64), value == null || value instanceof Number
                || value instanceof Boolean ? value : clip(value instanceof String s ? s : Json.write(value), VALUE_MAX)));
        cut.put("truncated", true);
        json = Json.write(cut);
        return json.length() <= DETAIL_MAX ? json : "{\"truncated\":true}";
    }

    /** {@code text} cut to {@code max} characters, never between the two halves of a surrogate pair. */
    static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
