package dev.agentwarden.problem;

import dev.agentwarden.json.Json;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** An RFC 9457 problem document with the stable {@code code} of API.md; the one error shape under {@code /api}. */
public final class Problem {

    /** The media type of every error under {@code /api}. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    /** A problem document with extension {@code members} (RFC 9457 §3.2), e.g. a validation failure's errors. */
    public static Response of(int status, String code, String detail, Map<String, Object> members) {
        Map<String, Object> body = ProblemBody.of(status, code, detail);
        body.putAll(members);
        return Response.status(status).type(MEDIA_TYPE).entity(Json.writeBytes(body)).build();
    }

    /** A response of {@code status} with a problem document. {@code detail} must never carry secrets or input. */
    public static Response of(int status, String code, String detail) {
        return Response.status(status).type(MEDIA_TYPE).entity(Json.writeBytes(ProblemBody.of(status, code, detail)))
                .build();
    }
}
