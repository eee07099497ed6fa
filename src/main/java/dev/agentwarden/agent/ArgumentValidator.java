package dev.agentwarden.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks SWAIG arguments against a function's declared JSON Schema (draft 2020-12 keywords, as SignalWire's
 * function definitions use) before its handler runs. Built once per function; thread-safe.
 */
public final class ArgumentValidator {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonSchema schema;

    public ArgumentValidator(Map<String, Object> schema) {
        this.schema = FACTORY.getSchema(MAPPER.valueToTree(schema));
        this.schema.initializeValidators();
    }

    /** The failures, one line each ({@code "$.amount: string found, number expected"}); empty when valid. */
    public List<String> validate(Map<String, Object> arguments) {
        Set<ValidationMessage> messages = schema.validate(tree(arguments));
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /**
     * The JSON values a request body parses to ({@code dev.agentwarden.json.Json}: maps, lists, strings, Long,
     * BigInteger, Double, Boolean, null) as Jackson nodes, built directly: {@code valueToTree} serialises through a
     * token buffer, and did so on every SWAIG call. Anything else goes through {@code valueToTree}.
     */
    static JsonNode tree(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        } else if (value instanceof String text) {
            return TextNode.valueOf(text);
        } else if (value instanceof Boolean bool) {
            return BooleanNode.valueOf(bool);
        } else if (value instanceof Long number) {
            return LongNode.valueOf(number);
        } else if (value instanceof Double number) {
            return DoubleNode.valueOf(number);
        } else if (value instanceof BigInteger number) {
            return BigIntegerNode.valueOf(number);
        } else if (value instanceof BigDecimal number) {
            return DecimalNode.valueOf(number);
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            map.forEach((key, item) -> object.set(String.valueOf(key), tree(item)));
            return object;
        } else if (value instanceof Collection<?> items) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode(items.size());
            items.forEach(item -> array.add(tree(item)));
            return array;
        }
        return MAPPER.valueToTree(value);
    }
}
