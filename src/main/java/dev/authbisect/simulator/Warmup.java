package dev.authbisect.simulator;

import dev.authbisect.core.KeyedMac;
import dev.authbisect.core.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
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
 * <p>It touches nothing of the scenario being served: the dialect's warm-up requests
 * ({@link Dialect#warmupCalls}) go to an {@link Exchange} of its own (a new dialect instance), for a
 * world of the same venue with one synthetic key (a random secret, never
 * shown), no faults, no rate limit and no events, in memory; only the HTTP
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
    private final String venue;
    private final CountDownLatch closing;
    private final Duration budget;

    Warmup(int port, String venue, CountDownLatch closing, Duration budget) {
        this.port = port;
        this.venue = venue;
        this.closing = closing;
        this.budget = budget;
    }

    /** Starts the warm-up on a daemon thread; the thread ends when it is done. */
    static Thread start(int port, String venue, CountDownLatch closing, Duration budget) {
        Thread t = new Thread(new Warmup(port, venue, closing, budget), "authbisect-sim-warmup");
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
            Scenario world = new Scenario("warm-up", venue, new ScenarioClock.Fixed(CLOCK), Scenario.DEFAULT_NONCE_WINDOW,
                    0, List.of(key), Map.of(), Optional.empty(), List.of(), List.of());
            Exchange<?> exchange = Exchange.of(world);
            KeyedMac mac = KeyedMac.of(secret);
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            long start = cpu.isCurrentThreadCpuTimeSupported() ? cpu.getCurrentThreadCpuTime() : 0;
            try (Loopback http = new Loopback(port)) {
                for (int round = 0; round < ROUNDS && closing.getCount() > 0; round++) {
                    for (HttpCall call : exchange.dialect().warmupCalls(KEY, mac, CLOCK.toEpochMilli(), round)) {
                        exchange.route(call.httpMethod(), call.rawPath())
                                .ifPresent(route -> exchange.answer(route, call, false, "127.0.0.1"));
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
}
