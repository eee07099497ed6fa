package dev.agentwarden.agentconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.ValidationMessage;
import java.util.ArrayList;
import java.util.List;

/** Plain-words details for the schema's failures, written from the keyword and the schema, not networknt's wording. */
final class ValidationDetails {

    static final String DURATION = "must be a positive duration: 1 to 999999 followed by s, m, h or d (30s, 5m, 24h, 90d)";

    private ValidationDetails() {
    }

    /** The detail of one failure; {@code schemaTree} is the schema the message came from. */
    static String detail(ValidationMessage message, JsonNode schemaTree) {
        JsonNode keyword = schemaNode(message, schemaTree);
        String location = fragment(message);
        JsonNode instance = message.getInstanceNode();
        return switch (message.getType()) {
            case "additionalProperties" -> "unknown key" + allowedKeys(message, schemaTree);
            case "required" -> location.contains("/then/") ? "is required when type is oauth2" : "is required";
            case "type" -> "must be " + article(keyword.asText()) + ", not " + describe(instance);
            case "pattern" -> pattern(location, instance);
            case "minimum" -> "must be at least " + keyword.asText();
            case "maximum" -> "must be at most " + keyword.asText();
            case "enum" -> "must be one of " + join(keyword) + ", not " + instance;
            case "minLength" -> keyword.asInt() == 1 ? "must not be empty"
                    : "must be at least " + keyword.asText() + " characters long";
            case "maxLength" -> "must be at most " + keyword.asText() + " characters long";
            case "maxItems" -> "must have at most " + keyword.asText() + " items";
            default -> "is invalid (" + message.getType() + ")";
        };
    }

    private static String pattern(String location, JsonNode instance) {
        if (location.contains("/$defs/duration")) {
            return DURATION;
        }
        if (location.contains("/$defs/address")) {
            return "'" + instance.asText() + "' is not an IPv4 or IPv6 address or CIDR block";
        }
        return "does not have the expected form";
    }

    /** {@code ; allowed: a, b, c} from the {@code properties} next to the failing {@code additionalProperties}. */
    private static String allowedKeys(ValidationMessage message, JsonNode schemaTree) {
        JsonNode parent = at(schemaTree, message.getSchemaLocation().getFragment(), 1);
        List<String> keys = new ArrayList<>();
        parent.path("properties").fieldNames().forEachRemaining(keys::add);
        return keys.isEmpty() ? "" : "; allowed: " + String.join(", ", keys);
    }

    /** The value of the failing keyword in the schema. */
    private static JsonNode schemaNode(ValidationMessage message, JsonNode schemaTree) {
        return at(schemaTree, message.getSchemaLocation().getFragment(), 0);
    }

    private static String fragment(ValidationMessage message) {
        JsonNodePath path = message.getSchemaLocation().getFragment();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            text.append('/').append(path.getElement(i));
        }
        return text.toString();
    }

    /** The schema node at {@code path} less its last {@code up} segments; missing when there is none. */
    private static JsonNode at(JsonNode schemaTree, JsonNodePath path, int up) {
        JsonNode node = schemaTree;
        for (int i = 0; i < path.getNameCount() - up; i++) {
            Object element = path.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(String.valueOf(element));
        }
        return node;
    }

    private static String join(JsonNode values) {
        List<String> items = new ArrayList<>();
        values.forEach(value -> items.add(value.asText()));
        return String.join(", ", items);
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "array", "object" -> "an " + type;
            default -> "a " + type;
        };
    }

    private static String describe(JsonNode instance) {
        if (instance == null || instance.isNull()) {
            return "null";
        } else if (instance.isTextual()) {
            return "a string";
        } else if (instance.isBoolean()) {
            return "a boolean";
        } else if (instance.isIntegralNumber()) {
            return "an integer";
        } else if (instance.isNumber()) {
            return "a number with a fraction";
        } else if (instance.isArray()) {
            return "an array";
        }
        return "an object";
    }
}
