package dev.authbisect.venue;

import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.SignatureCheck;
import java.time.Duration;
import java.util.Optional;

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

    /** The reference signer: the signed request for a configured call, relative to the base URL. */
    RawRequest sign(CallSpec call, Credentials credentials, long nowMillis);

    /** The row of the error-code table for a code, if the venue documents it. */
    Optional<VenueError> error(int code);

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
