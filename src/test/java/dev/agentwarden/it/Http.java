package dev.agentwarden.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A small black-box HTTP client for the integration tests (the JDK's own {@link HttpClient}). */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** Deployments seen running, checked once each. */
    private static final Set<URI> STARTED = ConcurrentHashMap.newKeySet();

    private final URI base;

    /**
     * A client of the deployment at {@code base}, reached over loopback: the servers listen on every address, and the
     * host the adapter reports (the machine's first interface) is not one the tests should depend on.
     */
    public Http(URL base) {
        String path = base.getPath().endsWith("/") ? base.getPath() : base.getPath() + "/";
        int port = base.getPort() == -1 ? base.getDefaultPort() : base.getPort();
        this.base = URI.create(base.getProtocol() + "://127.0.0.1:" + port + path);
        if (!STARTED.contains(this.base)) {
            requireStarted();
        }
    }

    /**
     * Fails plainly when the server runs but the application does not: a start-up exception leaves Payara Micro up with
     * nothing deployed, the adapter still hands out a URL, and every test would otherwise fail on a 404 of its own.
     * A server that is not listening yet passes (a test that deploys later, as {@code RestartIT} does).
     */
    private void requireStarted() {
        HttpResponse<String> health;
        try {
            health = CLIENT.send(request("health").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (health.statusCode() != 200) {
            throw new IllegalStateException("The application is not running at " + base + " (GET health answered "
                    + health.statusCode() + "): its start failed; the server's console is in "
                    + "target/failsafe-reports/<test class>-output.txt");
        }
        STARTED.add(base);
    }

    /** {@code Basic base64(user:password)}. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The test deployment's valid Basic header. */
    public static String auth() {
        return basic(Deployments.USER, Deployments.PASSWORD);
    }

    /** The absolute URI of {@code path} (relative to the context root, no leading slash). */
    public URI uri(String path) {
        return base.resolve(path);
    }

    /** A request builder for {@code path}. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    }

    /** The test deployment's admin Basic header. */
    public static String admin() {
        return basic(Deployments.ADMIN, Deployments.ADMIN_PASSWORD);
    }

    /** GET with {@code authorization} (none when null). */
    public HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = request(path).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    /** A request with a JSON body and {@code authorization} (none when null). */
    public HttpResponse<String> json(String method, String path, String json, String authorization) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    /** GET with the valid Basic header. */
    public HttpResponse<String> get(String path) {
        return send(request(path).header("Authorization", auth()).GET());
    }

    /** POST of a JSON body with the valid Basic header. */
    public HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Authorization", auth()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Moves the deployment's clock forward by {@code amount} ({@link ClockServlet}); tests never sleep for time. */
    public java.time.Instant advanceClock(java.time.Duration amount) {
        return clock("advance=" + amount);
    }

    /** Stops the deployment's clock (until {@link #releaseClock}), so counting against a rate window is exact. */
    public void freezeClock() {
        clock("freeze");
    }

    /** Lets the deployment's clock run again. */
    public void releaseClock() {
        clock("release");
    }

    private java.time.Instant clock(String query) {
        HttpResponse<String> moved = send(request(ClockServlet.PATH + "?" + query).header("Authorization", auth())
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (moved.statusCode() != 200) {
            throw new IllegalStateException("The clock did not move: " + moved.statusCode() + " " + moved.body());
        }
        return java.time.Instant.parse(moved.body().trim());
    }

    /** Sends any request. */
    public static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
