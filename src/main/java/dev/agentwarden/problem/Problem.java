package dev.agentwarden.problem;

import dev.agentwarden.json.Json;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 problem document with the stable {@code code} of API.md; the one error shape under {@code /api}. */
public final class Problem {

    /** The media type of every error under {@code /api}. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    /** A response of {@code status} with a problem document. {@code detail} must never carry secrets or input. */
    public static Response of(int status, String code, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://agent-warden.dev/problems/" + code.replace('_', '-'));
        body.put("title", Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error");
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        return Response.status(status).type(MEDIA_TYPE).entity(Json.writeBytes(body)).build();
    }
}
