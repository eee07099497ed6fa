package dev.agentwarden.swml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentwarden.agent.AgentConfig;
import dev.agentwarden.agent.AgentDefinition;
import dev.agentwarden.agent.Tool;
import dev.agentwarden.json.Json;
import dev.agentwarden.token.FunctionTokens;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The serialised document (a template filled per call) against the document built as maps. */
class SwmlRendererTest {

    private static final long NOW = 1_800_000_000L;
    private static final String URL = "https://bench:p%40ss@agents.example.com/sales";

    private final FunctionTokens tokens = new FunctionTokens(new byte[32], 3600);
    private final SwmlRenderer renderer = new SwmlRenderer(tokens);

    @Test
    void serialisedDocumentIsTheMapDocumentWithFreshTokens() {
        AgentDefinition agent = agent("Quote \" backslash \\ unicode é and \u2028 all survive");
        Map<String, Object> expected = renderer.render(agent, URL, "call-1", NOW);

        Object actual = Json.parse(renderer.renderBytes(agent, URL, "call-1", NOW));

        assertEquals(withoutTokens(expected), withoutTokens(actual));
    }

    @Test
    void everyTokenIsBoundToItsFunctionAndTheCall() {
        AgentDefinition agent = agent("prompt");

        Map<String, String> urls = tokenUrls(Json.parse(renderer.renderBytes(agent, URL, "call-7", NOW)));

        assertEquals(List.of("post_prompt", "pay", "refund"), List.copyOf(urls.keySet()));
        urls.forEach((function, url) -> {
            String token = URLDecoder.decode(url.substring(url.indexOf("__token=") + 8), StandardCharsets.UTF_8);
            assertEquals(FunctionTokens.Verdict.VALID, tokens.verify(token, function, "call-7", NOW), function);
            assertEquals(FunctionTokens.Verdict.WRONG_CALL, tokens.verify(token, function, "call-8", NOW), function);
        });
    }

    @Test
    void tokensAreFreshOnEveryRequest() {
        AgentDefinition agent = agent("prompt");

        String first = tokenUrls(Json.parse(renderer.renderBytes(agent, URL, "call-1", NOW))).get("pay");
        String second = tokenUrls(Json.parse(renderer.renderBytes(agent, URL, "call-1", NOW))).get("pay");

        assertNotEquals(first, second);
    }

    @Test
    void eachPublicUrlHasItsOwnDocument() {
        AgentDefinition agent = agent("prompt");

        Map<String, String> urls = tokenUrls(Json.parse(renderer.renderBytes(agent, "https://other.example/x", "c", NOW)));

        assertTrue(urls.get("pay").startsWith("https://other.example/x/swaig/?__token="), urls.get("pay"));
    }

    @Test
    void aNewDefinitionOfTheSameAgentIsRenderedAnew() {
        renderer.renderBytes(agent("old prompt"), URL, "c", NOW);

        Object document = Json.parse(renderer.renderBytes(agent("new prompt"), URL, "c", NOW));

        assertTrue(Json.write(document).contains("new prompt"));
    }

    @Test
    void manyHostsDoNotGrowTheCacheBeyondItsBound() {
        AgentDefinition agent = agent("prompt");

        for (int i = 0; i < SwmlRenderer.MAX_TEMPLATES * 3; i++) {
            renderer.renderBytes(agent, "https://host" + i + ".example", "c", NOW);
        }

        assertTrue(renderer.templateCount() <= SwmlRenderer.MAX_TEMPLATES, "templates: " + renderer.templateCount());
    }

    @Test
    void urlEncodingMatchesUrlEncoderOnEveryBase64Character() {
        String all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";

        String encoded = new String(SwmlTemplate.urlEncode(all), StandardCharsets.US_ASCII);

        assertEquals(URLEncoder.encode(all, StandardCharsets.UTF_8), encoded);
    }

    @Test
    void aDocumentWithoutSecureFunctionsIsServedAsIs() {
        AgentDefinition agent = new AgentDefinition(AgentConfig.named("plain"), List.of(), "Hi", null, List.of(),
                List.of(), Map.of(), Map.of(), Map.of());
        byte[] first = renderer.renderBytes(agent, URL, "c", NOW);

        assertEquals(Json.write(renderer.render(agent, URL, "c", NOW)), new String(first, StandardCharsets.UTF_8));
        assertSame(null, tokenUrls(Json.parse(first)).get("pay"));
    }

    private static AgentDefinition agent(String prompt) {
        Map<String, Tool> tools = new LinkedHashMap<>();
        tools.put("balance", Tool.named("balance").description("Balance").handler((args, raw) -> null));
        tools.put("pay", Tool.named("pay").description("Pay").secure(true).handler((args, raw) -> null));
        tools.put("refund", Tool.named("refund").description("Refund").secure(true).handler((args, raw) -> null));
        return new AgentDefinition(AgentConfig.named("sales"), List.of(), prompt, "Summarise", List.of("hint"),
                List.of(), Map.of("p", 1), Map.of("g", "v"), tools);
    }

    /** post_prompt and each secure function, to the URL carrying its token, in document order. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> tokenUrls(Object document) {
        Map<String, Object> ai = ai(document);
        Map<String, String> urls = new LinkedHashMap<>();
        if (ai.get("post_prompt_url") instanceof String url) {
            urls.put("post_prompt", url);
        }
        Map<String, Object> swaig = (Map<String, Object>) ai.getOrDefault("SWAIG", Map.of("functions", List.of()));
        for (Object f : (List<Object>) swaig.get("functions")) {
            Map<String, Object> function = (Map<String, Object>) f;
            if (function.get("web_hook_url") instanceof String url) {
                urls.put((String) function.get("function"), url);
            }
        }
        return urls;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ai(Object document) {
        Map<String, Object> sections = (Map<String, Object>) ((Map<String, Object>) document).get("sections");
        List<Object> main = (List<Object>) sections.get("main");
        return (Map<String, Object>) ((Map<String, Object>) main.get(1)).get("ai");
    }

    /** The document as JSON text with every token replaced by {@code T}. */
    private static String withoutTokens(Object document) {
        return Json.write(document).replaceAll("__token=[A-Za-z0-9%]+", "__token=T");
    }
}
