package dev.agentwarden.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code META-INF/openapi.yaml} (merged into {@code /openapi} by Payara and WildFly) against the contract: every method
 * and path of the table of {@code docs/api.md} §2 must be in it, so a path added to the contract and not to the document
 * fails here.
 *
 * <p>How a row's first cell is read: methods ({@code GET}, {@code GET / DELETE}, {@code POST/GET/DELETE}) apply to the
 * backticked paths after them, until other methods come; a query string is not part of a path; a path that starts with
 * {@code …} continues the row's previous path: from where the previous path has the suffix's first segment
 * ({@code …/whitelist?ip=} after {@code /api/agents/{agent}/security/whitelist}), else after its end
 * ({@code …/credentials/{client_id}} after {@code /api/service-accounts/{name}}).
 *
 * <p>One decision: the row {@code POST/GET/DELETE /api/alerts} is read as DELETE {@code /api/alerts/{id}}, because
 * api.md says below the table "{@code DELETE /api/alerts/{id}} → 204" (a DELETE of the whole collection is not meant);
 * the test checks that sentence is still there.
 *
 * <p>mutualTLS: OpenAPI 3.0.3 has no such security scheme type (3.1 does), so the document describes client certificates
 * in the {@code x-mutual-tls} extension of {@code components} (3.1's shape) and in the bearer scheme's and info's
 * descriptions, and declares only {@code basicAuth} and {@code bearerAuth} as schemes.
 */
class OpenApiDocumentTest {

    private static final Path CONTRACT = Path.of("docs/api.md");
    private static final Path DOCUMENT = Path.of("src/main/resources/META-INF/openapi.yaml");
    private static final Pattern TOKEN = Pattern.compile(
            "(?<methods>\\b(?:GET|POST|PUT|DELETE|PATCH)\\b(?:\\s*/\\s*(?:GET|POST|PUT|DELETE|PATCH)\\b)*)|`(?<path>[^`]+)`");
    private static final String ALERTS_DELETE = "`DELETE /api/alerts/{id}` → 204";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** "METHOD path" of every row of §2's table. */
    static Set<String> contractOperations(String contract) {
        int start = contract.indexOf("\n## 2.");
        int end = contract.indexOf("\n## 3.", start);
        Set<String> operations = new LinkedHashSet<>();
        for (String line : contract.substring(start, end).split("\n")) {
            if (!line.startsWith("| ") || line.startsWith("|---")) {
                continue;
            }
            String cell = line.substring(1).split("(?<!\\\\)\\|")[0];
            operations.addAll(operationsOf(cell));
        }
        return operations;
    }

    /** The operations one first cell names, e.g. {@code GET / POST `/a/whitelist`, DELETE `…/whitelist?ip=`}. */
    static List<String> operationsOf(String cell) {
        List<String> operations = new ArrayList<>();
        List<String> methods = List.of();
        String previous = null;
        Matcher token = TOKEN.matcher(cell);
        while (token.find()) {
            if (token.group("methods") != null) {
                methods = List.of(token.group("methods").replace(" ", "").split("/"));
                continue;
            }
            String path = token.group("path").replace("\\|", "|");
            int query = path.indexOf('?');
            path = query < 0 ? path : path.substring(0, query);
            if (!path.startsWith("/") && !path.startsWith("…")) {
                continue;
            }
            path = path.startsWith("…") ? continued(previous, path.substring(1)) : path;
            for (String method : methods) {
                operations.add(method + " " + ("DELETE".equals(method) && path.equals("/api/alerts") ? "/api/alerts/{id}"
                        : path));
            }
            previous = path;
        }
        return operations;
    }

    /** {@code suffix} (after a {@code …}) continued from {@code previous}. */
    static String continued(String previous, String suffix) {
        String first = suffix.split("/")[1];
        int at = previous.indexOf("/" + first);
        boolean segment = at >= 0 && (at + first.length() + 1 == previous.length()
                || previous.charAt(at + first.length() + 1) == '/');
        return (segment ? previous.substring(0, at) : previous) + suffix;
    }

    /** "METHOD path" of every operation of the OpenAPI document. */
    static Set<String> documentOperations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (method.getKey().matches("get|put|post|delete|patch|head|options")) {
                operations.add(method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    private static JsonNode document() throws IOException {
        return YAML.readTree(DOCUMENT.toFile());
    }

    @Test
    void everyOperationOfTheContractIsInTheDocument() throws IOException {
        String contract = Files.readString(CONTRACT);
        assertTrue(contract.contains(ALERTS_DELETE), "the reading of DELETE /api/alerts rests on: " + ALERTS_DELETE);
        Set<String> expected = contractOperations(contract);
        assertTrue(expected.size() >= 35, "the table was read: " + expected);
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(documentOperations(document()));
        assertEquals(Set.of(), missing, "in docs/api.md §2, not in META-INF/openapi.yaml");
    }

    @Test
    void theRowsThatNeedCareAreReadAsMeant() {
        assertEquals(List.of("GET /api/agents/{agent}/sessions/{id}", "DELETE /api/agents/{agent}/sessions/{id}"),
                operationsOf(" GET / DELETE `/api/agents/{agent}/sessions/{id}` "));
        assertEquals(List.of("POST /api/alerts", "GET /api/alerts", "DELETE /api/alerts/{id}"),
                operationsOf(" POST/GET/DELETE `/api/alerts` "));
        assertEquals(List.of("GET /api/agents/{agent}/security/whitelist", "POST /api/agents/{agent}/security/whitelist",
                "DELETE /api/agents/{agent}/security/whitelist"),
                operationsOf(" GET / POST `/api/agents/{agent}/security/whitelist`, DELETE `…/whitelist?ip=` "));
        assertEquals(List.of("DELETE /api/me/mfa", "DELETE /api/users/{name}/mfa"),
                operationsOf(" DELETE `/api/me/mfa`, DELETE `/api/users/{name}/mfa` "));
        assertEquals(List.of("GET /api/service-accounts/{name}", "DELETE /api/service-accounts/{name}",
                "DELETE /api/service-accounts/{name}/credentials/{client_id}"),
                operationsOf(" GET / DELETE `/api/service-accounts/{name}`, DELETE `…/credentials/{client_id}` "));
        assertEquals(List.of("GET /api/auth/oauth2/authorize", "GET /api/auth/oauth2/callback"),
                operationsOf(" GET `/api/auth/oauth2/authorize`, `/api/auth/oauth2/callback` "));
        assertEquals(List.of("GET /api/agents/{agent}/audit/export"),
                operationsOf(" GET `/api/agents/{agent}/audit/export?period=30d&format=ndjson\\|csv` "));
    }

    @Test
    void aPathMissingFromTheDocumentIsReported() throws IOException {
        ObjectNode document = (ObjectNode) document();
        ((ObjectNode) document.path("paths")).remove("/api/alerts/{id}");
        Set<String> missing = new TreeSet<>(contractOperations(Files.readString(CONTRACT)));
        missing.removeAll(documentOperations(document));
        assertEquals(Set.of("DELETE /api/alerts/{id}"), missing);
    }

    @Test
    void healthAndReadyAreThereWithoutAuthentication() throws IOException {
        JsonNode paths = document().path("paths");
        for (String path : List.of("/health", "/ready")) {
            assertTrue(paths.path(path).path("get").path("security").isArray(), path);
            assertTrue(paths.path(path).path("get").path("security").isEmpty(), path + " needs no credential");
        }
    }

    @Test
    void itIsOpenApi303WithTheSchemesAndTheProblemShape() throws IOException {
        JsonNode document = document();
        assertEquals("3.0.3", document.path("openapi").asText());
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertEquals("basic", schemes.path("basicAuth").path("scheme").asText());
        assertEquals("bearer", schemes.path("bearerAuth").path("scheme").asText());
        assertEquals("mutualTLS", document.path("components").path("x-mutual-tls").path("type").asText());
        JsonNode problem = document.path("components").path("schemas").path("Problem").path("properties");
        for (String field : List.of("type", "title", "status", "detail", "code")) {
            assertTrue(problem.has(field), "Problem." + field);
        }
        document.path("components").path("responses").properties().forEach(response -> assertTrue(
                response.getValue().path("content").has("application/problem+json"), response.getKey()));
    }

    @Test
    void everyReferenceResolves() throws IOException {
        JsonNode document = document();
        Matcher ref = Pattern.compile("\"\\$ref\":\"#/([^\"]+)\"").matcher(document.toString());
        while (ref.find()) {
            JsonNode target = document.at("/" + ref.group(1));
            assertTrue(!target.isMissingNode(), "#/" + ref.group(1));
        }
    }
}
