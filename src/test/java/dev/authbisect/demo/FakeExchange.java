package dev.authbisect.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Test double of an exchange and of the relay's control endpoints on 127.0.0.1: records every
 * request in arrival order ({@code call:<name>}, {@code result:<name>} under {@code /<prefix>/control/},
 * anything else as a venue request) and answers venue requests with {@link #answer}.
 */
final class FakeExchange implements AutoCloseable {
    /** One request as it arrived. */
    record Received(String kind, String name, String path, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String event() {
            return kind + ":" + name;
        }
    }

    /** What a venue request gets back. */
    record Answer(int status, String json) {
        static Answer ok(String method) {
            return new Answer(200, "{\"id\":1,\"method\":\"" + method + "\",\"code\":0,\"result\":{\"data\":[]}}");
        }

        static Answer error(int status, int code, String message) {
            return new Answer(status, "{\"id\":1,\"code\":" + code + ",\"message\":\"" + message + "\"}");
        }
    }

    static final String PREFIX = "t0k3n";

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<String, Answer> answer = Answer::ok;

    FakeExchange() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL the client is given ({@code http://127.0.0.1:port/t0k3n}). */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + PREFIX;
    }

    String controlUrl() {
        return baseUrl() + "/control";
    }

    /** Venue method (e.g. {@code private/get-open-orders}) → answer. */
    void answer(Function<String, Answer> answer) {
        this.answer = answer;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> venueRequests() {
        return received.stream().filter(r -> r.kind().equals("request")).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath();
            String base = "/" + PREFIX + "/";
            String sub = path.startsWith(base) ? path.substring(base.length()) : path;
            if (sub.startsWith("control/")) {
                String[] parts = sub.split("/", 3);
                received.add(new Received(parts[1], parts[2], path, body));
                ex.sendResponseHeaders(204, -1);
                return;
            }
            received.add(new Received("request", sub, path, body));
            Answer a = answer.apply(sub);
            byte[] out = a.json().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(a.status(), out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
