package dev.agentwarden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;

/** Assertions on {@code /api}'s problem+json answers. */
final class Problems {

    private Problems() {
    }

    /** Status, media type and {@code code}; returns the problem for further checks. */
    static JsonObject assertProblem(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = Swml.object(response.body());
        assertEquals(status, problem.getInt("status"));
        assertEquals(code, problem.getString("code"));
        return problem;
    }

    /** A 401 with its Bearer challenge; {@code tokenSent} adds {@code error="invalid_token"}. */
    static void assertUnauthorized(HttpResponse<String> response, String code, boolean tokenSent) {
        assertProblem(response, 401, code);
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertEquals(true, challenge.startsWith("Bearer realm=\"agent-warden\""), challenge);
        assertEquals(tokenSent, challenge.contains("error=\"invalid_token\""), challenge);
    }
}
