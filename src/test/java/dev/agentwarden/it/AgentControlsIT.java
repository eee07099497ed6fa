package dev.agentwarden.it;

import static dev.agentwarden.it.AgentSecurity.whitelist;
import static dev.agentwarden.it.Problems.assertProblem;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An agent's own controls, switched on through the API: the IP whitelist (judged by the socket peer here, no proxy
 * trusted) and its endpoints, and HTTPS enforcement, both applied before any credential is read. Every test restores
 * the agent's config.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AgentControlsIT {

    private static final String SUPPORT = "support-agent";
    private static final String SECURE = "secure-agent";
    private static final String INVOKE = "api/agents/support-agent/invoke";
    private static final String WHITELIST = "api/agents/support-agent/security/whitelist";
    private static final String DENIED = "{\"error\":\"IP address not allowed\"}";

    @ArquillianResource
    private URL base;
    private Http http;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of(), SupportAgent.class);
    }

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    private void with(String agent, String security, Runnable test) {
        AgentSecurity.with(http, agent, security, test);
    }

    private static void assertDenied(HttpResponse<String> response) {
        assertEquals(403, response.statusCode(), response.body());
        assertEquals(DENIED, response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertFalse(response.headers().firstValue("WWW-Authenticate").isPresent());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    private static void assertApiDenied(HttpResponse<String> response) {
        JsonObject problem = assertProblem(response, 403, "ip_not_allowed");
        assertEquals("Forbidden", problem.getString("title"));
        assertFalse(response.headers().firstValue("WWW-Authenticate").isPresent());
    }

    // The whitelist on the agent routes and the agent's /api routes

    @Test
    void aListedAddressIsServed() {
        with(SUPPORT, whitelist("127.0.0.1"), () -> {
            HttpResponse<String> swml = http.get("support");
            assertEquals(200, swml.statusCode(), swml.body());
            assertEquals("1.0.0", object(swml.body()).getString("version"));
        });
    }

    @Test
    void anAddressOutsideTheListIsRefusedOnTheAgentRouteWithoutCredentials() {
        with(SUPPORT, whitelist("203.0.113.0/24"), () -> assertDenied(http.get("support", null)));
    }

    @Test
    void anAddressOutsideTheListIsRefusedOnInvokeWithoutCredentials() {
        with(SUPPORT, whitelist("203.0.113.0/24"),
                () -> assertApiDenied(http.json("POST", INVOKE, "{\"message\":\"hi\"}", null)));
    }

    @Test
    void aWrongPasswordOutsideTheListGets403Not401() {
        with(SUPPORT, whitelist("203.0.113.0/24"),
                () -> assertDenied(http.get("support", Http.basic(Deployments.USER, "wrong-password"))));
    }

    @Test
    void aWrongApiPasswordOutsideTheListGets403Not401() {
        with(SUPPORT, whitelist("203.0.113.0/24"), () -> assertApiDenied(
                http.json("POST", INVOKE, "{\"message\":\"hi\"}", Http.basic(Deployments.ADMIN, "wrong-password"))));
    }

    @Test
    void validCredentialsOutsideTheListAreRefusedToo() {
        with(SUPPORT, whitelist("203.0.113.0/24"),
                () -> assertApiDenied(http.json("POST", INVOKE, "{\"message\":\"hi\"}", Http.admin())));
    }

    @Test
    void anEncodedAgentNameIsRefusedLikeThePlainOne() {
        with(SUPPORT, whitelist("203.0.113.0/24"), () -> assertApiDenied(
                http.json("POST", "api/agents/support%2Dagent;x=1/invoke", "{\"message\":\"hi\"}", Http.admin())));
    }

    @Test
    void aCidrAdmitsAnAddressInside() {
        with(SUPPORT, whitelist("198.51.100.0/24", "127.0.0.0/8"), () -> {
            HttpResponse<String> reply = http.json("POST", INVOKE, "{\"message\":\"hi\"}", Http.admin());
            assertEquals(200, reply.statusCode(), reply.body());
            assertEquals(SUPPORT, object(reply.body()).getString("agent"));
        });
    }

    @Test
    void aCidrNextToTheClientRefusesIt() {
        with(SUPPORT, whitelist("127.0.1.0/24"), () -> assertDenied(http.get("support")));
    }

    /**
     * Needs a server listening on the IPv6 loopback: Payara Micro listens on every address; WildFly (-Pwildfly) binds
     * 127.0.0.1 only, where this test is skipped.
     */
    @Test
    void anIpv6EntryAdmitsAnIpv6Client() {
        URI v4 = http.uri("support");
        URI v6 = URI.create(v4.toString().replace("//127.0.0.1:", "//[::1]:"));
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(new java.net.InetSocketAddress("::1", v6.getPort()), 2000);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("the server does not listen on [::1]:" + v6.getPort());
        }
        with(SUPPORT, whitelist("::1/128"), () -> {
            HttpResponse<String> swml = Http.send(HttpRequest.newBuilder(v6).header("Authorization", Http.auth()).GET());
            assertEquals(200, swml.statusCode(), swml.body());
            assertEquals("1.0.0", object(swml.body()).getString("version"));
        });
    }

    @Test
    void anIpv6OnlyListRefusesAnIpv4Client() {
        with(SUPPORT, whitelist("::1", "2001:db8::/32"), () -> assertDenied(http.get("support")));
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerDoesNotGetIn() {
        with(SUPPORT, whitelist("203.0.113.0/24"), () -> assertDenied(Http.send(http.request("support")
                .header("Authorization", Http.auth()).header("X-Forwarded-For", "203.0.113.9").GET())));
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerDoesNotShutOut() {
        with(SUPPORT, whitelist("127.0.0.1"), () -> assertEquals(200, Http.send(http.request("support")
                .header("Authorization", Http.auth()).header("X-Forwarded-For", "203.0.113.9").GET()).statusCode()));
    }

    @Test
    void anEnabledEmptyWhitelistRefusesEveryone() {
        with(SUPPORT, whitelist(), () -> assertDenied(http.get("support")));
    }

    @Test
    void aDisabledWhitelistRefusesNobody() {
        with(SUPPORT, "{\"ipWhitelist\":{\"enabled\":false,\"addresses\":[\"203.0.113.0/24\"]}}",
                () -> assertEquals(200, http.get("support").statusCode()));
    }

    @Test
    void anotherAgentIsNotAffected() {
        with(SECURE, whitelist("203.0.113.0/24"), () -> assertEquals(200, http.get("support").statusCode()));
    }

    @Test
    void theAgentsConfigStaysReachableSoTheWhitelistCanBeSwitchedOff() {
        with(SUPPORT, whitelist("203.0.113.0/24"), () -> {
            HttpResponse<String> agent = http.get("api/agents/" + SUPPORT, Http.admin());
            assertEquals(200, agent.statusCode(), agent.body());
            assertTrue(object(agent.body()).getJsonObject("config").getJsonObject("security")
                    .getJsonObject("ipWhitelist").getBoolean("enabled"));
        });
    }

    @Test
    void aRefusalIsAuditedAsIpDenied() {
        with(SECURE, whitelist("203.0.113.0/24"), () -> assertDenied(http.get("", null)));
        JsonArray events = new AuditApi(http).awaitEvents("filter=ip.denied", e -> !e.isEmpty());
        assertFalse(events.isEmpty(), "no ip.denied event");
        JsonObject event = events.getJsonObject(0);
        assertEquals("ip.denied", event.getString("type"), event.toString());
        assertEquals(SECURE, event.getString("agent"), event.toString());
        assertEquals("127.0.0.1", event.getString("peer"), event.toString());
    }

    // The whitelist endpoints

    @Test
    void addingAnEntryIs201WithTheListAndDoesNotSwitchTheWhitelistOn() {
        with(SUPPORT, "{}", () -> {
            HttpResponse<String> added = http.json("POST", WHITELIST, "{\"ip\":\"203.0.113.50\"}", Http.admin());
            assertEquals(201, added.statusCode(), added.body());
            assertEquals("application/json", added.headers().firstValue("Content-Type").orElse(""));
            JsonObject list = object(added.body());
            assertEquals("[\"203.0.113.50\"]", list.getJsonArray("addresses").toString());
            assertFalse(list.getBoolean("enabled"));
            assertEquals(200, http.get("support").statusCode());
        });
    }

    @Test
    void addingAnEntryTwiceIs201WithTheListUnchanged() {
        with(SUPPORT, "{}", () -> {
            JsonObject first = object(http.json("POST", WHITELIST, "{\"ip\":\"2001:DB8:0::/32\"}", Http.admin()).body());
            HttpResponse<String> again = http.json("POST", WHITELIST, "{\"ip\":\"2001:db8::/32\"}", Http.admin());
            assertEquals(201, again.statusCode(), again.body());
            JsonObject second = object(again.body());
            assertEquals("[\"2001:db8::/32\"]", second.getJsonArray("addresses").toString());
            assertEquals(first.getInt("version"), second.getInt("version"));
        });
    }

    @Test
    void theListShowsTheEntriesInCanonicalForm() {
        with(SUPPORT, "{\"ipWhitelist\":{\"enabled\":false,\"addresses\":[\"198.51.100.42/32\",\"203.0.113.0/24\"]}}",
                () -> {
                    HttpResponse<String> list = http.get(WHITELIST, Http.admin());
                    assertEquals(200, list.statusCode(), list.body());
                    assertEquals("[\"198.51.100.42\",\"203.0.113.0/24\"]",
                            object(list.body()).getJsonArray("addresses").toString());
                    assertTrue(list.headers().firstValue("ETag").isPresent());
                });
    }

    @Test
    void removingAnEntryIs204AndItIsGone() {
        with(SUPPORT, "{\"ipWhitelist\":{\"enabled\":false,\"addresses\":[\"198.51.100.42\",\"203.0.113.0/24\"]}}",
                () -> {
                    HttpResponse<String> removed = http.json("DELETE", WHITELIST + "?ip=203.0.113.0%2F24", null,
                            Http.admin());
                    assertEquals(204, removed.statusCode(), removed.body());
                    assertEquals("", removed.body());
                    assertEquals("[\"198.51.100.42\"]",
                            object(http.get(WHITELIST, Http.admin()).body()).getJsonArray("addresses").toString());
                });
    }

    @Test
    void removingAnAbsentEntryIs404() {
        with(SUPPORT, "{}", () -> assertProblem(http.json("DELETE", WHITELIST + "?ip=203.0.113.7", null, Http.admin()),
                404, "not_found"));
    }

    @Test
    void aBadCidrIs400() {
        JsonObject problem = assertProblem(http.json("POST", WHITELIST, "{\"ip\":\"10.0.0.0/33\"}", Http.admin()), 400,
                "validation_failed");
        assertTrue(problem.getString("detail").contains("10.0.0.0/33"), problem.toString());
    }

    @Test
    void aCidrWithHostBitsIs400NamingTheNetwork() {
        JsonObject problem = assertProblem(http.json("POST", WHITELIST, "{\"ip\":\"10.0.0.1/24\"}", Http.admin()), 400,
                "validation_failed");
        assertTrue(problem.getString("detail").contains("10.0.0.0/24"), problem.toString());
    }

    @Test
    void aMissingIpIs400() {
        assertProblem(http.json("POST", WHITELIST, "{}", Http.admin()), 400, "validation_failed");
    }

    @Test
    void anAddIsAuditedAsAConfigChange() {
        with(SECURE, "{}", () -> assertEquals(201, http.json("POST", "api/agents/secure-agent/security/whitelist",
                "{\"ip\":\"192.0.2.77\"}", Http.admin()).statusCode()));
        JsonArray events = new AuditApi(http).awaitEvents("filter=config.updated",
                e -> e.toString().contains("/security/ipWhitelist/addresses"));
        assertTrue(events.toString().contains("/security/ipWhitelist/addresses"), events.toString());
    }

    @Test
    void theWhitelistOfAnUnknownAgentIs404() {
        assertProblem(http.get("api/agents/nobody/security/whitelist", Http.admin()), 404, "not_found");
    }

    @Test
    void theWhitelistNeedsCredentials() {
        Problems.assertUnauthorized(http.get(WHITELIST, null), "invalid_credentials", false);
    }

    // enforceHttps and HSTS (plain HTTP here; HTTPS through a trusted proxy in TrustedProxyWhitelistIT)

    @Test
    void aPlainGetIsRedirectedToHttps() {
        with(SUPPORT, "{\"enforceHttps\":true}", () -> {
            HttpResponse<String> redirect = http.get("support?x=1&y=2", null);
            assertEquals(308, redirect.statusCode(), redirect.body());
            assertEquals("https://127.0.0.1/agent-warden/support?x=1&y=2",
                    redirect.headers().firstValue("Location").orElse(""));
            assertEquals("", redirect.body());
            assertFalse(redirect.headers().firstValue("Strict-Transport-Security").isPresent());
        });
    }

    @Test
    void aPlainPostToTheAgentRouteIsRefused() {
        with(SUPPORT, "{\"enforceHttps\":true}", () -> {
            HttpResponse<String> refused = http.json("POST", "support", "{}", Http.auth());
            assertEquals(403, refused.statusCode(), refused.body());
            assertEquals("{\"error\":\"HTTPS required\"}", refused.body());
            assertFalse(refused.headers().firstValue("Location").isPresent());
        });
    }

    @Test
    void aPlainPostToTheApiIsRefused() {
        with(SUPPORT, "{\"enforceHttps\":true}",
                () -> assertProblem(http.json("POST", INVOKE, "{\"message\":\"hi\"}", Http.admin()), 403,
                        "https_required"));
    }

    @Test
    void aPlainRefusalIsAuditedAsHttpsRequired() {
        with(SECURE, "{\"enforceHttps\":true}", () -> assertEquals(403,
                http.json("POST", "api/agents/secure-agent/invoke", "{\"message\":\"hi\"}", null).statusCode()));
        JsonArray events = new AuditApi(http).awaitEvents("filter=https.required", e -> !e.isEmpty());
        assertFalse(events.isEmpty(), "no https.required event");
        assertEquals(SECURE, events.getJsonObject(0).getString("agent"), events.toString());
    }

    @Test
    void anAgentsHstsIsNotSentOverPlainHttp() {
        with(SUPPORT, "{\"hsts\":{\"enabled\":true,\"maxAge\":600}}", () -> {
            HttpResponse<String> swml = http.get("support");
            assertEquals(200, swml.statusCode(), swml.body());
            assertFalse(swml.headers().firstValue("Strict-Transport-Security").isPresent());
        });
    }

    // Alerts: no server-side request forgery through a webhook_url (this deployment keeps the default rules)

    private void assertWebhookRefused(String url, String detail) {
        HttpResponse<String> refused = http.json("POST", "api/alerts", "{\"agent\":\"" + SUPPORT
                + "\",\"metric\":\"failed-auth\",\"threshold\":10,\"window\":\"5m\",\"webhook_url\":\"" + url
                + "\"}", Http.admin());
        JsonObject problem = assertProblem(refused, 400, "validation_failed");
        JsonArray errors = problem.getJsonArray("errors");
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("/webhook_url", errors.getJsonObject(0).getString("pointer"));
        assertEquals(detail, errors.getJsonObject(0).getString("detail"));
        HttpResponse<String> alerts = http.get("api/alerts", Http.admin());
        assertEquals("[]", alerts.body(), "nothing is stored");
    }

    private static final String NOT_PUBLIC = "must not point to a loopback, private, link-local or metadata address";

    @Test
    void anAlertWebhookOverPlainHttpIsRefused() {
        assertWebhookRefused("http://hooks.example.com/alerts", "must use https");
    }

    @Test
    void anAlertWebhookToLoopbackIsRefused() {
        assertWebhookRefused("https://127.0.0.1:8443/hook", NOT_PUBLIC);
    }

    @Test
    void anAlertWebhookToLocalhostByNameIsRefused() {
        assertWebhookRefused("https://localhost/hook", NOT_PUBLIC);
    }

    @Test
    void anAlertWebhookToIpv6LoopbackIsRefused() {
        assertWebhookRefused("https://[::1]/hook", NOT_PUBLIC);
    }

    @Test
    void anAlertWebhookToThePrivateNetworkIsRefused() {
        assertWebhookRefused("https://10.0.0.7/hook", NOT_PUBLIC);
    }

    @Test
    void anAlertWebhookToTheMetadataServiceIsRefused() {
        assertWebhookRefused("https://169.254.169.254/latest/meta-data/", NOT_PUBLIC);
    }

    @Test
    void anAlertWebhookWithCredentialsInTheUrlIsRefused() {
        assertWebhookRefused("https://user:secret@hooks.example.com/", "must not carry user info (credentials in a URL "
                + "end up in logs)");
    }
}
