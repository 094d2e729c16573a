package dev.authbisect.venue.binance;

import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.venue.Classification;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.RequestTime;
import dev.authbisect.venue.SourceHints;
import dev.authbisect.venue.Venue;
import dev.authbisect.venue.VenueError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binance spot ({@code binance-spot}): REST under {@code /api/v3/…} on the host root. A venue method
 * is the HTTP method and path ({@code GET /api/v3/account}, {@code POST /api/v3/order}). Signed
 * endpoints carry {@code timestamp}, optionally {@code recvWindow}, and last {@code signature}: the
 * hex HMAC-SHA256 of the query string followed by the form body, exactly as sent; the key goes in
 * the {@code X-MBX-APIKEY} header. Stateless and thread-safe.
 */
public final class BinanceSpotVenue implements Venue {
    public static final String ID = "binance-spot";
    /** Production hosts (with the documented alternates) and the spot testnet. */
    public static final Set<String> API_HOSTS = Set.of("api.binance.com", "api1.binance.com", "api2.binance.com",
            "api3.binance.com", "api4.binance.com", "api-gcp.binance.com", "testnet.binance.vision");
    /** The window a request gets when it sends no {@code recvWindow}. */
    public static final Duration DEFAULT_RECV_WINDOW = Duration.ofMillis(ReferenceSigner.DEFAULT_RECV_WINDOW);

    private static final SourceHints HINTS = new SourceHints(List.of("api.binance.com", "testnet.binance.vision"),
            Pattern.compile("/api/v3/[a-zA-Z][a-zA-Z0-9]*(?:/[a-zA-Z][a-zA-Z0-9]*)*"), "https://api.binance.com");

    @Override
    public String id() {
        return ID;
    }

    /** {@code GET /api/v3/account}: the request's HTTP method and path. */
    @Override
    public Optional<String> methodOf(RawRequest request) {
        String path = request.path();
        int q = path.indexOf('?');
        return Optional.of(request.method().toUpperCase(java.util.Locale.ROOT) + " " + (q < 0 ? path : path.substring(0, q)));
    }

    /** The {@code X-MBX-APIKEY} header. */
    @Override
    public Optional<String> apiKeyOf(RawRequest request) {
        return request.header(ReferenceSigner.API_KEY_HEADER);
    }

    @Override
    public SignatureCheck verify(RawRequest request, Credentials credentials) {
        return SignatureVerifier.verify(request, credentials);
    }

    @Override
    public Classification classify(int httpStatus, byte[] body) {
        return ResponseClassifier.classify(httpStatus, Map.of(), body);
    }

    @Override
    public Classification classify(int httpStatus, Map<String, List<String>> headers, byte[] body) {
        return ResponseClassifier.classify(httpStatus, headers == null ? Map.of() : headers, body);
    }

    /** GET requests only read; everything else creates, cancels or changes something. */
    @Override
    public boolean readOnly(String method) {
        return method != null && method.startsWith("GET ");
    }

    @Override
    public Set<String> apiHosts() {
        return API_HOSTS;
    }

    /** Binance's paths start at the host root ({@code /api/v3/…}). */
    @Override
    public String basePath() {
        return "";
    }

    @Override
    public RawRequest sign(CallSpec call, Credentials credentials, long nowMillis) {
        return ReferenceSigner.sign(call, credentials, nowMillis);
    }

    @Override
    public Optional<VenueError> error(int code) {
        return BinanceErrors.lookup(code);
    }

    @Override
    public Optional<SourceHints> sourceHints() {
        return Optional.of(HINTS);
    }

    /**
     * The {@code timestamp} parameter (epoch milliseconds), query or body, with the request's
     * {@code recvWindow} as its window when it sends one. (Binance also refuses a timestamp more than
     * 1 s ahead of its clock whatever the window; the relay's check compares both ways with the window.)
     */
    @Override
    public Optional<RequestTime> requestTime(RawRequest request) {
        BinanceParams params = BinanceParams.of(request);
        Optional<Duration> window = params.get(BinanceParams.RECV_WINDOW).filter(w -> w.matches("[0-9]{1,5}"))
                .map(w -> Duration.ofMillis(Long.parseLong(w)));
        return params.get(BinanceParams.TIMESTAMP).filter(t -> t.matches("[0-9]{1,18}"))
                .map(t -> new RequestTime(BinanceParams.TIMESTAMP, Long.parseLong(t), window));
    }

    /** Binance's default recvWindow, 5 s (a request may ask for up to 60 s). */
    @Override
    public Optional<Duration> timeWindow() {
        return Optional.of(DEFAULT_RECV_WINDOW);
    }

    @Override
    public String toString() {
        return "BinanceSpotVenue";
    }
}
