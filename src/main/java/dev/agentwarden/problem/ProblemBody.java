package dev.agentwarden.problem;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of an RFC 9457 problem document, for JAX-RS responses and the authentication mechanism alike. */
public final class ProblemBody {

    private ProblemBody() {
    }

    /** {@code type}, {@code title}, {@code status}, {@code detail}, {@code code}. */
    public static Map<String, Object> of(int status, String code, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://agent-warden.dev/problems/" + code.replace('_', '-'));
        body.put("title", known != null ? known.getReasonPhrase() : status == 429 ? "Too Many Requests" : "Error");
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        return body;
    }
}
