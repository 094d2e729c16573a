package dev.authbisect.simulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import dev.authbisect.core.Secret;
import dev.authbisect.venue.cryptocom.CanonicalParams;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Brings a new simulator up to speed in the background, so the first requests of a run meet
 * loaded and compiled code instead of paying for class loading and the interpreter (a cold
 * simulator answers its first requests many times slower than a warm one).
 *
 * <p>It touches nothing of the scenario being served: the signed requests go to an
 * {@link ExchangeHandler} of its own, for a world with one synthetic key (a random secret, never
 * shown), no faults, no rate limit and no events, through in-memory exchanges; only the HTTP
 * server itself is warmed over loopback, with requests for a path outside the API, which every
 * simulator answers 404 without drawing a fault or counting against a limit. It stops at the
 * first of: its budget of CPU time ({@link #BUDGET}, 500 ms, before serving; {@link #BACKGROUND_BUDGET},
 * 150 ms, alongside a run), {@link #ROUNDS} rounds, the server closing.
 */
final class Warmup implements Runnable {
    /** CPU time a warm-up before serving may spend (system property {@code authbisect.sim.warmupMillis}). */
    static final Duration BUDGET = Duration.ofMillis(Long.getLong("authbisect.sim.warmupMillis", 500));
    /** CPU time a warm-up alongside a run may spend: loading the request path's classes, not compiling it all. */
    static final Duration BACKGROUND_BUDGET = Duration.ofMillis(Long.getLong("authbisect.sim.backgroundWarmupMillis", 150));
    /** Rounds at most (one round: each kind of request once). */
    static final int ROUNDS = 3000;
    private static final Instant CLOCK = Instant.parse("2025-01-01T00:00:00Z");
    private static final String KEY = "AuthbisectWarmupKey0001";

    private final int port;
    private final CountDownLatch closing;
    private final Duration budget;

    Warmup(int port, CountDownLatch closing, Duration budget) {
        this.port = port;
        this.closing = closing;
        this.budget = budget;
    }

    /** Starts the warm-up on a daemon thread; the thread ends when it is done. */
    static Thread start(int port, CountDownLatch closing, Duration budget) {
        Thread t = new Thread(new Warmup(port, closing, budget), "authbisect-sim-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    @Override
    public void run() {
        try {
            byte[] raw = new byte[24];
            new SecureRandom().nextBytes(raw);
            Secret secret = Secret.of(HexFormat.of().formatHex(raw));
            SimKey key = new SimKey("warm-up", KEY, secret, Set.of(Permission.READ), List.of("127.0.0.1"), Optional.empty(),
                    Optional.empty());
            Scenario world = new Scenario("warm-up", Scenario.VENUE, new ScenarioClock.Fixed(CLOCK), Scenario.DEFAULT_NONCE_WINDOW,
                    40103, List.of(key), Map.of(), Optional.empty(), List.of(), List.of());
            ExchangeHandler handler = new ExchangeHandler(world, "not-a-relay-token", closing);
            KeyedMac mac = new KeyedMac(secret);
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long start = cpu.isCurrentThreadCpuTimeSupported() ? cpu.getCurrentThreadCpuTime() : 0;
            try (Loopback http = new Loopback(port)) {
                for (int round = 0; round < ROUNDS && closing.getCount() > 0; round++) {
                    for (FakeExchange exchange : requests(round, mac)) {
                        handler.handle(exchange);
                    }
                    if (round % 8 == 0) {
                        http.notFound();
                    }
                    if (start != 0 && cpu.getCurrentThreadCpuTime() - start > budget.toNanos()) {
                        break;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a warm-up that cannot run costs the first requests some speed, nothing else
        }
    }

    /** One of each: signed successes on v1 and v2, a bad signature (the diagnosis path), a public GET. */
    private static List<FakeExchange> requests(int round, KeyedMac mac) {
        long nonce = CLOCK.toEpochMilli();
        List<FakeExchange> out = new ArrayList<>();
        out.add(signed("/exchange/v1/", "private/get-order-history", "{\"limit\":" + round % 100 + "}", "limit" + round % 100,
                nonce, mac, true));
        out.add(signed("/exchange/v1/", "private/user-balance", "{}", "", nonce, mac, true));
        out.add(signed("/exchange/v1/", "private/get-open-orders", "{\"page\":1.0}", "page1", nonce, mac, false));
        out.add(signed("/v2/", "private/get-account-summary", "{\"currency\":\"CRO\"}", "currencyCRO", nonce, mac, true));
        out.add(new FakeExchange("GET", "/exchange/v1/public/get-instruments", new byte[0]));
        return out;
    }

    private static FakeExchange signed(String prefix, String method, String params, String paramString, long nonce, KeyedMac mac,
                                       boolean good) {
        String sig = good ? mac.hex(CanonicalParams.stringToSign(method, Long.toString(nonce), KEY, paramString, Long.toString(nonce)))
                : "0".repeat(64);
        String body = "{\"id\":" + nonce + ",\"method\":\"" + method + "\",\"params\":" + params + ",\"api_key\":\"" + KEY
                + "\",\"sig\":\"" + sig + "\",\"nonce\":" + nonce + "}";
        return new FakeExchange("POST", prefix + method, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Keep-alive HTTP/1.1 to the server for a path outside the API (answered 404, no state involved). */
    private static final class Loopback implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Loopback(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(5000);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void notFound() throws IOException {
            out.write("GET /authbisect-warm-up HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            int length = 0;
            for (String line = line(); !line.isEmpty(); line = line()) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            in.readNBytes(length);
        }

        private String line() throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("closed");
                }
                if (c != '\r') {
                    b.append((char) c);
                }
            }
            return b.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** An exchange in memory: a request body in, the answer discarded. */
    private static final class FakeExchange extends HttpExchange {
        private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
        private final String method;
        private final URI uri;
        private final Headers requestHeaders = new Headers();
        private final Headers responseHeaders = new Headers();
        private InputStream body;
        private OutputStream response = new ByteArrayOutputStream();
        private int status = -1;

        FakeExchange(String method, String path, byte[] body) {
            this.method = method;
            this.uri = URI.create(path);
            this.body = new ByteArrayInputStream(body);
            requestHeaders.set("Content-Type", "application/json");
        }

        @Override
        public Headers getRequestHeaders() {
            return requestHeaders;
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public URI getRequestURI() {
            return uri;
        }

        @Override
        public String getRequestMethod() {
            return method;
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {
            // nothing held
        }

        @Override
        public InputStream getRequestBody() {
            return body;
        }

        @Override
        public OutputStream getResponseBody() {
            return response;
        }

        @Override
        public void sendResponseHeaders(int code, long length) {
            status = code;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return PEER;
        }

        @Override
        public int getResponseCode() {
            return status;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return PEER;
        }

        @Override
        public String getProtocol() {
            return "HTTP/1.1";
        }

        @Override
        public Object getAttribute(String name) {
            return null;
        }

        @Override
        public void setAttribute(String name, Object value) {
            // no attributes
        }

        @Override
        public void setStreams(InputStream i, OutputStream o) {
            if (i != null) {
                body = i;
            }
            if (o != null) {
                response = o;
            }
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
