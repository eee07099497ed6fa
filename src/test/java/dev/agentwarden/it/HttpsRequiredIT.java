package dev.agentwarden.it;

import static dev.agentwarden.it.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * With {@code SWML_SSL_ENABLED}, a plain-HTTP listener left open serves no credentialed route: 403 before the
 * credentials are read. A trusted proxy that terminated TLS ({@code X-Forwarded-Proto: https}) passes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HttpsRequiredIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("SWML_SSL_ENABLED", "true", "SWML_TRUSTED_PROXIES", "0.0.0.0/0, ::/0"));
    }

    @ArquillianResource
    private URL base;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    @Test
    void anAgentRouteOverPlainHttpIs403() {
        HttpResponse<String> response = http.get("");
        assertEquals(403, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("{\"error\":\"HTTPS required\"}", response.body());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    void theApiOverPlainHttpIs403() {
        assertProblem(http.get("api/users", Http.admin()), 403, "https_required");
    }

    @Test
    void healthStaysOpenForProbes() {
        assertEquals(200, http.get("health", null).statusCode());
    }

    @Test
    void tlsTerminatedAtATrustedProxyPasses() {
        HttpResponse<String> response = Http.send(http.request("").header("Authorization", Http.auth())
                .header("X-Forwarded-Proto", "https").GET());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("max-age=31536000; includeSubDomains",
                response.headers().firstValue("Strict-Transport-Security").orElse(""));
    }
}
