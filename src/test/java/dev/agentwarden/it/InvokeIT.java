package dev.agentwarden.it;

import static dev.agentwarden.it.Problems.assertProblem;
import static dev.agentwarden.it.Problems.assertUnauthorized;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Users and roles (Shiro), invoke and sessions with their owners, over {@code /api}. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InvokeIT {

    private static final String INVOKE = "api/agents/secure-agent/invoke";
    private static final String SESSIONS = "api/agents/secure-agent/sessions";
    private static final String PASSWORD = "user-Password-0123456789";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war();
    }

    @ArquillianResource
    private URL base;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    /** A new user with {@code role}; returns its Basic header. */
    private String user(String role) {
        String name = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = http.json("POST", "api/users",
                "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + role + "\"]}",
                Http.admin());
        assertEquals(201, created.statusCode(), created.body());
        return Http.basic(name, PASSWORD);
    }

    private HttpResponse<String> invoke(String body, String auth) {
        return http.json("POST", INVOKE, body, auth);
    }

    @Test
    void theExampleAgentAnswersDeterministically() {
        HttpResponse<String> response = invoke("{\"message\":\"What is my balance?\"}", user("developer"));
        assertEquals(200, response.statusCode(), response.body());
        JsonObject reply = object(response.body());
        assertEquals("You said: \"What is my balance?\". I would call: get_balance. (turn 1)", reply.getString("reply"));
        assertEquals("secure-agent", reply.getString("agent"));
        assertFalse(reply.getString("session_id").isEmpty());
    }

    @Test
    void aSessionKeepsItsHistory() {
        String dev = user("developer");
        String session = object(invoke("{\"message\":\"Hello\"}", dev).body()).getString("session_id");
        HttpResponse<String> second = invoke("{\"message\":\"Transfer funds please\",\"session_id\":\"" + session + "\"}", dev);
        assertTrue(object(second.body()).getString("reply").endsWith("I would call: transfer_funds. (turn 2)"),
                second.body());
        JsonArray history = Swml.array(http.get(SESSIONS + "/" + session, dev).body());
        assertEquals(4, history.size());
        assertEquals("user", history.getJsonObject(0).getString("role"));
        assertEquals("Hello", history.getJsonObject(0).getString("content"));
        assertEquals("assistant", history.getJsonObject(3).getString("role"));
    }

    @Test
    void aSessionCreatedExplicitlyIsUsable() {
        String dev = user("developer");
        HttpResponse<String> created = http.json("POST", SESSIONS, "{\"user_id\":\"user123\"}", dev);
        assertEquals(201, created.statusCode(), created.body());
        JsonObject session = object(created.body());
        assertEquals("user123", session.getString("user_id"));
        HttpResponse<String> reply = invoke("{\"message\":\"Hi\",\"session_id\":\"" + session.getString("id") + "\"}", dev);
        assertEquals(200, reply.statusCode());
    }

    @Test
    void anotherUserCannotReadASession() {
        String owner = user("developer");
        String session = object(invoke("{\"message\":\"secret\"}", owner).body()).getString("session_id");
        assertProblem(http.get(SESSIONS + "/" + session, user("developer")), 403, "forbidden");
    }

    @Test
    void anotherUserCannotContinueASession() {
        String owner = user("developer");
        String session = object(invoke("{\"message\":\"mine\"}", owner).body()).getString("session_id");
        assertProblem(invoke("{\"message\":\"hijack\",\"session_id\":\"" + session + "\"}", user("developer")), 403,
                "forbidden");
    }

    @Test
    void anAdminMayReadAnySession() {
        String session = object(invoke("{\"message\":\"audit me\"}", user("developer")).body()).getString("session_id");
        assertEquals(200, http.get(SESSIONS + "/" + session, Http.admin()).statusCode());
    }

    @Test
    void anEndedSessionTakesNoMoreMessages() {
        String dev = user("developer");
        String session = object(invoke("{\"message\":\"bye\"}", dev).body()).getString("session_id");
        assertEquals(204, http.json("DELETE", SESSIONS + "/" + session, null, dev).statusCode());
        assertProblem(invoke("{\"message\":\"again\",\"session_id\":\"" + session + "\"}", dev), 409, "session_ended");
    }

    @Test
    void anUnknownSessionIs404() {
        assertProblem(invoke("{\"message\":\"x\",\"session_id\":\"nope\"}", user("developer")), 404, "not_found");
    }

    @Test
    void aViewerMayNotInvoke() {
        assertProblem(invoke("{\"message\":\"Hello\"}", user("viewer")), 403, "forbidden");
    }

    @Test
    void anEmptyMessageIs400() {
        assertProblem(invoke("{\"message\":\"\"}", user("developer")), 400, "validation_failed");
    }

    @Test
    void anUnknownAgentIs404() {
        assertProblem(http.json("POST", "api/agents/nobody/invoke", "{\"message\":\"x\"}", Http.admin()), 404,
                "not_found");
    }

    @Test
    void aWrongPasswordIs401() {
        assertUnauthorized(invoke("{\"message\":\"x\"}", Http.basic(Deployments.ADMIN, "not-the-password-1")),
                "invalid_credentials", false);
    }

    @Test
    void usersAreListedWithoutPasswords() {
        user("viewer");
        HttpResponse<String> response = http.get("api/users", Http.admin());
        assertEquals(200, response.statusCode());
        assertFalse(response.body().contains("password"), response.body());
        assertFalse(response.body().contains("argon2"), response.body());
    }

    @Test
    void aDeveloperMayNotManageUsers() {
        assertProblem(http.get("api/users", user("developer")), 403, "forbidden");
    }

    @Test
    void aDuplicateUserIs409() {
        assertProblem(http.json("POST", "api/users", "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}",
                Http.admin()), 409, "conflict");
    }

    @Test
    void aShortPasswordIs400() {
        assertProblem(http.json("POST", "api/users", "{\"username\":\"shorty\",\"password\":\"short\"}", Http.admin()),
                400, "validation_failed");
    }

    @Test
    void anUnknownRoleIs400() {
        assertProblem(http.json("POST", "api/users",
                "{\"username\":\"rooty\",\"password\":\"" + PASSWORD + "\",\"roles\":[\"root\"]}", Http.admin()), 400,
                "validation_failed");
    }

    @Test
    void rolesCanBeChangedAndTakeEffect() {
        String name = "promote-" + UUID.randomUUID().toString().substring(0, 8);
        http.json("POST", "api/users", "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD
                + "\",\"roles\":[\"viewer\"]}", Http.admin());
        String auth = Http.basic(name, PASSWORD);
        assertProblem(invoke("{\"message\":\"x\"}", auth), 403, "forbidden");
        HttpResponse<String> changed = http.json("PUT", "api/users/" + name + "/roles", "{\"roles\":[\"developer\"]}",
                Http.admin());
        assertEquals(200, changed.statusCode(), changed.body());
        assertEquals(200, invoke("{\"message\":\"x\"}", auth).statusCode());
    }

    @Test
    void anUnknownApiPathIsAProblem404() {
        assertProblem(http.get("api/nothing-here", Http.admin()), 404, "not_found");
    }
}
