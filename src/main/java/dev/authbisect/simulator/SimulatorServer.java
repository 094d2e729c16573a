package dev.authbisect.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The exchange simulator: an HTTP server on 127.0.0.1 serving one {@link Scenario} through the
 * {@link Dialect} of its venue (Crypto.com: {@code /exchange/v1/{method}} and {@code /v2/{method}}).
 * A client changes only scheme, host and port.
 *
 * <pre>{@code
 * try (SimulatorServer sim = SimulatorServer.start(Scenario.load(path), 0)) {
 *     URI api = sim.apiUrl();   // http://127.0.0.1:PORT/exchange/v1
 * }
 * }</pre>
 *
 * <p>The caller's egress IP is the TCP peer address, unless the request carries
 * {@link #EGRESS_IP_HEADER} together with {@link #RELAY_TOKEN_HEADER} equal to {@link #trustToken()}
 * (a random value per server, known only to whoever started it — the relay).
 */
public final class SimulatorServer implements AutoCloseable {
    /** The egress IP the relay claims for the request (trusted only with the relay token). */
    public static final String EGRESS_IP_HEADER = "X-Authbisect-Egress-Ip";
    /** Proves the request comes from the relay that started this server. */
    public static final String RELAY_TOKEN_HEADER = "X-Authbisect-Relay-Token";
    /** The simulator's reason for its answer (the real exchange gives none); never contains a secret. */
    public static final String REASON_HEADER = "X-Authbisect-Sim-Reason";

    static {
        // The JDK server writes headers and body in separate writes; with Nagle on, a client's delayed
        // ACK costs ~40 ms per request. Read once by the JDK when its first HttpServer starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final Scenario scenario;
    private final java.util.List<String> basePaths;
    private final HttpServer server;
    private final ExecutorService executor;
    private final CountDownLatch closing;
    private final String trustToken;
    private Thread warmup;

    private SimulatorServer(Scenario scenario, java.util.List<String> basePaths, HttpServer server, ExecutorService executor,
                            CountDownLatch closing, String trustToken) {
        this.scenario = scenario;
        this.basePaths = java.util.List.copyOf(basePaths);
        this.server = server;
        this.executor = executor;
        this.closing = closing;
        this.trustToken = trustToken;
    }

    /**
     * Starts a simulator for {@code scenario} on 127.0.0.1:{@code port} (0 picks a free port).
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static SimulatorServer start(Scenario scenario, int port) {
        byte[] token = new byte[16];
        new SecureRandom().nextBytes(token);
        String trustToken = HexFormat.of().formatHex(token);
        CountDownLatch closing = new CountDownLatch(1);
        AtomicInteger threads = new AtomicInteger();
        // one thread per core waits from the start (no thread is born under the first requests); more are made
        // when requests block (latency and timeout faults hold theirs), and go again after a minute idle
        ThreadPoolExecutor executor = new ThreadPoolExecutor(Runtime.getRuntime().availableProcessors(), Integer.MAX_VALUE,
                60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "authbisect-sim-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.prestartAllCoreThreads();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            Exchange<?> exchange = Exchange.of(scenario);
            server.createContext("/", new ExchangeHandler(exchange, scenario, trustToken, closing));
            server.setExecutor(executor);
            server.start();
            return new SimulatorServer(scenario, exchange.dialect().basePaths(), server, executor, closing, trustToken);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts warming this simulator up in the background (its request path run on synthetic
     * requests of a world of its own, see {@code Warmup}): a light warm-up (150 ms of one
     * thread's CPU) that loads what the first requests need, for a simulator serving a run.
     * Nothing of the scenario is touched. Returns this.
     */
    public SimulatorServer warmUp() {
        return warmUp(Warmup.BACKGROUND_BUDGET);
    }

    /**
     * Warms this simulator up fully before it serves (half a second of one thread's CPU: its
     * request path compiled), for {@code authbisect sim}: the first requests are served at close to
     * full speed. Returns this when done (at most {@code limit} later).
     */
    public SimulatorServer warmUpAndWait(java.time.Duration limit) {
        return warmUp(Warmup.BUDGET).awaitWarm(limit);
    }

    private SimulatorServer warmUp(java.time.Duration budget) {
        synchronized (this) {
            if (warmup == null) {
                warmup = Warmup.start(port(), scenario.venue(), closing, budget);
            }
        }
        return this;
    }

    /** Waits until the warm-up started has ended (at most {@code limit}). Returns this. */
    public SimulatorServer awaitWarm(java.time.Duration limit) {
        Thread t;
        synchronized (this) {
            t = warmup;
        }
        if (t != null) {
            try {
                t.join(limit.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return this;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /**
     * The API's base URL, what a client's base URL becomes: {@code http://127.0.0.1:PORT} with
     * the venue's first base path ({@code /exchange/v1} for Crypto.com).
     */
    public URI apiUrl() {
        return url(basePaths.get(0));
    }

    /** Every base URL the venue's API serves, in the dialect's order ({@code /exchange/v1}, {@code /v2}). */
    public java.util.List<URI> apiUrls() {
        return basePaths.stream().map(this::url).toList();
    }

    /** {@code http://127.0.0.1:PORT} followed by {@code path} ({@code /v2}). */
    public URI url(String path) {
        return URI.create(baseUrl() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The value of {@link #RELAY_TOKEN_HEADER} that makes this server trust {@link #EGRESS_IP_HEADER}. */
    public String trustToken() {
        return trustToken;
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The scenario's current time in epoch millis. */
    public long nowMillis() {
        return scenario.nowMillis();
    }

    /** The frozen clock, when the scenario has one. */
    public OptionalLong fixedClockMillis() {
        return scenario.fixedClockMillis();
    }

    /** Stops accepting, releases held requests (timeout and latency faults) and ends the worker threads. */
    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SimulatorServer[" + baseUrl() + ", scenario " + scenario.source() + "]";
    }
}
