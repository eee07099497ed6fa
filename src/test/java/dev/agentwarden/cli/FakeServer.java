package dev.agentwarden.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A stand-in Warden server on 127.0.0.1: canned answers per "METHOD path", every request recorded. */
final class FakeServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Seen(String method, String uri, String authorization, String body) {
    }

    /** A canned answer. */
    record Answer(int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
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
        answers.put(method + " " + path, new Answer(status, "application/json", body));
        return this;
    }

    FakeServer problem(String method, String path, int status, String code, String detail) {
        answers.put(method + " " + path, new Answer(status, "application/problem+json",
                "{\"type\":\"about:blank\",\"status\":" + status + ",\"code\":\"" + code + "\",\"detail\":\"" + detail + "\"}"));
        return this;
    }

    FakeServer answer(String method, String path, Answer answer) {
        answers.put(method + " " + path, answer);
        return this;
    }

    List<Seen> seen() {
        return seen;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String uri = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        seen.add(new Seen(exchange.getRequestMethod(), uri, exchange.getRequestHeaders().getFirst("Authorization"), body));
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + uri,
                new Answer(404, "application/problem+json", "{\"code\":\"not_found\",\"detail\":\"No such path\"}"));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
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
