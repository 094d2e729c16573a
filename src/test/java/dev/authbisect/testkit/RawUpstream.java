package dev.authbisect.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A live upstream as real ones behave, on a raw {@link ServerSocket} on 127.0.0.1: either HTTP/1.0
 * that closes after every answer without a {@code Connection} header (Python's {@code
 * http.server}), or HTTP/1.1 keep-alive that drops a connection idle for longer than a set time
 * (what load balancers in front of live APIs do). It records every request it read, and a script
 * decides what each one gets: an answer (by default the Crypto.com success envelope), no answer at
 * all, or a closed connection.
 */
public final class RawUpstream implements AutoCloseable {
    /** A request as the upstream read it. */
    public record Received(String method, String path, String body, long atNanos, int connection) {
    }

    /** What a request gets. */
    public sealed interface Action permits Answer, Hang, Close {
    }

    /** An HTTP answer. */
    public record Answer(int status, String body, Map<String, String> headers) implements Action {
        public Answer(int status, String body) {
            this(status, body, Map.of());
        }
    }

    /** No answer, the connection left open until the upstream closes. */
    public record Hang() implements Action {
    }

    /** The connection closed right after the request was read, without an answer. */
    public record Close() implements Action {
    }

    private final ServerSocket server;
    private final boolean http10;
    private final Duration idleDrop;
    private final Function<Received, Action> script;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();

    private RawUpstream(boolean http10, Duration idleDrop, Function<Received, Action> script) throws IOException {
        this.http10 = http10;
        this.idleDrop = idleDrop;
        this.script = script;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        Thread t = new Thread(this::accept, "raw-upstream");
        t.setDaemon(true);
        t.start();
    }

    /** HTTP/1.0, closing after every answer, no {@code Connection} header. */
    public static RawUpstream http10(Function<Received, Action> script) throws IOException {
        return new RawUpstream(true, null, script);
    }

    /** HTTP/1.1 keep-alive that closes a connection idle for {@code idleDrop}. */
    public static RawUpstream keepAlive(Duration idleDrop, Function<Received, Action> script) throws IOException {
        return new RawUpstream(false, idleDrop, script);
    }

    /** The Crypto.com success envelope for whatever method the path names. */
    public static Action success(Received r) {
        return new Answer(200, envelope(r, 0, "SUCCESS"));
    }

    /** {@code {"id":1,"method":"private/x","code":N,"message":NAME}} ({@code result} for code 0). */
    public static String envelope(Received r, int code, String name) {
        String method = methodOf(r.path());
        return "{\"id\":1,\"method\":\"" + method + "\",\"code\":" + code
                + (code == 0 ? ",\"result\":{\"data\":[]}}" : ",\"message\":\"" + name + "\"}");
    }

    /** {@code /exchange/v1/private/get-open-orders} → {@code private/get-open-orders}. */
    public static String methodOf(String path) {
        int at = path.indexOf("/private/");
        at = at < 0 ? path.indexOf("/public/") : at;
        return at < 0 ? path : path.substring(at + 1);
    }

    /** The API base a config or target points at: {@code http://127.0.0.1:port/exchange/v1}. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/exchange/v1");
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many TCP connections were accepted. */
    public int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                int id = connections.incrementAndGet();
                open.add(s);
                Thread t = new Thread(() -> serve(s, id), "raw-upstream-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int id) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            boolean first = true;
            while (true) {
                // a keep-alive upstream drops a connection that stays idle too long, as a load balancer does
                s.setSoTimeout(first || idleDrop == null ? 10_000 : (int) idleDrop.toMillis());
                first = false;
                String head;
                try {
                    head = head(in);
                } catch (SocketTimeoutException idle) {
                    return;
                }
                if (head == null) {
                    return;
                }
                String[] start = head.lines().findFirst().orElse("").split(" ");
                int length = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                        .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElse(0);
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                String path = start.length > 1 ? start[1] : "/";
                Received r = new Received(start[0], path.contains("?") ? path.substring(0, path.indexOf('?')) : path, body,
                        System.nanoTime(), id);
                received.add(r);
                Action action = script.apply(r);
                if (action instanceof Hang) {
                    s.setSoTimeout(0);
                    in.read(); // until the client or close() ends it
                    return;
                }
                if (action instanceof Close) {
                    return;
                }
                Answer a = (Answer) action;
                byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
                StringBuilder h = new StringBuilder(http10 ? "HTTP/1.0 " : "HTTP/1.1 ").append(a.status()).append(" X\r\n")
                        .append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n");
                a.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
                out.write(h.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.flush();
                if (http10) {
                    return; // HTTP/1.0 without keep-alive: the answer ends the connection
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(s);
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            b.write(c);
            state = switch (state) {
                case 0 -> c == '\r' ? 1 : 0;
                case 1 -> c == '\n' ? 2 : 0;
                case 2 -> c == '\r' ? 3 : 0;
                case 3 -> c == '\n' ? 4 : 0;
                default -> 0;
            };
            if (state == 4) {
                return b.toString(StandardCharsets.ISO_8859_1);
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
