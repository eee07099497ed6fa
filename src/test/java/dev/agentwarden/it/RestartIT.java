package dev.agentwarden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keys and audit events survive a restart, and a clean shutdown loses no audit event: two successive servers on the
 * same {@code WARDEN_DATA_DIR}. The audit writer is told to flush only once an hour, so every event of the first run is
 * still queued when it stops: only the shutdown drain can have written them. With the Payara Micro adapter each deploy
 * starts a JVM and each undeploy stops it (SIGTERM: the server shuts down cleanly).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RestartIT {

    private static final String DEPLOYMENT = "warden";
    private static final int EVENTS = 200;
    private static final int PORT = Integer.getInteger("warden.restart.port", 28471);
    private static final Path DATA = AuditApi.dataDir("restart-it");

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer("payara-micro-restart")
    static WebArchive deployment() {
        Map<String, String> config = new LinkedHashMap<>(AuditApi.config(DATA));
        config.put("warden.audit.flush-millis", "3600000");
        return Deployments.war(config);
    }

    @ArquillianResource
    private Deployer deployer;

    private static URL base() {
        try {
            // Payara Micro names the context root after the archive (agent-warden.war).
            return URI.create("http://localhost:" + PORT + "/agent-warden/").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Forged-token SWAIG calls, each audited as {@code token.invalid} with its own call id. */
    private static void forgedTokenCalls(Http http, String run) {
        for (int i = 0; i < EVENTS; i++) {
            HttpResponse<String> response = http.postJson("swaig/?__token=forged",
                    Swml.call("transfer_funds", "{\"amount\":1,\"to_account\":\"1234567890\"}", run + "-" + i));
            assertEquals(403, response.statusCode());
        }
    }

    /** The call ids of this run's {@code token.invalid} events in the audit log. */
    private static List<String> audited(AuditApi api, String run) {
        JsonArray events = api.events("filter=token.invalid&since=1d&limit=1000");
        return events.stream().map(e -> e.asJsonObject().getJsonObject("detail").getString("call_id", ""))
                .filter(id -> id.startsWith(run + "-")).toList();
    }

    private static int bearerStatus(AuditApi api, String key) {
        return api.get("api/agents/" + AuditApi.AGENT + "/audit", "Bearer " + key).statusCode();
    }

    @Test
    void keysAndAuditEventsSurviveACleanRestart() throws Exception {
        String run = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        AuditApi api = new AuditApi(new Http(base()));
        deployer.deploy(DEPLOYMENT);
        String id;
        String key;
        try {
            JsonObject created = api.createKey("restart");
            id = created.getString("id");
            key = created.getString("key");
            assertEquals(403, bearerStatus(api, key), "the key authenticates (and may not read the log)");
            forgedTokenCalls(new Http(base()), run);
            assertEquals(List.of(), audited(api, run), "nothing may be written before the shutdown drain");
        } finally {
            deployer.undeploy(DEPLOYMENT);
        }
        awaitServerGone();
        deployer.deploy(DEPLOYMENT);
        try {
            assertEquals(403, bearerStatus(api, key), "the key must still authenticate after the restart");
            assertEquals(401, bearerStatus(api, "sk_live_" + "x".repeat(32)), "an unknown key must not");
            JsonArray keys = AuditApi.array(api.get("api/agents/" + AuditApi.AGENT + "/keys", AuditApi.admin()));
            assertTrue(keys.stream().map(JsonValue::asJsonObject)
                    .anyMatch(k -> id.equals(k.getString("id")) && "active".equals(k.getString("status"))), keys.toString());
            assertEquals(EVENTS, audited(api, run).size(), "audit events lost across the restart");
            JsonArray created = api.events("filter=key.created");
            assertTrue(created.stream().anyMatch(e -> id.equals(e.asJsonObject().getJsonObject("detail")
                    .getString("key_id", null))), created.toString());
        } finally {
            deployer.undeploy(DEPLOYMENT);
            awaitServerGone();
        }
    }

    /**
     * Undeploy only signals the server; the next one may start when the first has exited (its shutdown drain done,
     * its database closed, its port free). The servers are this JVM's child processes.
     */
    private static void awaitServerGone() throws InterruptedException, ExecutionException, TimeoutException {
        for (ProcessHandle server : ProcessHandle.current().children().toList()) {
            if (server.info().commandLine().map(c -> c.contains("payara-micro")).orElse(true)) {
                server.onExit().get(120, TimeUnit.SECONDS);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (portOpen() && System.nanoTime() < deadline) {
            AuditApi.sleep(200);
        }
        assertTrue(!portOpen(), "port " + PORT + " is still in use");
    }

    private static boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
