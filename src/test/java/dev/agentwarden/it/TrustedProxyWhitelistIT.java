package dev.agentwarden.it;

import static dev.agentwarden.it.AgentSecurity.whitelist;
import static dev.agentwarden.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
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
 * An agent's controls behind a trusted reverse proxy (the test client, 127.0.0.1): the right-most untrusted
 * {@code X-Forwarded-For} entry is the client the whitelist judges, and {@code X-Forwarded-Proto} says whether the
 * request came over HTTPS (enforceHttps, the agent's HSTS).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TrustedProxyWhitelistIT {

    private static final String SUPPORT = "support-agent";
    private static final String HSTS = "Strict-Transport-Security";

    @ArquillianResource
    private URL base;
    private Http http;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("SWML_TRUSTED_PROXIES", "127.0.0.1/32"), SupportAgent.class);
    }

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    private HttpResponse<String> forwardedFor(String path, String forwardedFor) {
        return Http.send(http.request(path).header("Authorization", Http.auth())
                .header("X-Forwarded-For", forwardedFor).GET());
    }

    private static void assertDenied(HttpResponse<String> response) {
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("{\"error\":\"IP address not allowed\"}", response.body());
        assertFalse(response.headers().firstValue("WWW-Authenticate").isPresent());
    }

    @Test
    void theForwardedClientInsideTheListIsServed() {
        AgentSecurity.with(http, SUPPORT, whitelist("203.0.113.0/24"), () -> {
            HttpResponse<String> swml = forwardedFor("support", "203.0.113.9");
            assertEquals(200, swml.statusCode(), swml.body());
            assertEquals("1.0.0", Swml.object(swml.body()).getString("version"));
        });
    }

    @Test
    void theForwardedClientOutsideTheListIsRefusedThoughTheProxyIsListed() {
        AgentSecurity.with(http, SUPPORT, whitelist("127.0.0.1", "203.0.113.0/24"),
                () -> assertDenied(forwardedFor("support", "198.51.100.7")));
    }

    @Test
    void theRightMostUntrustedHopDecidesNotAForgedLeftMostOne() {
        AgentSecurity.with(http, SUPPORT, whitelist("203.0.113.0/24"),
                () -> assertDenied(forwardedFor("support", "203.0.113.9, 198.51.100.7")));
    }

    @Test
    void aForwardedIpv6ClientMatchesAnIpv6Block() {
        AgentSecurity.with(http, SUPPORT, whitelist("2001:db8::/32"),
                () -> assertEquals(200, forwardedFor("support", "2001:db8::5").statusCode()));
    }

    @Test
    void aForwardedIpv6ClientOutsideTheBlockIsRefusedOnTheApi() {
        AgentSecurity.with(http, SUPPORT, whitelist("2001:db8::/32"), () -> assertProblem(Http.send(
                http.request("api/agents/support-agent/invoke").header("Authorization", Http.admin())
                        .header("Content-Type", "application/json").header("X-Forwarded-For", "2001:db9::5")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"message\":\"hi\"}"))),
                403, "ip_not_allowed"));
    }

    @Test
    void httpsFromTheProxyCarriesTheAgentsHsts() {
        AgentSecurity.with(http, SUPPORT, "{\"enforceHttps\":true,\"hsts\":{\"enabled\":true,\"maxAge\":600}}", () -> {
            HttpResponse<String> swml = Http.send(http.request("support").header("Authorization", Http.auth())
                    .header("X-Forwarded-Proto", "https").GET());
            assertEquals(200, swml.statusCode(), swml.body());
            assertEquals("max-age=600", swml.headers().firstValue(HSTS).orElse(""));
        });
    }

    @Test
    void aRefusalOverHttpsCarriesTheAgentsHstsToo() {
        AgentSecurity.with(http, SUPPORT, "{\"hsts\":{\"enabled\":true,\"maxAge\":86400,\"includeSubDomains\":true}}",
                () -> {
                    HttpResponse<String> refused = Http.send(http.request("support")
                            .header("Authorization", Http.basic(Deployments.USER, "wrong-password"))
                            .header("X-Forwarded-Proto", "https").GET());
                    assertEquals(401, refused.statusCode(), refused.body());
                    assertEquals("max-age=86400; includeSubDomains", refused.headers().firstValue(HSTS).orElse(""));
                });
    }

    @Test
    void plainHttpFromTheProxyIsRedirectedToTheForwardedHost() {
        AgentSecurity.with(http, SUPPORT, "{\"enforceHttps\":true}", () -> {
            HttpResponse<String> redirect = Http.send(http.request("support?a=b").header("X-Forwarded-Proto", "http")
                    .header("X-Forwarded-Host", "agent.example.com:8080").GET());
            assertEquals(308, redirect.statusCode(), redirect.body());
            assertEquals("https://agent.example.com/agent-warden/support?a=b",
                    redirect.headers().firstValue("Location").orElse(""));
        });
    }
}
