package dev.agentwarden.swaig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
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
        JsonNode node = MAPPER.valueToTree(arguments);
        Set<ValidationMessage> messages = schema.validate(node);
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
