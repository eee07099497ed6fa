package dev.agentwarden.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentwarden.json.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgumentValidatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ArgumentValidator validator = new ArgumentValidator(Map.of(
            "type", "object",
            "properties", Map.of(
                    "amount", Map.of("type", "number", "exclusiveMinimum", 0),
                    "count", Map.of("type", "integer"),
                    "to_account", Map.of("type", "string", "pattern", "^[0-9]{10}$"),
                    "tags", Map.of("type", "array", "items", Map.of("type", "string"))),
            "required", List.of("amount", "to_account"),
            "additionalProperties", false));

    @Test
    void parsedBodiesBecomeTheTreesJacksonWouldBuild() {
        Object parsed = Json.parse("{\"s\":\"x\",\"i\":7,\"big\":123456789012345678901234567890,\"d\":1.5,"
                + "\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"two\",[3.0],{\"k\":{}}],\"o\":{\"nested\":[]}}");

        assertEquals(MAPPER.valueToTree(parsed), ArgumentValidator.tree(parsed));
    }

    @Test
    void otherJavaValuesGoThroughJackson() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("decimal", new BigDecimal("1.25"));
        values.put("int", 3);
        values.put("array", new String[] {"a", "b"});
        values.put("list", new ArrayList<>(Arrays.asList(BigInteger.TEN, null)));

        assertEquals(MAPPER.valueToTree(values), ArgumentValidator.tree(values));
    }

    @Test
    void validArgumentsPass() {
        assertEquals(List.of(), validate("{\"amount\":100,\"to_account\":\"1234567890\",\"count\":2,\"tags\":[\"a\"]}"));
    }

    @Test
    void aStringWhereANumberIsDeclaredIsRefused() {
        assertEquals(List.of("$.amount: string found, number expected"),
                validate("{\"amount\":\"100\",\"to_account\":\"1234567890\"}"));
    }

    @Test
    void aFractionWhereAnIntegerIsDeclaredIsRefused() {
        assertEquals(List.of("$.count: number found, integer expected"),
                validate("{\"amount\":1,\"to_account\":\"1234567890\",\"count\":1.5}"));
    }

    @Test
    void aMissingRequiredArgumentIsRefused() {
        assertEquals(List.of("$: required property 'to_account' not found"), validate("{\"amount\":1}"));
    }

    @Test
    void anUndeclaredArgumentIsRefused() {
        assertEquals(1, validate("{\"amount\":1,\"to_account\":\"1234567890\",\"extra\":1}").size());
    }

    @Test
    void aWrongItemTypeInsideAnArrayIsRefused() {
        assertEquals(List.of("$.tags[1]: integer found, string expected"),
                validate("{\"amount\":1,\"to_account\":\"1234567890\",\"tags\":[\"a\",2]}"));
    }

    @SuppressWarnings("unchecked")
    private List<String> validate(String json) {
        return validator.validate((Map<String, Object>) Json.parse(json));
    }
}
