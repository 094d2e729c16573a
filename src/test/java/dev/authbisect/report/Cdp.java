package dev.authbisect.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal Chrome DevTools Protocol client over the JDK's WebSocket, for measuring a page's layout
 * in headless Chromium (the page itself runs no scripts; DevTools evaluation is not the page's).
 * One page per instance, emulating a viewport and a media type.
 */
final class Cdp implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process chromium;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final String session;

    private Cdp(Process chromium, WebSocket socket, Receiver receiver) throws Exception {
        this.chromium = chromium;
        this.socket = socket;
        receiver.owner = this;
        String target = send(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        this.session = send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
        send("Page.enable", Map.of());
    }

    /** Starts headless Chromium with a DevTools port and attaches to a new page. */
    static Cdp launch(Path chromiumBinary, Path work) throws Exception {
        Path profile = Files.createTempDirectory(work, "cdp-profile");
        Path log = Files.createTempFile(work, "cdp", ".log");
        Process p = new ProcessBuilder(chromiumBinary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--remote-allow-origins=*", "about:blank")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String url = null;
        while (url == null && System.nanoTime() < deadline && p.isAlive()) {
            Matcher m = LISTENING.matcher(Files.readString(log));
            if (m.find()) {
                url = m.group(1);
            } else {
                Thread.sleep(50);
            }
        }
        if (url == null) {
            p.destroyForcibly();
            throw new IllegalStateException("Chromium printed no DevTools URL: " + Files.readString(log));
        }
        Receiver receiver = new Receiver();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), receiver).get(30, TimeUnit.SECONDS);
        return new Cdp(p, ws, receiver);
    }

    JsonNode send(String method, Map<String, Object> params) throws Exception {
        return send(session, method, params);
    }

    private JsonNode send(String sessionId, String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            msg.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        synchronized (socket) {
            socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        }
        JsonNode reply = answer.get(60, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + ": " + reply.get("error"));
        }
        return reply.path("result");
    }

    /** Sets the viewport's CSS size and the emulated media ("screen" or "print"). */
    void viewport(int width, int height, String media) throws Exception {
        send("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", false));
        send("Emulation.setEmulatedMedia", Map.of("media", media));
    }

    /** Navigates and waits (polling with a deadline) until the document is complete. */
    void open(Path page) throws Exception {
        send("Page.navigate", Map.of("url", page.toUri().toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!"complete".equals(eval("document.readyState").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("page did not load: " + page);
            }
            Thread.sleep(50);
        }
    }

    /** The value of a JavaScript expression, returned by value. */
    JsonNode eval(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("evaluation failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** An expression that returns JSON text, parsed. */
    JsonNode evalJson(String expression) throws Exception {
        return JSON.readTree(eval(expression).asText());
    }

    @Override
    public void close() throws IOException {
        try {
            send(null, "Browser.close", Map.of());
        } catch (Exception e) {
            // it may close before answering
        }
        socket.abort();
        try {
            if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
                chromium.descendants().forEach(ProcessHandle::destroyForcibly);
                chromium.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Receiver implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        volatile Cdp owner;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode msg = JSON.readTree(text.toString());
                    if (msg.has("id") && owner != null) {
                        CompletableFuture<JsonNode> f = owner.pending.remove(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    }
                } catch (IOException e) {
                    // not JSON: ignore
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    static List<String> strings(JsonNode array) {
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }
}
