package dev.agentwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The HTTP client of one server: JSON in and out, the credential as {@code Authorization: Bearer}, refusals turned into
 * {@link ApiError} (exit 1) and network failures into {@link CliError#UNREACHABLE} (exit 3). Immutable: {@link #with}
 * gives a client that also sends a header ({@code X-MFA-Code}, {@code If-Match}).
 */
final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The header that proves a fresh second factor on an MFA-protected operation. */
    static final String MFA_HEADER = "X-MFA-Code";

    private final URI base;
    private final String token;
    private final Map<String, String> headers;

    /** A client of the server at {@code base} ({@code http(s)://host[:port][/context]}); {@code token} may be null. */
    Api(URI base, String token) {
        this(base, token, Map.of());
    }

    private Api(URI base, String token, Map<String, String> headers) {
        this.base = base;
        this.token = token;
        this.headers = headers;
    }

    /** An answer's JSON body and its {@code ETag} header ({@code null} when there is none). */
    record Reply(JsonNode body, String etag) {
    }

    /** This client, also sending {@code name: value} on every request; a null value leaves it as it is. */
    Api with(String name, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Api(base, token, Map.copyOf(more));
    }

    /** {@code text} as a server base URL with a trailing slash; a usage error when it is not an http(s) URL. */
    static URI baseUri(String text) {
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw CliError.usage("not a URL: " + text);
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("(?i)https?") || uri.getHost() == null) {
            throw CliError.usage("the server URL must be http:// or https://, with a host: " + text);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw CliError.usage("the server URL must not carry credentials, a query or a fragment");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(uri.getScheme().toLowerCase() + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path
                : path + "/"));
    }

    URI base() {
        return base;
    }

    /** {@code segments} percent-encoded and joined by {@code /}, for a path under the base. */
    static String path(String... segments) {
        StringJoiner joined = new StringJoiner("/");
        for (String segment : segments) {
            joined.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return joined.toString();
    }

    /** {@code path?name=value&...} with the values encoded; null values left out. */
    static String query(String path, Map<String, String> parameters) {
        StringJoiner joined = new StringJoiner("&", path + "?", "").setEmptyValue(path);
        parameters.forEach((name, value) -> {
            if (value != null) {
                joined.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return joined.toString();
    }

    JsonNode get(String path) {
        return json(request(path).GET());
    }

    /** A GET with the answer's {@code ETag}, for a read-modify-write with {@code If-Match}. */
    Reply read(String path) {
        return reply(request(path).GET());
    }

    JsonNode delete(String path) {
        return json(request(path).DELETE());
    }

    /** A request with a JSON body ({@code POST}, {@code PUT}). */
    JsonNode send(String method, String path, JsonNode body) {
        return json(request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.compact(body))));
    }

    /** A form-encoded POST ({@code /api/auth/token}). */
    JsonNode postForm(String path, Map<String, String> form) {
        String body = query("", form).substring(1);
        return json(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A GET whose body is handed over as a stream (the caller closes it) once the status says it is not a refusal. */
    InputStream stream(String path) {
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(base.resolve(path))).GET();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() >= 300) {
            try (InputStream body = response.body()) {
                throw refusal(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ApiError(response.statusCode(), null, null);
            }
        }
        return response.body();
    }

    private HttpRequest.Builder request(String path) {
        return authorized(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)).header("Accept", "application/json");
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        headers.forEach(request::header);
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private JsonNode json(HttpRequest.Builder request) {
        return reply(request).body();
    }

    private Reply reply(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() >= 300 && response.statusCode() < 400) {
            throw new ApiError(response.statusCode(), null, "redirected to " + response.headers().firstValue("Location")
                    .orElse("elsewhere") + "; log in with that URL");
        }
        if (response.statusCode() >= 300) {
            throw refusal(response.statusCode(), type, response.body());
        }
        String etag = response.headers().firstValue("ETag").orElse(null);
        if (response.body().isBlank()) {
            return new Reply(Json.MAPPER.nullNode(), etag);
        }
        try {
            return new Reply(Json.MAPPER.readTree(response.body()), etag);
        } catch (IOException e) {
            throw new CliError(CliError.REFUSED, "the server at " + base + " answered something that is not JSON ("
                    + type + "): is it a Warden server?");
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CLIENT.send(request.build(), handler);
        } catch (IOException | UncheckedIOException e) {
            throw new CliError(CliError.UNREACHABLE, "cannot reach the server at " + base + " (" + reason(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliError(CliError.UNREACHABLE, "interrupted while waiting for " + base, e);
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused or no route to host" + (message == null ? "" : ": " + message);
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** The refusal an answer says: {@code code} and {@code detail} from a problem document, else just the status. */
    static ApiError refusal(int status, String contentType, String body) {
        if (contentType.toLowerCase().contains("json") && body != null && !body.isBlank()) {
            try {
                JsonNode problem = Json.MAPPER.readTree(body);
                String detail = Json.text(problem, "detail");
                return new ApiError(status, Json.text(problem, "code"), detail != null ? detail
                        : Json.text(problem, "error") != null ? Json.text(problem, "error") : Json.text(problem, "title"),
                        problem.path("errors"));
            } catch (IOException e) {
                // not JSON after all: the status says it
            }
        }
        return new ApiError(status, null, null);
    }
}
