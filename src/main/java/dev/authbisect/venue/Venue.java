package dev.authbisect.venue;

import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.SignatureCheck;
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

    /** What client code for this venue looks like, for {@code authbisect init}; empty when init cannot find it. */
    default java.util.Optional<SourceHints> sourceHints() {
        return java.util.Optional.empty();
    }
}
