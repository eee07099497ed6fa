package dev.agentwarden.it;

import static dev.agentwarden.it.Swml.ai;
import static dev.agentwarden.it.Swml.call;
import static dev.agentwarden.it.Swml.object;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS as the README runs it: a self-signed certificate made now with openssl, {@code SWML_SSL_ENABLED=true} and the
 * PEM paths given to the run script ({@code server-config/payara-micro/run.sh}), which starts Payara Micro.
 */
class HttpsIT {

    private static Process server;
    private static Path dir;
    private static int httpsPort;
    private static int httpPort;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("warden-https");
        SelfSigned.create(dir);
        httpsPort = freePort();
        httpPort = freePort();
        ProcessBuilder builder = new ProcessBuilder("bash", "server-config/payara-micro/run.sh",
                System.getProperty("payara.microJar"), System.getProperty("warden.war"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        // the run script's work directory (the keystore) under the test's directory, removed with it
        builder.environment().put("TMPDIR", Files.createDirectory(dir.resolve("tmp")).toString());
        builder.environment().put("PORT", String.valueOf(httpsPort));
        builder.environment().put("HTTP_PORT_DISABLED", String.valueOf(httpPort));
        builder.environment().put("WARDEN_CDS", "false");
        builder.environment().put("SWML_SSL_ENABLED", "true");
        builder.environment().put("SWML_SSL_CERT_PATH", dir.resolve("cert.pem").toString());
        builder.environment().put("SWML_SSL_KEY_PATH", dir.resolve("key.pem").toString());
        builder.environment().put("SWML_DOMAIN", "localhost");
        builder.environment().put("WARDEN_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("SWML_BASIC_AUTH_USER", Deployments.USER);
        builder.environment().put("SWML_BASIC_AUTH_PASSWORD", Deployments.PASSWORD);
        builder.environment().put("SWML_FUNCTION_TOKEN_SECRET", Deployments.TOKEN_SECRET);
        server = builder.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(SelfSigned.trusting(dir.resolve("cert.pem"))).connectTimeout(Duration.ofSeconds(5)).build();
        awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        SelfSigned.delete(dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitReady() throws Exception {
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            assertTrue(server.isAlive(), () -> "server stopped: " + log());
            try {
                if (send(HttpRequest.newBuilder(uri("ready")).GET()).statusCode() == 200) {
                    return;
                }
            } catch (IllegalStateException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("HTTPS server not ready: " + log());
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static URI uri(String path) {
        return URI.create("https://localhost:" + httpsPort + "/" + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> postJson(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", Http.auth())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void theSwmlDocumentIsServedOverHttpsWithHttpsWebhooks() {
        HttpResponse<String> response = postJson("", "{\"call_id\":\"tls-1\"}");
        assertEquals(200, response.statusCode());
        JsonObject ai = ai(object(response.body()));
        assertEquals("https://tester:tester-Password-0123456789@localhost:" + httpsPort + "/swaig/",
                ai.getJsonObject("SWAIG").getJsonObject("defaults").getString("web_hook_url"));
    }

    @Test
    void responsesOverHttpsCarryHsts() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("health")).GET());
        assertEquals(200, response.statusCode());
        assertEquals("max-age=31536000; includeSubDomains",
                response.headers().firstValue("Strict-Transport-Security").orElse(""));
    }

    @Test
    void aSecureFunctionWorksEndToEndOverHttps() {
        String token = Swml.token(object(postJson("", "{\"call_id\":\"tls-2\"}").body()), "transfer_funds");
        HttpResponse<String> response = postJson("swaig/?__token=" + URLEncoder.encode(token, StandardCharsets.UTF_8),
                call("transfer_funds", "{\"amount\":5,\"to_account\":\"1234567890\"}", "tls-2"));
        assertEquals("{\"response\":\"Transferred $5 to account 1234567890\"}", response.body());
    }

    @Test
    void thePlainHttpListenerIsOff() {
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", httpPort).close());
    }
}
