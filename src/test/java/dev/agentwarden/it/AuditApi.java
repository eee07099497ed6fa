package dev.agentwarden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code /api} calls the audit integration tests make: an admin of their own, keys, users, audit queries. The
 * audit log is written in the background, so {@link #awaitEvents} polls until what a test expects is there.
 */
final class AuditApi {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-Password-0123456789";
    static final String AGENT = "secure-agent";

    private final Http http;

    AuditApi(Http http) {
        this.http = http;
    }

    /**
     * Settings for a deployment with its own database in {@code dataDir} (kept across a restart) and a known admin.
     * The file outranks the environment ({@code config_ordinal}), so an exported {@code WARDEN_DATA_DIR} cannot
     * redirect it.
     */
    static Map<String, String> config(Path dataDir) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("config_ordinal", "500");
        config.put("WARDEN_DATA_DIR", dataDir.toAbsolutePath().toString().replace('\\', '/'));
        config.put("WARDEN_ADMIN_USER", ADMIN);
        config.put("WARDEN_ADMIN_PASSWORD", ADMIN_PASSWORD);
        return config;
    }

    /** A new empty directory under {@code target/} for one test class's database. */
    static Path dataDir(String name) {
        Path target = Path.of(System.getProperty("warden.war", "target/agent-warden.war")).toAbsolutePath().getParent();
        try {
            return Files.createTempDirectory(target, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String admin() {
        return Http.basic(ADMIN, ADMIN_PASSWORD);
    }

    HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = http.request(path).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return Http.send(request);
    }

    HttpResponse<String> post(String path, String authorization, String json) {
        return Http.send(http.request(path).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Creates a key of the example agent as the admin; the 201 body. */
    JsonObject createKey(String name) {
        HttpResponse<String> created = post("api/agents/" + AGENT + "/keys", admin(), "{\"name\":\"" + name + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        return object(created.body());
    }

    /** Creates a user with {@code role} as the admin. */
    void createUser(String username, String password, String role) {
        HttpResponse<String> created = post("api/users", admin(), "{\"username\":\"" + username + "\",\"password\":\""
                + password + "\",\"roles\":[\"" + role + "\"]}");
        assertEquals(201, created.statusCode(), created.body());
    }

    /** The admin's view of {@code api/agents/secure-agent/audit?query}, asserted 200. */
    JsonArray events(String query) {
        HttpResponse<String> response = get("api/agents/" + AGENT + "/audit" + (query.isEmpty() ? "" : "?" + query),
                admin());
        return array(response);
    }

    /** Polls {@link #events} until {@code expected} holds (at most 15 s); the last answer. */
    JsonArray awaitEvents(String query, Predicate<JsonArray> expected) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        JsonArray events = events(query);
        while (!expected.test(events) && System.nanoTime() < deadline) {
            sleep(100);
            events = events(query);
        }
        return events;
    }

    /** The JSON array of a 200 answer. */
    static JsonArray array(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
