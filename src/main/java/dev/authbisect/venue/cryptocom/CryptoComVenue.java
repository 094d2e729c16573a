package dev.authbisect.venue.cryptocom;

import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.venue.Classification;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.RequestTime;
import dev.authbisect.venue.Venue;
import dev.authbisect.venue.VenueError;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Crypto.com Exchange v1 ({@code crypto-com-exchange-v1}), with the v2 paths of the same
 * exchange. Private calls: {@code POST {base}/{method}} with a JSON body
 * {@code id, method, params, api_key, nonce, sig}; public calls: {@code GET {base}/{method}?query}.
 *
 * <p>{@link #verify} checks against the strict server's rendering by default
 * ({@link ParamStyle#CANONICAL}); {@link #withReference(ParamStyle)} gives a venue that checks
 * against another one (e.g. {@link ParamStyle#LITERAL}, what a server that signs the literal
 * JSON text would accept). Stateless and thread-safe.
 */
public final class CryptoComVenue implements Venue {
    public static final String ID = "crypto-com-exchange-v1";
    /** Production and UAT (sandbox) API hosts of the Exchange, v1 and v2 alike. */
    public static final Set<String> API_HOSTS = Set.of("api.crypto.com", "uat-api.3ona.co");
    /** Where the v1 API lives on those hosts. */
    public static final String BASE_PATH = "/exchange/v1";
    /** Private methods that change nothing (public ones never do). */
    private static final Set<String> READ_ONLY_PRIVATE = Set.of("private/user-balance", "private/user-balance-history",
            "private/get-account-summary", "private/get-accounts", "private/get-subaccount-balances", "private/get-positions",
            "private/get-open-orders", "private/get-order-history", "private/get-order-detail", "private/get-trades",
            "private/get-transactions", "private/get-currency-networks", "private/get-deposit-address",
            "private/get-deposit-history", "private/get-withdrawal-history", "private/get-fee-rate",
            "private/get-instrument-fee-rate");
    /** The exchange accepts a nonce within 60 s of its clock (40102 INVALID_NONCE otherwise). */
    public static final Duration NONCE_WINDOW = Duration.ofSeconds(60);

    private final SignatureVerifier verifier;

    /** A venue whose verifier is the strict server (canonical rendering). */
    public CryptoComVenue() {
        this(ParamStyle.CANONICAL);
    }

    private CryptoComVenue(ParamStyle reference) {
        this.verifier = new SignatureVerifier(Objects.requireNonNull(reference, "reference"));
    }

    /** The same venue verifying against {@code reference} instead. */
    public CryptoComVenue withReference(ParamStyle reference) {
        return new CryptoComVenue(reference);
    }

    /** The rendering {@link #verify} checks against. */
    public ParamStyle reference() {
        return verifier.reference();
    }

    @Override
    public String id() {
        return ID;
    }

    private static final dev.authbisect.venue.SourceHints HINTS = new dev.authbisect.venue.SourceHints(
            java.util.List.of("api.crypto.com", "uat-api.3ona.co"),
            java.util.regex.Pattern.compile("(?:private|public)/[a-z][a-z0-9-]*(?:/[a-z][a-z0-9-]*)*"),
            "https://api.crypto.com/exchange/v1");

    @Override
    public Optional<dev.authbisect.venue.SourceHints> sourceHints() {
        return Optional.of(HINTS);
    }

    /** The body's {@code method}, else the method the path names ({@code /v2/private/x} → {@code private/x}). */
    @Override
    public Optional<String> methodOf(RawRequest request) {
        return body(request).flatMap(CryptoComBody::method).or(() -> CryptoComPaths.methodOfPath(request.path()));
    }

    @Override
    public Optional<String> apiKeyOf(RawRequest request) {
        return body(request).flatMap(CryptoComBody::apiKey);
    }

    @Override
    public SignatureCheck verify(RawRequest request, Credentials credentials) {
        return verifier.verify(request, credentials);
    }

    /** Verifies against {@code reference} regardless of this venue's default. */
    public SignatureCheck verify(RawRequest request, Credentials credentials, ParamStyle reference) {
        return new SignatureVerifier(reference).verify(request, credentials);
    }

    @Override
    public Classification classify(int httpStatus, byte[] body) {
        return ResponseClassifier.classify(httpStatus, body);
    }

    @Override
    public Classification classify(int httpStatus, Map<String, List<String>> headers, byte[] body) {
        return ResponseClassifier.classify(httpStatus, headers == null ? Map.of() : headers, body);
    }

    /** {@code public/...} methods, and the private methods that only read (balances, orders, history …). */
    @Override
    public boolean readOnly(String method) {
        String m = method == null ? "" : method.startsWith(CryptoComPaths.V2_PREFIX) ? method.substring(CryptoComPaths.V2_PREFIX.length()) : method;
        return CryptoComPaths.isPublic(m) || READ_ONLY_PRIVATE.contains(m);
    }

    @Override
    public Set<String> apiHosts() {
        return API_HOSTS;
    }

    @Override
    public String basePath() {
        return BASE_PATH;
    }

    @Override
    public RawRequest sign(CallSpec call, Credentials credentials, long nowMillis) {
        return ReferenceSigner.sign(call, credentials, nowMillis);
    }

    @Override
    public Optional<VenueError> error(int code) {
        return CryptoComErrors.lookup(code);
    }

    /** The body's {@code nonce}: epoch milliseconds, as a JSON number or a string of digits. */
    @Override
    public Optional<RequestTime> requestTime(RawRequest request) {
        return body(request).flatMap(CryptoComBody::nonce).map(n -> n.text().trim()).flatMap(CryptoComVenue::millis)
                .map(ms -> new RequestTime("nonce", ms));
    }

    @Override
    public Optional<Duration> timeWindow() {
        return Optional.of(NONCE_WINDOW);
    }

    private static Optional<Long> millis(String text) {
        if (text.isEmpty() || text.length() > 40) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static Optional<CryptoComBody> body(RawRequest request) {
        try {
            return Optional.of(CryptoComBody.read(request.body()));
        } catch (RawJsonReader.MalformedJsonException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "CryptoComVenue[" + verifier.reference() + "]";
    }
}
