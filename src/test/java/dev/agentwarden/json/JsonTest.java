package dev.agentwarden.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void valuesParseToPlainJava() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "x\u00e9\n");
        expected.put("i", 7L);
        expected.put("neg", -9223372036854775808L);
        expected.put("big", new BigInteger("9223372036854775808"));
        expected.put("d", 1.5);
        expected.put("e", 100.0);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("n", null);
        expected.put("a", Arrays.asList(1L, "two", List.of(3.25), Map.of()));

        Object parsed = Json.parse("{\"s\":\"x\\u00e9\\n\",\"i\":7,\"neg\":-9223372036854775808,"
                + "\"big\":9223372036854775808,\"d\":1.5,\"e\":1e2,\"t\":true,\"f\":false,\"n\":null,"
                + "\"a\":[1,\"two\",[3.25],{}]}");

        assertEquals(expected, parsed);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) parsed).keySet()));
    }

    @Test
    void topLevelScalarsAndArraysParse() {
        assertEquals("text", Json.parse("  \"text\" "));
        assertEquals(List.of(1L, 2L), Json.parse("[1,2]"));
    }

    @Test
    void writtenValuesReadBack() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("quote", "a \" b \\ c \u2028");
        value.put("list", List.of(1L, 2.5, true));

        assertEquals(value, Json.parse(Json.write(value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "{", "{\"a\":}", "{\"a\":1}x", "{\"a\":1} {}", "[1,]", "{'a':1}", "nul",
        "{\"a\":NaN}", "// c\n{}", "{\"a\":01}", "\"unterminated", "{\"a\" 1}"})
    void malformedTextIsRefusedWithoutDetail(String text) {
        Json.MalformedJsonException e = assertThrows(Json.MalformedJsonException.class, () -> Json.parse(text));

        assertEquals("Malformed JSON", e.getMessage());
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThrows(Json.MalformedJsonException.class, () -> Json.parse(body));
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        assertThrows(Json.MalformedJsonException.class, () -> Json.parse(deep));
    }
}
