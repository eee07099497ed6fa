package dev.agentwarden.agentconfig;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.agentwarden.agentconfig.AgentConfigDocument.Auth;
import dev.agentwarden.agentconfig.AgentConfigDocument.AuthType;
import dev.agentwarden.agentconfig.AgentConfigDocument.Hsts;
import dev.agentwarden.agentconfig.AgentConfigDocument.IpWhitelistPolicy;
import dev.agentwarden.agentconfig.AgentConfigDocument.Mfa;
import dev.agentwarden.agentconfig.AgentConfigDocument.MfaOperation;
import dev.agentwarden.agentconfig.AgentConfigDocument.Mtls;
import dev.agentwarden.agentconfig.AgentConfigDocument.RateLimit;
import dev.agentwarden.agentconfig.AgentConfigDocument.Rotation;
import dev.agentwarden.agentconfig.AgentConfigDocument.Security;
import dev.agentwarden.agentconfig.AgentConfigDocument.Webhooks;
import dev.agentwarden.ipfilter.IpWhitelist;
import dev.agentwarden.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an agent config document (JSON bytes, a Jackson tree, or the values {@link Json#parse} gives) into an
 * {@link AgentConfigDocument}, or into the list of what is wrong with it: one {@link FieldError} per failing location,
 * its pointer relative to the document ({@code /security/ipWhitelist/addresses/0}), its detail in plain words.
 *
 * <p>Two passes: the JSON Schema {@code schema/agent-config.json} (draft 2020-12, networknt), which checks keys, types,
 * ranges, durations and the rough shape of addresses; then the exact checks the schema cannot make (each whitelist
 * entry through the IPAddress library, as {@link IpWhitelist#normalise}). Built once; thread-safe.
 */
public final class AgentConfigValidator {

    /** The class-path location of the schema (served as {@code GET /api/schema/agent-config.json}). */
    public static final String SCHEMA_RESOURCE = "/schema/agent-config.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JsonNode schemaTree;
    private final JsonSchema schema;

    /** Loads and compiles the schema. */
    public AgentConfigValidator() {
        this.schemaTree = readTree(schemaBytes());
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaTree);
        this.schema.initializeValidators();
    }

    /** One failing location: a JSON pointer relative to the config document and what is wrong there. */
    public record FieldError(String pointer, String detail) {

        /** {@code {"pointer": ..., "detail": ...}}, for a problem's {@code errors}. */
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("pointer", pointer);
            map.put("detail", detail);
            return map;
        }
    }

    /** The document (when valid) or the errors (when not; then {@code document} is null). */
    public record Result(AgentConfigDocument document, List<FieldError> errors) {

        /** Errors are copied. */
        public Result {
            errors = List.copyOf(errors);
        }

        /** Whether the document is valid (there are no errors). */
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** The schema's bytes, as stored. */
    public static byte[] schemaBytes() {
        try (InputStream in = AgentConfigValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Validates JSON bytes; {@link Json.MalformedJsonException} when they are not one JSON value (or repeat a key). */
    public Result validate(byte[] json) {
        return validate(readTree(json));
    }

    /** Validates the values {@link Json#parse} gives (maps, lists, strings, numbers, booleans, null). */
    public Result validate(Object values) {
        return validate(values instanceof JsonNode node ? node : MAPPER.valueToTree(values));
    }

    /** Validates a Jackson tree. */
    public Result validate(JsonNode config) {
        JsonNode root = config == null ? MAPPER.nullNode() : config;
        Map<String, FieldError> errors = new LinkedHashMap<>();
        for (ValidationMessage message : schema.validate(root)) {
            String pointer = pointer(message);
            errors.putIfAbsent(pointer, new FieldError(pointer, ValidationDetails.detail(message, schemaTree)));
        }
        JsonNode addresses = root.path("security").path("ipWhitelist").path("addresses");
        for (int i = 0; i < addresses.size(); i++) {
            String pointer = "/security/ipWhitelist/addresses/" + i;
            JsonNode entry = addresses.get(i);
            if (entry.isTextual() && !errors.containsKey(pointer)) {
                try {
                    IpWhitelist.normalise(entry.asText());
                } catch (IllegalArgumentException e) {
                    errors.put(pointer, new FieldError(pointer, e.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            List<FieldError> sorted = new ArrayList<>(errors.values());
            sorted.sort(Comparator.comparing(FieldError::pointer, AgentConfigValidator::comparePointers));
            return new Result(null, sorted);
        }
        return new Result(bind(root), List.of());
    }

    /** The pointer of the failing location: the instance's, plus the key for unknown and missing keys. */
    private static String pointer(ValidationMessage message) {
        StringBuilder pointer = new StringBuilder();
        JsonNodePath path = message.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            appendSegment(pointer, String.valueOf(path.getElement(i)));
        }
        String type = message.getType();
        if (("additionalProperties".equals(type) || "required".equals(type)) && message.getProperty() != null) {
            appendSegment(pointer, message.getProperty());
        }
        return pointer.toString();
    }

    private static void appendSegment(StringBuilder pointer, String segment) {
        pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
    }

    /** Pointer order: segment by segment, array indices by number ({@code /2} before {@code /10}). */
    static int comparePointers(String a, String b) {
        String[] x = a.split("/", -1);
        String[] y = b.split("/", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].matches("[0-9]{1,9}") && y[i].matches("[0-9]{1,9}")
                    ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static JsonNode readTree(byte[] json) {
        try {
            JsonNode node = json == null ? null : MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new Json.MalformedJsonException();
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new Json.MalformedJsonException();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document of a tree the schema accepted. */
    private static AgentConfigDocument bind(JsonNode root) {
        JsonNode a = root.path("auth");
        Auth auth = new Auth(a.has("type") ? AuthType.fromWire(a.get("type").asText()) : AuthType.NONE,
                text(a, "provider"), text(a, "clientId"), text(a, "clientSecret"), texts(a.path("scopes")));
        JsonNode s = root.path("security");
        JsonNode ip = s.path("ipWhitelist");
        JsonNode rate = s.path("rateLimit");
        JsonNode mfa = s.path("mfa");
        JsonNode hsts = s.path("hsts");
        List<MfaOperation> operations = texts(mfa.path("operations")).stream().map(MfaOperation::fromWire).toList();
        Security security = new Security(
                new IpWhitelistPolicy(ip.path("enabled").asBoolean(false), texts(ip.path("addresses"))),
                new RateLimit(rate.path("enabled").asBoolean(false),
                        rate.path("requests").asInt(RateLimit.OFF.requests()), text(rate, "window")),
                new Mfa(mfa.path("enabled").asBoolean(false), Set.copyOf(operations)),
                new Rotation(text(s.path("rotation"), "interval")),
                new Mtls(s.path("mtls").path("enabled").asBoolean(false)),
                s.path("enforceHttps").asBoolean(false),
                new Hsts(hsts.path("enabled").asBoolean(false), hsts.path("maxAge").asInt(Hsts.OFF.maxAge()),
                        hsts.path("includeSubDomains").asBoolean(false)),
                new Webhooks(s.path("webhooks").path("requireTimestamp").asBoolean(false)));
        return new AgentConfigDocument(auth, security);
    }

    private static String text(JsonNode object, String key) {
        JsonNode value = object.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }
}
