package dev.authbisect.venue;

import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.SignatureCheck;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An API dialect: request shape, signature algorithm, error codes. One implementation per
 * package ({@code venue.cryptocom}); {@link Venues} finds them by id.
 */
public interface Venue {

    /** The id used in configs and scenarios, e.g. {@code crypto-com-exchange-v1}. */
    String id();

    /** The venue method a request calls ({@code private/get-open-orders}), if it can be told. */
    Optional<String> methodOf(RawRequest request);

    /** The api key a request carries, if any (callers redact it before showing it). */
    Optional<String> apiKeyOf(RawRequest request);

    /** Checks the request's signature against the environment's credentials and diagnoses mismatches. */
    SignatureCheck verify(RawRequest request, Credentials credentials);

    /** Reads an HTTP answer into an outcome class with the venue's code. */
    Classification classify(int httpStatus, byte[] body);

    /**
     * Reads an HTTP answer with its headers (names in any case): like {@link #classify(int, byte[])},
     * and also the venue's rate-limit answer ({@code RATE_LIMITED}), which a {@code Retry-After}
     * header can announce.
     */
    default Classification classify(int httpStatus, Map<String, List<String>> headers, byte[] body) {
        return classify(httpStatus, body);
    }

    /**
     * Whether {@code method} only reads: a request for it that may have reached the upstream and
     * got no answer may be sent once more. Anything that creates, cancels or moves is not.
     */
    boolean readOnly(String method);

    /**
     * The venue's own API hosts ({@code api.crypto.com}, its UAT host …): a probe's {@code CONNECT}
     * to one of them is captured by the relay (README "Live upstreams and hard-coded URLs", HTTPS capture). Lower case.
     */
    Set<String> apiHosts();

    /**
     * The path of the API base URL on the venue's hosts ({@code /exchange/v1}): a captured request
     * below it goes to the same path below the environment's upstream, others to the upstream's
     * origin with the base path removed.
     */
    String basePath();

    /** The reference signer: the signed request for a configured call, relative to the base URL. */
    RawRequest sign(CallSpec call, Credentials credentials, long nowMillis);

    /** The row of the error-code table for a code, if the venue documents it. */
    Optional<VenueError> error(int code);

    /** What client code for this venue looks like, for {@code authbisect init}; empty when init cannot find it. */
    default java.util.Optional<SourceHints> sourceHints() {
        return java.util.Optional.empty();
    }

    /**
     * The time a request claims for itself (Crypto.com: its {@code nonce} in epoch milliseconds), if it
     * carries one; the relay compares it with the upstream's clock. Default: none.
     */
    default Optional<RequestTime> requestTime(RawRequest request) {
        return Optional.empty();
    }

    /** How far the venue lets a request's time be from its own clock (Crypto.com: 60 s); empty when it does not check. */
    default Optional<Duration> timeWindow() {
        return Optional.empty();
    }
}
