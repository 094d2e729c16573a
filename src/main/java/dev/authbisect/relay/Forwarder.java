package dev.authbisect.relay;

import dev.authbisect.core.SendOnce;
import dev.authbisect.venue.RawRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;

/**
 * Forwards recorded requests to an upstream with OkHttp: per-environment proxy and timeouts,
 * one shared connection pool guarded by {@link SendOnce}. A request is sent at most once: it is
 * retried only when it provably never left (a pooled connection the upstream had closed, a refused
 * connect), or — for a method the venue marks read-only — once after the connection broke without
 * an answer. A request that may have reached the upstream and got no answer is a transport error
 * saying so ("sent, no answer after 10 s").
 */
final class Forwarder implements AutoCloseable {
    static final int MAX_RESPONSE_BODY = 4 * 1024 * 1024;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length",
            "accept-encoding", "content-encoding", "proxy-connection");

    private final SendOnce once = new SendOnce();
    private final OkHttpClient base = once.install(new OkHttpClient.Builder())
            .followRedirects(false)
            .followSslRedirects(false)
            .build();
    private final Map<String, OkHttpClient> clients = new ConcurrentHashMap<>();

    /**
     * The upstream's answer, or the transport error.
     *
     * @param reached  whether the request may have reached the upstream (answered, or sent without an answer)
     * @param attempts how many times OkHttp was asked (retries of requests that never left included)
     */
    record Answer(int status, Map<String, List<String>> headers, byte[] body, String error, long latencyMs, boolean reached,
                  int attempts) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        static Answer failed(String error, long latencyMs) {
            return new Answer(0, Map.of(), new byte[0], error, latencyMs, false, 0);
        }
    }

    static boolean isHopByHop(String header) {
        return HOP_BY_HOP.contains(header.toLowerCase(Locale.ROOT));
    }

    /**
     * Sends {@code request} to {@code url} for {@code target}.
     *
     * @param readOnly the venue marks the request's method read-only (it may be sent once more after a broken connection)
     * @param pacer    called before every attempt (the environment's rate limit)
     */
    Answer send(TrialTarget target, RawRequest request, String url, boolean readOnly, SendOnce.Pacer pacer) {
        OkHttpClient client = client(target.proxy(), target.connectTimeout(), target.readTimeout());
        okhttp3.Headers.Builder sent = new okhttp3.Headers.Builder();
        request.headers().forEach((name, values) -> {
            if (!isHopByHop(name)) {
                values.forEach(v -> sent.addUnsafeNonAscii(name, v)); // forward what the code sent, as sent
            }
        });
        target.upstreamHeaders().forEach(sent::set);
        Request.Builder b = new Request.Builder().url(url).headers(sent.build());
        String contentType = request.header("content-type").orElse("application/json");
        byte[] body = request.body();
        boolean hasBody = !(request.method().equals("GET") || request.method().equals("HEAD"));
        b.method(request.method(), hasBody ? RequestBody.create(body, MediaType.parse(contentType)) : null);

        long start = System.nanoTime();
        SendOnce.Result<Answer> result = once.send(client, b.build(), readOnly, pacer, response -> {
            Map<String, List<String>> headers = new LinkedHashMap<>(response.headers().toMultimap());
            byte[] data = readBounded(response.body());
            return new Answer(response.code(), headers, data, "", millisSince(start), true, 0);
        });
        if (result instanceof SendOnce.Answered<Answer> a) {
            Answer got = a.value();
            return new Answer(got.status(), got.headers(), got.body(), "", got.latencyMs(), true, a.attempts());
        }
        SendOnce.Failure f = ((SendOnce.Failed<Answer>) result).failure();
        String error = f.sent()
                ? SendOnce.sentReason(f.cause(), target.readTimeout()) + " from " + hostOf(target, url) + detail(f.cause())
                : describe(f.cause(), target, url);
        return new Answer(0, Map.of(), new byte[0], error, millisSince(start), f.sent(), f.attempts());
    }

    private static String hostOf(TrialTarget target, String url) {
        URI u = URI.create(url);
        return u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
    }

    /** Why a request that never left got no answer (connect refused, DNS, TLS, the proxy …). */
    static String describe(IOException e, TrialTarget target, String url) {
        String host = hostOf(target, url);
        String msg = e.getMessage() == null ? "" : e.getMessage();
        String kind;
        if (e instanceof ConnectException && target.proxy().isPresent()) {
            URI p = target.proxy().get();
            kind = "connection refused by the proxy " + p.getHost() + ":" + p.getPort() + " (on the way to " + host + ")";
        } else if (e instanceof ConnectException) {
            kind = "connection refused by " + host;
        } else if (msg.startsWith("Unexpected response code for CONNECT") && target.proxy().isPresent()) {
            URI p = target.proxy().get();
            kind = "the proxy " + p.getHost() + ":" + p.getPort() + " refused the tunnel to " + host
                    + " (HTTP " + msg.replaceAll("\\D+", "") + ")";
        } else if (e instanceof java.net.SocketTimeoutException) {
            kind = "timed out connecting to " + host;
        } else if (e instanceof java.net.UnknownHostException) {
            kind = "cannot resolve " + host + " (DNS)";
        } else if (e instanceof javax.net.ssl.SSLException) {
            kind = "TLS failure with " + host + ": " + tlsReason(e);
        } else if (e instanceof SendOnce.StaleConnectionException) {
            kind = "every connection to " + host + " was closed by the upstream before it could carry the request";
        } else {
            kind = "transport failure with " + host;
        }
        return kind + detail(e);
    }

    private static String tlsReason(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "its certificate has expired";
            }
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("PKIX") || m.contains("certification path")) {
            return "its certificate is not trusted (self-signed, expired or from an unknown CA)";
        }
        if (m.contains("No subject alternative") || m.contains("hostname")) {
            return "its certificate names another host";
        }
        return "the handshake failed";
    }

    private static String detail(IOException e) {
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? "" : " (" + e.getClass().getSimpleName() + ": " + msg + ")";
    }

    private OkHttpClient client(Optional<URI> proxy, Duration connect, Duration read) {
        String key = proxy.map(URI::toString).orElse("-") + "|" + connect.toMillis() + "|" + read.toMillis();
        return clients.computeIfAbsent(key, k -> {
            OkHttpClient.Builder b = base.newBuilder().connectTimeout(connect).readTimeout(read).writeTimeout(read)
                    .callTimeout(connect.plus(read).plus(read));
            proxy.ifPresent(p -> b.proxy(new Proxy(Proxy.Type.HTTP,
                    InetSocketAddress.createUnresolved(p.getHost(), p.getPort() > 0 ? p.getPort() : 80))));
            return b.build();
        });
    }

    static String join(URI base, String path, String query) {
        String b = base.toString();
        if (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        String p = path.startsWith("/") ? path : "/" + path;
        return b + p + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    private static byte[] readBounded(ResponseBody body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        try (InputStream in = body.byteStream()) {
            return in.readNBytes(MAX_RESPONSE_BODY);
        }
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    @Override
    public void close() {
        base.dispatcher().executorService().shutdown();
        base.connectionPool().evictAll();
    }
}
