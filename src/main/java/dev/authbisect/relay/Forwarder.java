package dev.authbisect.relay;

import dev.authbisect.venue.RawRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
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
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Forwards recorded requests to an upstream with OkHttp: per-environment proxy and timeouts,
 * one shared connection pool, retries only when the connection could not be made (the
 * request was never sent, so it cannot have been executed twice).
 */
final class Forwarder implements AutoCloseable {
    static final int MAX_RESPONSE_BODY = 4 * 1024 * 1024;
    private static final int CONNECT_RETRIES = 2;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length",
            "accept-encoding", "content-encoding", "proxy-connection");

    private final OkHttpClient base = new OkHttpClient.Builder()
            .followRedirects(false)
            .retryOnConnectionFailure(false)
            .build();
    private final Map<String, OkHttpClient> clients = new ConcurrentHashMap<>();

    /** The upstream's answer, or the transport error. */
    record Answer(int status, Map<String, List<String>> headers, byte[] body, String error, long latencyMs) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }
    }

    static boolean isHopByHop(String header) {
        return HOP_BY_HOP.contains(header.toLowerCase(Locale.ROOT));
    }

    Answer send(TrialTarget target, RawRequest request) {
        OkHttpClient client = client(target.proxy(), target.connectTimeout(), target.readTimeout());
        String url = join(target.upstream(), request.path(), request.query());
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
        Request okRequest = b.build();

        long start = System.nanoTime();
        IOException last = null;
        for (int attempt = 0; attempt <= CONNECT_RETRIES; attempt++) {
            try (Response response = client.newCall(okRequest).execute()) {
                Map<String, List<String>> headers = new LinkedHashMap<>(response.headers().toMultimap());
                byte[] data = readBounded(response.body());
                return new Answer(response.code(), headers, data, "", millisSince(start));
            } catch (ConnectException e) {
                last = e;
                sleepQuietly(100L * (attempt + 1));
            } catch (IOException e) {
                return new Answer(0, Map.of(), new byte[0], describe(e, target), millisSince(start));
            }
        }
        return new Answer(0, Map.of(), new byte[0], describe(last, target), millisSince(start));
    }

    private static String describe(IOException e, TrialTarget target) {
        String host = target.upstream().getHost() + (target.upstream().getPort() > 0 ? ":" + target.upstream().getPort() : "");
        String kind;
        if (e instanceof ConnectException && target.proxy().isPresent()) {
            URI p = target.proxy().get();
            kind = "connection refused by the proxy " + p.getHost() + ":" + p.getPort() + " (on the way to " + host + ")";
        } else if (e instanceof ConnectException) {
            kind = "connection refused by " + host;
        } else if (e instanceof java.net.SocketTimeoutException) {
            kind = "timed out waiting for " + host;
        } else if (e instanceof java.net.UnknownHostException) {
            kind = "cannot resolve " + host;
        } else if (e instanceof javax.net.ssl.SSLException) {
            kind = "TLS failure with " + host;
        } else {
            kind = "transport failure with " + host;
        }
        String msg = e.getMessage();
        return kind + (msg == null || msg.isBlank() ? "" : " (" + e.getClass().getSimpleName() + ": " + msg + ")");
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

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        base.dispatcher().executorService().shutdown();
        base.connectionPool().evictAll();
    }
}
