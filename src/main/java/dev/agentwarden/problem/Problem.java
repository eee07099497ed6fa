package dev.agentwarden.problem;

import dev.agentwarden.json.Json;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem document with the stable {@code code} of API.md; the one error shape under {@code /api}. */
public final class Problem {

    /** The media type of every error under {@code /api}. */
    public static final String MEDIA_TYPE = "application/problem+json";

    private Problem() {
    }

    /** A response of {@code status} with a problem document. {@code detail} must never carry secrets or input. */
    public static Response of(int status, String code, String detail) {
        return Response.status(status).type(MEDIA_TYPE).entity(Json.writeBytes(ProblemBody.of(status, code, detail)))
                .build();
    }
}
