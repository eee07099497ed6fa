package dev.agentwarden.it;

import static dev.agentwarden.it.Swml.ai;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Behind a trusted reverse proxy: its forwarded host and scheme build the webhooks. Every address is trusted here,
 * because the test client reaches the server from whichever local interface Payara Micro announces.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TrustedProxyIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("SWML_TRUSTED_PROXIES", "0.0.0.0/0, ::/0"));
    }

    @ArquillianResource
    private URL base;

    private Http http;

    @BeforeEach
    void client() {
        http = new Http(base);
    }

    private String defaultsUrl(HttpResponse<String> response) {
        assertEquals(200, response.statusCode());
        return ai(object(response.body())).getJsonObject("SWAIG").getJsonObject("defaults").getString("web_hook_url");
    }

    @Test
    void forwardedHostAndProtoFromATrustedProxyBuildTheWebhooks() {
        HttpResponse<String> response = Http.send(http.request("").header("Authorization", Http.auth())
                .header("X-Forwarded-Host", "proxy.example.com").header("X-Forwarded-Proto", "https").GET());
        assertEquals("https://tester:tester-Password-0123456789@proxy.example.com/agent-warden/swaig/",
                defaultsUrl(response));
    }

    @Test
    void httpsThroughATrustedProxyGetsHsts() {
        HttpResponse<String> response = Http.send(http.request("").header("Authorization", Http.auth())
                .header("X-Forwarded-Proto", "https").GET());
        assertEquals("max-age=31536000; includeSubDomains",
                response.headers().firstValue("Strict-Transport-Security").orElse(""));
    }

    @Test
    void theHostHeaderOfATrustedProxyIsUsed() {
        HttpResponse<String> response = Http.send(http.request("").header("Authorization", Http.auth())
                .header("Host", "agent.example.com").GET());
        assertTrue(defaultsUrl(response).startsWith("http://tester:tester-Password-0123456789@agent.example.com/"));
    }

    @Test
    void aForwardedHostThatIsNotAHostIsIgnored() {
        HttpResponse<String> response = Http.send(http.request("").header("Authorization", Http.auth())
                .header("X-Forwarded-Host", "evil.example.com/@x").GET());
        assertTrue(!defaultsUrl(response).contains("evil.example.com"), defaultsUrl(response));
    }
}
