package dev.authbisect.venue;

import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.SendOnce;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The reference control row's client: signs a configured call with the venue's reference signer
 * and sends it to a base URL (a live API, the simulator, or a relay URL), code from the target
 * repository playing no part in it.
 *
 * <p>It sends each request at most once ({@link SendOnce}): it tries again only when the request
 * provably never left (a pooled connection the server had closed, a refused connect), or once for
 * a method the venue marks read-only whose connection broke without an answer. It never follows
 * redirects and never uses the JVM's proxy settings. Every answer is
 * {@link ReferenceResult.Answered}, classified by the venue; a request that got no answer is
 * {@link ReferenceResult.Failed}, its reason starting with "sent, …" when it may have reached the
 * server.
 *
 * <p>Resources: a client made with {@link #ReferenceClient(Options)} owns its OkHttp connection
 * pool and dispatcher and frees them on {@link #close()}; one made with
 * {@link #ReferenceClient(Options, OkHttpClient)} shares the given client's pool and dispatcher
 * (derived with {@link OkHttpClient#newBuilder()}) and its {@code close()} frees nothing.
 * Thread-safe: one client can send many calls concurrently.
 */
public final class ReferenceClient implements AutoCloseable {
    private static final MediaType JSON = MediaType.get("application/json");

    /** Answers are kept up to this many bytes. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private final Options options;
    private final SendOnce once = new SendOnce();
    private final OkHttpClient http;
    private final boolean owned;

    /**
     * How the client connects.
     *
     * @param proxy          an HTTP ({@code http://host:port}) or SOCKS ({@code socks5://host:port}) proxy; empty: direct
     * @param connectTimeout TCP (and TLS) connect timeout; null: 5 s
     * @param readTimeout    timeout between bytes of the answer (and of the request upload); null: 15 s
     * @param headers        extra headers on every request (e.g. the simulator's egress header)
     */
    public record Options(Optional<URI> proxy, Duration connectTimeout, Duration readTimeout, Map<String, String> headers) {
        public Options {
            proxy = proxy == null ? Optional.empty() : proxy;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            readTimeout = readTimeout == null ? Duration.ofSeconds(15) : readTimeout;
            headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        /** Direct, 5 s connect, 15 s read, no extra headers. */
        public static Options defaults() {
            return new Options(Optional.empty(), null, null, null);
        }

        public Options withProxy(Optional<URI> value) {
            return new Options(value, connectTimeout, readTimeout, headers);
        }

        public Options withConnectTimeout(Duration value) {
            return new Options(proxy, value, readTimeout, headers);
        }

        public Options withReadTimeout(Duration value) {
            return new Options(proxy, connectTimeout, value, headers);
        }

        public Options withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Options(proxy, connectTimeout, readTimeout, h);
        }
    }

    /** A client with its own OkHttp pool and dispatcher; close it. */
    public ReferenceClient(Options options) {
        this(options, new OkHttpClient.Builder(), true);
    }

    /** A client sharing {@code shared}'s pool and dispatcher; closing it leaves them alone. */
    public ReferenceClient(Options options, OkHttpClient shared) {
        this(options, shared.newBuilder(), false);
    }

    private ReferenceClient(Options options, OkHttpClient.Builder builder, boolean owned) {
        this.options = Objects.requireNonNull(options, "options");
        this.http = once.install(builder)
                .proxy(proxy(options.proxy()))
                .connectTimeout(options.connectTimeout())
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
        this.owned = owned;
    }

    public Options options() {
        return options;
    }

    /**
     * Signs {@code call} with {@code venue}'s reference signer at {@code nowMillis} and sends it
     * below {@code baseUrl}; the answer is classified by {@code venue}.
     */
    public ReferenceResult call(URI baseUrl, Venue venue, CallSpec call, Credentials credentials, long nowMillis) {
        return send(baseUrl, venue, venue.sign(call, credentials, nowMillis));
    }

    /** Sends an already built request below {@code baseUrl} ({@code http://127.0.0.1:8080/exchange/v1}). */
    public ReferenceResult send(URI baseUrl, Venue venue, RawRequest request) {
        RawRequest sent = withExtraHeaders(request);
        Request okRequest = toOkHttp(baseUrl, sent);
        long start = System.nanoTime();
        boolean readOnly = venue.methodOf(sent).map(venue::readOnly).orElse(false);
        SendOnce.Result<ReferenceResult> result = once.send(http, okRequest, readOnly, () -> { }, response -> {
            byte[] body = response.peekBody(MAX_BODY_BYTES).bytes();
            long latency = millisSince(start);
            int status = response.code();
            Map<String, List<String>> headers = response.headers().toMultimap();
            return new ReferenceResult.Answered(sent, status, headers, body, venue.classify(status, headers, body), latency);
        });
        if (result instanceof SendOnce.Answered<ReferenceResult> answered) {
            return answered.value();
        }
        SendOnce.Failure f = ((SendOnce.Failed<ReferenceResult>) result).failure();
        String reason = f.sent()
                ? SendOnce.sentReason(f.cause(), options.readTimeout()) + ": " + okRequest.url().host() + ":" + okRequest.url().port()
                  + " (" + (f.cause().getMessage() == null ? f.cause().getClass().getSimpleName() : f.cause().getMessage()) + ")"
                : describe(f.cause(), okRequest.url());
        return new ReferenceResult.Failed(sent, reason, millisSince(start));
    }

    private RawRequest withExtraHeaders(RawRequest request) {
        if (options.headers().isEmpty()) {
            return request;
        }
        Map<String, List<String>> headers = new TreeMap<>(request.headers());
        options.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.of(v)));
        return new RawRequest(request.method(), request.path(), request.query(), headers, request.body());
    }

    private static Request toOkHttp(URI baseUrl, RawRequest request) {
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String url = base + request.path() + (request.query().isEmpty() ? "" : "?" + request.query());
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null) {
            throw ExitException.usage("base URL: expected an http(s) URL such as http://127.0.0.1:8080/exchange/v1, got '" + baseUrl + "'");
        }
        Request.Builder b = new Request.Builder().url(parsed);
        request.headers().forEach((name, values) -> values.forEach(v -> b.addHeader(name, v)));
        byte[] body = request.body();
        boolean hasBody = body.length > 0 || !request.method().equals("GET") && !request.method().equals("HEAD");
        MediaType type = request.header("content-type").map(MediaType::parse).orElse(JSON);
        b.method(request.method(), hasBody ? RequestBody.create(body, type) : null);
        return b.build();
    }

    private static Proxy proxy(Optional<URI> proxy) {
        if (proxy.isEmpty()) {
            return Proxy.NO_PROXY;
        }
        URI uri = proxy.get();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Proxy.Type type = switch (scheme) {
            case "http", "https" -> Proxy.Type.HTTP;
            case "socks", "socks5" -> Proxy.Type.SOCKS;
            default -> null;
        };
        if (type == null || uri.getHost() == null || uri.getPort() < 0) {
            throw ExitException.usage("proxy: expected http://host:port or socks5://host:port, got '" + uri + "'");
        }
        return new Proxy(type, InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort()));
    }

    static String describe(IOException e, HttpUrl url) {
        String target = url.host() + ":" + url.port();
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof SendOnce.StaleConnectionException) {
            return "every connection to " + target + " was closed by the server before it could carry the request";
        }
        if (e instanceof ConnectException) {
            return "connection refused: " + target + " (" + message + ")";
        }
        if (e instanceof SocketTimeoutException) {
            return message.toLowerCase(Locale.ROOT).contains("connect") ? "connect timeout: " + target
                    : "read timeout: " + target + " sent no answer in time";
        }
        if (e instanceof UnknownHostException) {
            return "DNS: cannot resolve " + url.host();
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to host: " + target;
        }
        if (e instanceof SSLException) {
            return "TLS: " + message;
        }
        if (e instanceof InterruptedIOException) {
            return "interrupted or timed out: " + message;
        }
        return "I/O error talking to " + target + ": " + message;
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    @Override
    public void close() {
        if (owned) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "ReferenceClient[proxy " + options.proxy().map(URI::toString).orElse("none") + "]";
    }
}
