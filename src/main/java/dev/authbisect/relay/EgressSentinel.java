package dev.authbisect.relay;

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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The probe's {@code HTTP_PROXY}: a loopback listener that refuses every proxied request
 * (plain {@code GET http://host/…} or {@code CONNECT host:443}) with 403 and records the
 * attempt. One per trial, so attempts are attributed to the trial that made them.
 */
final class EgressSentinel implements AutoCloseable {
    private static final int MAX_HEAD = 16 * 1024;

    private final ServerSocket server;
    private final List<EgressAttempt> attempts = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    EgressSentinel() throws IOException {
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
                Thread t = new Thread(() -> refuse(s), "authbisect-egress-refuse");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void refuse(Socket socket) {
        try (socket) {
            socket.setSoTimeout(5_000);
            String head = readHead(socket.getInputStream());
            String requestLine = head.lines().findFirst().orElse("").trim();
            String[] parts = requestLine.split(" ");
            String method = parts.length > 0 && !parts[0].isEmpty() ? parts[0] : "?";
            String target = parts.length > 1 ? withoutQuery(parts[1]) : "?";
            attempts.add(new EgressAttempt(method, target, System.currentTimeMillis()));
            String body = "authbisect egress sentinel: refused " + method + " " + target
                    + " (a probe may reach only the relay)\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            // the client went away; the attempt (if its request line arrived) is recorded
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
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

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
