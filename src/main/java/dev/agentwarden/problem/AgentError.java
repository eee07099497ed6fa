package dev.agentwarden.problem;

import dev.agentwarden.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Errors on agent routes, in the SDK's shape {@code {"error": "..."}}. */
public final class AgentError {

    /** The messages are a handful of constants, answered often (404s, refusals): each is serialised once. */
    private static final Map<String, byte[]> BODIES = new ConcurrentHashMap<>();
    private static final int MAX_BODIES = 64;

    private AgentError() {
    }

    /** A response of {@code status} carrying {@code {"error": message}}. */
    public static Response of(Response.Status status, String message) {
        return of(status.getStatusCode(), message);
    }

    /** A response of {@code status} carrying {@code {"error": message}}. */
    public static Response of(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body(message)).build();
    }

    private static byte[] body(String message) {
        byte[] body = BODIES.get(message);
        if (body == null) {
            body = Json.writeBytes(Map.of("error", message));
            if (BODIES.size() < MAX_BODIES) {
                BODIES.put(message, body);
            }
        }
        return body;
    }
}
