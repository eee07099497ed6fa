package dev.agentwarden.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in Warden server on 127.0.0.1: canned answers per "METHOD path" (or a sequence of them, the last one repeated),
 * every request recorded with its headers.
 */
final class FakeServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Seen(String method, String uri, String authorization, String body, Map<String, String> headers) {

        /** A request header's first value (name in any case), or {@code null}. */
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** {@code METHOD uri}. */
        String line() {
            return method + " " + uri;
        }
    }

    /** A canned answer, with response headers of its own ({@code ETag}). */
    record Answer(int status, String contentType, String body, Map<String, String> headers) {

        Answer(int status, String contentType, String body) {
            this(status, contentType, body, Map.of());
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Deque<Answer>> sequences = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} (path with its query, as sent) with JSON. */
    FakeServer json(String method, String path, int status, String body) {
        return answer(method, path, json(status, body));
    }

    FakeServer problem(String method, String path, int status, String code, String detail) {
        return answer(method, path, problem(status, code, detail));
    }

    FakeServer answer(String method, String path, Answer answer) {
        answers.put(method + " " + path, answer);
        return this;
    }

    /** Answers {@code method path} with {@code first}, then {@code then} (and {@code then} from then on). */
    FakeServer sequence(String method, String path, Answer first, Answer then) {
        sequences.put(method + " " + path, new ArrayDeque<>(List.of(first)));
        answers.put(method + " " + path, then);
        return this;
    }

    static Answer json(int status, String body) {
        return new Answer(status, "application/json", body);
    }

    static Answer problem(int status, String code, String detail) {
        return new Answer(status, "application/problem+json",
                "{\"type\":\"about:blank\",\"status\":" + status + ",\"code\":\"" + code + "\",\"detail\":\"" + detail
                + "\"}");
    }

    List<Seen> seen() {
        return seen;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String uri = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        seen.add(new Seen(exchange.getRequestMethod(), uri, exchange.getRequestHeaders().getFirst("Authorization"), body,
                Map.copyOf(headers)));
        String key = exchange.getRequestMethod() + " " + uri;
        Deque<Answer> sequence = sequences.get(key);
        Answer queued = sequence == null ? null : sequence.poll();
        Answer answer = queued != null ? queued : answers.getOrDefault(key,
                new Answer(404, "application/problem+json", "{\"code\":\"not_found\",\"detail\":\"No such path\"}"));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), answer.status() == 204 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (answer.status() != 204) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
