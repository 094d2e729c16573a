package dev.authbisect.relay;

import dev.authbisect.venue.RawRequest;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * The probe's {@code HTTP_PROXY}/{@code HTTPS_PROXY}: a loopback listener, one per trial, so what
 * it sees is attributed to the trial that did it.
 *
 * <ul>
 *   <li>{@code CONNECT host:port} to a host the trial's {@link CapturePolicy} captures (the venue's
 *       own API hosts, the environment's {@code capture:} list) is answered 200; TLS is terminated
 *       with a certificate for that host issued by the run's CA, and every HTTP request inside the
 *       tunnel goes to the {@link Capture} — the relay, which records, verifies and forwards it like
 *       a request to the trial's relay URL. A client that rejects the certificate (pinning, or a CA
 *       bundle it does not read) is recorded as such.</li>
 *   <li>Everything else ({@code GET http://host/…}, {@code CONNECT} to other hosts, or to the
 *       venue's hosts with capture off) is refused with 403 and recorded.</li>
 * </ul>
 */
final class EgressSentinel implements AutoCloseable {
    private static final int MAX_HEAD = 16 * 1024;
    /** How long a captured connection may sit idle between requests (the trial's end closes it anyway). */
    private static final int CAPTURED_IDLE_MS = 120_000;

    /** Where captured requests go. */
    interface Capture {
        /** A server socket factory presenting a certificate for {@code host}. */
        javax.net.ssl.SSLSocketFactory tlsFor(String host);

        /** Records, verifies and forwards a request that arrived inside the tunnel to {@code host}; what to answer. */
        Relay.Reply forward(String host, RawRequest request);

        /** The call the trial is on now: a connection belongs to the call that was current when it opened. */
        String currentCall();

        /** The code opened a tunnel to {@code hostPort} but no request came through it, and why; {@code call} is the call current when it opened. */
        void failed(String hostPort, String call, String reason);
    }

    private final ServerSocket server;
    private final CapturePolicy policy;
    private final Capture capture;
    private final List<EgressAttempt> attempts = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    EgressSentinel(CapturePolicy policy, Capture capture) throws IOException {
        this.policy = policy;
        this.capture = capture;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        acceptor = new Thread(this::acceptLoop, "authbisect-egress-sentinel-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI proxyUri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    List<EgressAttempt> attempts() {
        return List.copyOf(attempts);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                open.add(s);
                Thread t = new Thread(() -> {
                    try {
                        serve(s);
                    } finally {
                        handlers.remove(Thread.currentThread());
                    }
                }, "authbisect-egress-sentinel");
                t.setDaemon(true);
                handlers.add(t);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(5_000);
            String head = readHead(socket.getInputStream());
            String requestLine = head.lines().findFirst().orElse("").trim();
            String[] parts = requestLine.split(" ");
            String method = parts.length > 0 && !parts[0].isEmpty() ? parts[0] : "?";
            String target = parts.length > 1 ? withoutQuery(parts[1]) : "?";
            String host = hostOf(method, target);
            if ("CONNECT".equals(method) && policy.captures(host)) {
                captured(socket, host, target);
                return;
            }
            attempts.add(new EgressAttempt(method, target, System.currentTimeMillis(), policy.refusal(host)));
            String body = "authbisect egress sentinel: refused " + method + " " + target + " (" + policy.refusal(host)
                    + "; a probe may reach only the relay and the hosts it captures)\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the client went away; the attempt (if its request line arrived) is recorded
        } finally {
            open.remove(socket);
        }
    }

    /** The tunnel to a captured host: 200, TLS with the run's CA, then HTTP requests until the client closes. */
    private void captured(Socket socket, String host, String hostPort) throws IOException {
        String call = capture.currentCall(); // a failure seen later (the alert read after the next call began) still belongs here
        OutputStream raw = socket.getOutputStream();
        raw.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        raw.flush();
        socket.setTcpNoDelay(true); // an answer's TLS records must not wait for the client's delayed ACK
        SSLSocket tls = (SSLSocket) capture.tlsFor(host).createSocket(socket, host, socket.getPort(), true);
        open.add(tls);
        try (tls) {
            tls.setUseClientMode(false);
            try {
                tls.startHandshake();
            } catch (IOException e) {
                capture.failed(hostPort, call, refusedCertificate(host, e));
                return;
            }
            tls.setSoTimeout(CAPTURED_IDLE_MS);
            InputStream in = new java.io.BufferedInputStream(tls.getInputStream());
            OutputStream out = new java.io.BufferedOutputStream(tls.getOutputStream(), 16 * 1024);
            boolean first = true;
            while (true) {
                Optional<HttpWire.Request> next;
                try {
                    next = HttpWire.read(in, out, Relay.MAX_REQUEST_BODY);
                } catch (HttpWire.BadRequest e) {
                    HttpWire.write(out, "GET", e.status, java.util.Map.of("Content-Type", List.of("text/plain")),
                            ("authbisect relay: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8), false);
                    return;
                } catch (SSLException e) {
                    if (first) {
                        capture.failed(hostPort, call, refusedCertificate(host, e));
                    }
                    return;
                } catch (SocketTimeoutException e) {
                    return;
                }
                if (next.isEmpty()) {
                    return;
                }
                first = false;
                HttpWire.Request r = next.get();
                RawRequest request = new RawRequest(r.method(), r.path(), r.query(), r.headers(), r.body());
                Relay.Reply reply = capture.forward(host, request);
                boolean keepAlive = r.keepAlive();
                HttpWire.write(out, r.method(), reply.status(), reply.headers(), reply.body(), keepAlive);
                if (!keepAlive) {
                    return;
                }
            }
        } finally {
            open.remove(tls);
        }
    }

    /** Why a captured handshake failed, in words for the cell: most often the code does not trust the run's CA. */
    static String refusedCertificate(String host, IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        String why;
        if (lower.contains("unknown_ca") || lower.contains("bad_certificate") || lower.contains("certificate_unknown")
                || lower.contains("unsupported_certificate") || lower.contains("access_denied")) {
            why = "the code refused the relay's certificate for " + host + ": it pins certificates or does not trust the "
                    + "run's CA (SSL_CERT_FILE, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, NODE_EXTRA_CA_CERTS, AUTHBISECT_CA_FILE)";
        } else if (lower.contains("remote host terminated") || lower.contains("connection reset") || lower.contains("end of stream")
                || lower.contains("closed") || lower.contains("broken pipe")) {
            why = "the code closed the connection to " + host + " during the TLS handshake with the relay: it probably "
                    + "pins certificates or does not trust the run's CA (SSL_CERT_FILE, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, "
                    + "NODE_EXTRA_CA_CERTS, AUTHBISECT_CA_FILE)";
        } else {
            why = "the TLS handshake between the code and the relay failed for " + host + ": the code most likely pins "
                    + "certificates or does not trust the run's CA (SSL_CERT_FILE, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, "
                    + "NODE_EXTRA_CA_CERTS, AUTHBISECT_CA_FILE)";
        }
        return why + " (" + m + ")";
    }

    /** The host a proxy request names: {@code host} of {@code CONNECT host:port} or of an absolute URL; lower case. */
    static String hostOf(String method, String target) {
        String t = target;
        if (!"CONNECT".equals(method)) {
            int scheme = t.indexOf("://");
            t = scheme < 0 ? t : t.substring(scheme + 3);
            int slash = t.indexOf('/');
            t = slash < 0 ? t : t.substring(0, slash);
        }
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            return (end < 0 ? t : t.substring(0, end + 1)).toLowerCase(Locale.ROOT);
        }
        int colon = t.lastIndexOf(':');
        return (colon < 0 ? t : t.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    private static String readHead(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
        int state = 0;
        try {
            while (head.size() < MAX_HEAD) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
                state = switch (state) {
                    case 0 -> b == '\r' ? 1 : 0;
                    case 1 -> b == '\n' ? 2 : 0;
                    case 2 -> b == '\r' ? 3 : 0;
                    case 3 -> b == '\n' ? 4 : 0;
                    default -> 0;
                };
                if (state == 4) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            // use what arrived
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String withoutQuery(String target) {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q) + "?…";
    }

    /**
     * Stops listening, lets connections the probe left behind end on their own for up to {@code grace}
     * (a client that refused the run's CA has sent its alert, but it may not have been read yet), then
     * closes what is still open. Call it outside any lock a handler takes.
     */
    void drain(java.time.Duration grace) {
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : List.copyOf(handlers)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
    }

    /** Stops listening and closes every connection still open (a captured tunnel included). */
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
