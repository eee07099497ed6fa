package dev.agentwarden.it;

import static dev.agentwarden.it.Swml.ai;
import static dev.agentwarden.it.Swml.function;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code SWML_PROXY_URL_BASE} wins over whatever the request says (the seed's reverse-proxy setup). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProxyUrlBaseIT {

    private static final String BASE = "https://tester:tester-Password-0123456789@agent.example.com/base";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war(Map.of("SWML_PROXY_URL_BASE", "https://agent.example.com/base/"));
    }

    @ArquillianResource
    private URL base;

    @Test
    void webhooksUseTheProxyUrlBase() {
        HttpResponse<String> response = new Http(base).get("");
        assertEquals(200, response.statusCode());
        JsonObject swml = object(response.body());
        assertEquals(BASE + "/swaig/", ai(swml).getJsonObject("SWAIG").getJsonObject("defaults").getString("web_hook_url"));
        assertTrue(function(swml, "transfer_funds").getString("web_hook_url").startsWith(BASE + "/swaig/?__token="));
        assertTrue(ai(swml).getString("post_prompt_url").startsWith(BASE + "/post_prompt/?__token="));
    }

    @Test
    void aSpoofedHostCannotOverrideIt() {
        HttpResponse<String> response = Http.send(new Http(base).request("").header("Authorization", Http.auth())
                .header("Host", "evil.example.com").header("X-Forwarded-Host", "evil.example.com").GET());
        assertTrue(!response.body().contains("evil.example.com"));
        assertTrue(response.body().contains(BASE + "/swaig/"));
    }
}
