package dev.agentwarden.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain-Java JSON values (Map, List, String, Number, Boolean, null) read and written with Jackson's streaming API.
 *
 * <p>Agents describe SWML, schemas and function results as maps and lists, as the Python SDK does with dicts;
 * this class is the one place that turns them into bytes and back. Reading uses Jackson's streaming parser (already
 * here for JSON Schema validation), which builds the Java values in one pass, where a JSON-P reader would build its own
 * tree first: bodies are parsed on every webhook call. Writing uses Jackson's generator too (JSON-P's allocated a
 * generator and its buffers per response). The factory is created once and recycles its buffers per thread.
 */
public final class Json {

    /** Characters outside the BMP go out as their four UTF-8 bytes, as JSON-P wrote them, not as escaped pairs. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private Json() {
    }

    /** Parses a JSON document into Java values; {@link MalformedJsonException} when it is not JSON. */
    public static Object parse(byte[] body) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() == null) {
                throw new MalformedJsonException();
            }
            Object value = read(parser);
            if (parser.nextToken() != null) {
                throw new MalformedJsonException();
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedJsonException malformed) {
                throw malformed;
            }
            throw new MalformedJsonException();
        }
    }

    /**
     * The value at the parser's current token, its last token consumed: objects to ordered maps, integral numbers to
     * Long (BigInteger beyond), others to Double.
     */
    private static Object read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                Map<String, Object> map = new LinkedHashMap<>();
                for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                    parser.nextToken();
                    map.put(key, read(parser));
                }
                return map;
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    list.add(read(parser));
                }
                return list;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? integral(parser.getBigIntegerValue()) : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new MalformedJsonException();
        }
    }

    private static Object integral(BigInteger exact) {
        return exact.bitLength() < 64 ? (Object) exact.longValue() : exact;
    }

    /** Parses a JSON text into Java values; {@link MalformedJsonException} when it is not JSON. */
    public static Object parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Serialises a Java value tree to a JSON string. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        write(value, out);
        return out.toString();
    }

    /** Serialises a Java value tree to UTF-8 bytes. */
    public static byte[] writeBytes(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(value, out);
        return out.toByteArray();
    }

    /** Serialises a Java value tree to a writer. */
    public static void write(Object value, Writer out) {
        try (JsonGenerator gen = FACTORY.createGenerator(out)) {
            writeValue(gen, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serialises a Java value tree to a stream, UTF-8. */
    public static void write(Object value, OutputStream out) {
        try (JsonGenerator gen = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            writeValue(gen, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one value (recursively) where the generator may take a value. */
    private static void writeValue(JsonGenerator gen, Object value) throws IOException {
        if (value == null) {
            gen.writeNull();
        } else if (value instanceof String s) {
            gen.writeString(s);
        } else if (value instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            gen.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            gen.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            gen.writeNumber(i);
        } else if (value instanceof Number n) {
            writeDouble(gen, n.doubleValue());
        } else if (value instanceof Map<?, ?> map) {
            gen.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                gen.writeFieldName(String.valueOf(e.getKey()));
                writeValue(gen, e.getValue());
            }
            gen.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            gen.writeStartArray();
            for (Object item : list) {
                writeValue(gen, item);
            }
            gen.writeEndArray();
        } else if (value instanceof Object[] array) {
            writeValue(gen, List.of(array));
        } else if (value instanceof JsonValue json) {
            // A JSON-P value prints as its own JSON text.
            gen.writeRawValue(json.toString());
        } else if (value instanceof JsonWritable writable) {
            writeValue(gen, writable.toJson());
        } else {
            gen.writeString(value.toString());
        }
    }

    /** JSON has no NaN or infinity: as JSON-P does, refuse them rather than write an invalid document. */
    private static void writeDouble(JsonGenerator gen, double value) throws IOException {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new NumberFormatException("JSON cannot represent " + value);
        }
        gen.writeNumber(value);
    }

    /** Raised when a body is not well-formed JSON; carries no parser detail (it may echo input). */
    public static final class MalformedJsonException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedJsonException() {
            super("Malformed JSON", null, false, false);
        }
    }
}
