package dev.authbisect.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.authbisect.core.Credentials;
import dev.authbisect.venue.Venues;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a careless or hostile probe sends the relay: paths that would leave the upstream's base path
 * (400, recorded, never forwarded) and announcements of calls the config does not have (400 with a
 * message; the requests after it are attributed by venue method, never filed under the wrong name).
 */
class RelayHostileRequestsTest {
    static final Credentials CREDS = Credentials.of("raHZAk1MDkAWviDpcBxAWU", "demo-secret-aws-key-3-1");
    static Relay relay;
    static HttpServer upstream;
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        relay = Relay.start(Venues.require("crypto-com-exchange-v1"));
        upstream = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        upstream.createContext("/", ex -> {
            SEEN.add(ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath());
            byte[] body = "{\"id\":1,\"method\":\"private/get-open-orders\",\"code\":0,\"result\":{}}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        upstream.start();
    }

    @AfterAll
    static void stop() {
        relay.close();
        upstream.stop(0);
    }

    @BeforeEach
    void reset() {
        SEEN.clear();
    }

    private TrialSession open(List<String> calls) {
        URI base = URI.create("http://127.0.0.1:" + upstream.getAddress().getPort() + "/exchange/v1");
        return relay.open(new TrialTarget("t", "prod", CREDS, base, Map.of(), Optional.empty(), null, null, false), calls);
    }

    /** Sends exactly {@code path} (no client normalizes it) and returns the status line and body. */
    private static String raw(URI prefix, String method, String path, String body) throws IOException {
        try (Socket socket = new Socket(prefix.getHost(), prefix.getPort())) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            String request = method + " " + prefix.getRawPath() + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.write(b);
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String status = response.lines().findFirst().orElse("");
            int blank = response.indexOf("\r\n\r\n");
            return status + "\n" + (blank < 0 ? "" : response.substring(blank + 4));
        }
    }

    @Test
    void pathsThatWouldLeaveTheUpstreamsBasePathAreRefusedRecordedAndNeverForwarded() throws IOException {
        List<String> hostile = List.of(
                "/%2e%2e/%2e%2e/private/x",
                "/%2E%2e/private/x",
                "/.%2e/private/x",
                "/../private/x",
                "/private/./get-open-orders",
                "/private/%2e/get-open-orders",
                "/private/get-open-orders/..",
                "/%252e%252e/%252e%252e/private/x",
                "/..%2f..%2fprivate/x",
                "/private%2F..%2F..%2Fadmin",
                "/..%5c..%5cprivate/x",
                "/..;/..;/private/x",
                "/%2e%2e%3b/private/x",
                "/%c0%ae%c0%ae/private/x");
        TrialSession s = open(List.of());
        for (String path : hostile) {
            String answer = raw(s.relayUrl(), "POST", path, "{}");
            assertTrue(answer.startsWith("HTTP/1.1 400"), path + " → " + answer);
            assertTrue(answer.contains("not forwarded"), answer);
        }
        // not even a URI: the JDK server answers 400 (and may close the connection at once) before the relay sees it
        try {
            assertTrue(raw(s.relayUrl(), "GET", "/%zz/private/x", "").startsWith("HTTP/1.1 400"));
        } catch (java.net.SocketException reset) {
            // refused by closing: nothing forwarded either
        }
        TrialRecord record = s.finish();

        assertEquals(List.of(), SEEN, "forwarded to the upstream");
        assertEquals(List.of(), record.exchanges());
        assertEquals(hostile.size(), record.refused().size());
        assertEquals("POST /%2e%2e/%2e%2e/private/x → 400: a dot segment '%2e%2e' in the path: it would resolve outside "
                + "the upstream's base path", record.refused().get(0).describe());
        assertTrue(record.refused().stream().allMatch(r -> r.kind() == Refusal.Kind.BAD_PATH));
    }

    @Test
    void ordinaryPathsStillReachTheUpstreamUnderItsBasePath() throws IOException {
        TrialSession s = open(List.of());

        String answer = raw(s.relayUrl(), "POST", "/private/get-open-orders", "{\"method\":\"private/get-open-orders\"}");
        String dots = raw(s.relayUrl(), "GET", "/public/get-tickers?instrument_name=..%2F..", "");

        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(dots.startsWith("HTTP/1.1 200"), "a query is not a path: " + dots);
        assertEquals(List.of("POST /exchange/v1/private/get-open-orders", "GET /exchange/v1/public/get-tickers"), SEEN);
        assertEquals(List.of(), s.finish().refused());
    }

    @Test
    void anAnnouncedCallTheConfigDoesNotHaveGets400AndItsRequestsAreAttributedByMethod() throws IOException {
        TrialSession s = open(List.of("get_open_orders", "get_order_history"));

        String known = raw(s.controlUrl(), "POST", "/call/get_order_history", "");
        String typo = raw(s.controlUrl(), "POST", "/call/get_open_order", "");
        String sent = raw(s.relayUrl(), "POST", "/private/get-open-orders",
                "{\"id\":1,\"method\":\"private/get-open-orders\",\"api_key\":\"raHZAk1MDkAWviDpcBxAWU\",\"params\":{},\"nonce\":1}");
        String result = raw(s.controlUrl(), "POST", "/result/get_open_order", "{\"ok\":true}");
        TrialRecord record = s.finish();

        assertTrue(known.startsWith("HTTP/1.1 204"), known);
        assertEquals("HTTP/1.1 400\nauthbisect relay: the config has no call 'get_open_order' (expected one of: "
                + "get_open_orders, get_order_history)\n", typo.replace(" Bad Request", ""));
        assertTrue(sent.startsWith("HTTP/1.1 200"), sent);
        assertTrue(result.startsWith("HTTP/1.1 400"), result);
        assertEquals(List.of("get_order_history"), record.announced());
        assertEquals("", record.exchanges().get(0).call(), "not filed under the unknown name, nor under the previous call");
        assertEquals("private/get-open-orders", record.exchanges().get(0).venueMethod());
        assertEquals(List.of("get_open_order"), record.unknownCalls());
        assertEquals(Map.of(), record.results());
    }
}
