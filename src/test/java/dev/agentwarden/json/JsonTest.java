package dev.agentwarden.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonObject;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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

    /** The bytes on the wire are those JSON-P wrote before (escapes, numbers, key order): clients see no change. */
    @Test
    void writtenBytesMatchJsonP() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ slash / tab \t nl \n cr \r bell \u0007 nul \u0000 \u00e9 \u20ac \ud83d\ude00");
        value.put("long", Long.MIN_VALUE);
        value.put("int", 42);
        value.put("double", 0.1);
        value.put("small", 1.0E-7);
        value.put("large", 1.0E21);
        value.put("decimal", new BigDecimal("12.50"));
        value.put("bigint", new BigInteger("123456789012345678901234567890"));
        value.put("bool", false);
        value.put("nothing", null);
        value.put("nested", List.of(Map.of("k", List.of()), new Object[] {"x", 1}));

        StringWriter expected = new StringWriter();
        try (JsonGenerator gen = jakarta.json.Json.createGenerator(expected)) {
            gen.writeStartObject().write("text", (String) value.get("text")).write("long", Long.MIN_VALUE)
                    .write("int", 42).write("double", 0.1).write("small", 1.0E-7).write("large", 1.0E21)
                    .write("decimal", new BigDecimal("12.50"))
                    .write("bigint", new BigInteger("123456789012345678901234567890")).write("bool", false)
                    .writeNull("nothing").writeStartArray("nested").writeStartObject().writeStartArray("k").writeEnd()
                    .writeEnd().writeStartArray().write("x").write(1).writeEnd().writeEnd().writeEnd();
        }

        assertEquals(expected.toString(), Json.write(value));
        assertArrayEquals(expected.toString().getBytes(StandardCharsets.UTF_8), Json.writeBytes(value));
    }

    /** JSON has no NaN or infinity: writing one fails rather than producing a document no client can parse. */
    @Test
    void nanIsNotWritten() {
        assertThrows(NumberFormatException.class, () -> Json.write(Map.of("x", Double.NaN)));
        assertThrows(NumberFormatException.class, () -> Json.write(List.of(Double.POSITIVE_INFINITY)));
    }

    /** A JSON-P value (an agent may build one) is written as its own JSON text. */
    @Test
    void jsonPValuesAreWrittenAsTheirText() {
        JsonObject object = jakarta.json.Json.createObjectBuilder().add("a", 1).add("b", "c").build();

        assertEquals("{\"v\":{\"a\":1,\"b\":\"c\"}}", Json.write(Map.of("v", object)));
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
