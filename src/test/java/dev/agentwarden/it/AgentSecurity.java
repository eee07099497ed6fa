package dev.agentwarden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Sets an agent's {@code security} block for one test through the API, and puts the previous config back after it. */
final class AgentSecurity {

    private AgentSecurity() {
    }

    /** PUT of {@code api/agents/{agent}} as the admin, {@code If-Match: *}. */
    static HttpResponse<String> put(Http http, String agent, String config) {
        return Http.send(http.request("api/agents/" + agent).header("Authorization", Http.admin())
                .header("Content-Type", "application/json").header("If-Match", "*")
                .PUT(HttpRequest.BodyPublishers.ofString(config)));
    }

    /**
     * Runs {@code test} with {@code agent}'s security block set to {@code security} (JSON), then restores the config
     * the agent had before (the config document stays reachable whatever its whitelist says).
     */
    static void with(Http http, String agent, String security, Runnable test) {
        HttpResponse<String> before = http.get("api/agents/" + agent, Http.admin());
        assertEquals(200, before.statusCode(), before.body());
        String previous = Swml.object(before.body()).getJsonObject("config").toString();
        HttpResponse<String> set = put(http, agent, "{\"security\":" + security + "}");
        assertEquals(200, set.statusCode(), set.body());
        try {
            test.run();
        } finally {
            HttpResponse<String> restored = put(http, agent, previous);
            assertEquals(200, restored.statusCode(), restored.body());
        }
    }

    /** {@code {"ipWhitelist": {"enabled": true, "addresses": [...]}}}; {@code addresses} as JSON strings. */
    static String whitelist(String... addresses) {
        StringBuilder list = new StringBuilder();
        for (String address : addresses) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(address).append('"');
        }
        return "{\"ipWhitelist\":{\"enabled\":true,\"addresses\":[" + list + "]}}";
    }
}
