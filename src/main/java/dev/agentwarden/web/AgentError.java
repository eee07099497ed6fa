package dev.agentwarden.web;

import dev.agentwarden.json.Json;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Errors on agent routes, in the SDK's shape {@code {"error": "..."}}. */
public final class AgentError {

    private AgentError() {
    }

    /** A response of {@code status} carrying {@code {"error": message}}. */
    public static Response of(Response.Status status, String message) {
        return of(status.getStatusCode(), message);
    }

    /** A response of {@code status} carrying {@code {"error": message}}. */
    public static Response of(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Json.writeBytes(Map.of("error", message))).build();
    }
}
