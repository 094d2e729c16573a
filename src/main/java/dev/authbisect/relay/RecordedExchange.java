package dev.authbisect.relay;

import dev.authbisect.core.ClockCheck;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.venue.Classification;
import dev.authbisect.venue.RawRequest;
import java.util.Optional;

/**
 * One request a trial made through the relay and what came back. Nothing here is redacted:
 * the run redacts when it turns exchanges into cells and files.
 *
 * @param call           the announced call it belongs to, or empty when nothing was announced
 * @param venueMethod    the venue method the request calls (from the body or path), or empty
 * @param request        the request as received (path relative to the trial prefix)
 * @param status         the upstream's HTTP status, or empty on a transport error
 * @param responseBody   the upstream's body (bounded), empty on a transport error
 * @param transportError what went wrong reaching the upstream, or empty
 * @param signature      the verifier's conclusion
 * @param classification the venue's reading of the answer
 * @param latencyMs      time to the upstream's answer (or failure)
 * @param simReason      the simulator's diagnostic reason, or empty
 * @param clock          the request's time against the upstream's clock ({@link ClockChecker})
 */
public record RecordedExchange(String call, String venueMethod, RawRequest request, Optional<Integer> status,
                               byte[] responseBody, String transportError, SignatureCheck signature,
                               Classification classification, long latencyMs, String simReason, ClockCheck clock) {
    public RecordedExchange {
        call = call == null ? "" : call;
        venueMethod = venueMethod == null ? "" : venueMethod;
        status = status == null ? Optional.empty() : status;
        responseBody = responseBody == null ? new byte[0] : responseBody.clone();
        transportError = transportError == null ? "" : transportError;
        simReason = simReason == null ? "" : simReason;
        clock = clock == null ? ClockCheck.notChecked("not checked") : clock;
    }

    /** An exchange whose clock was not checked. */
    public RecordedExchange(String call, String venueMethod, RawRequest request, Optional<Integer> status,
                            byte[] responseBody, String transportError, SignatureCheck signature,
                            Classification classification, long latencyMs, String simReason) {
        this(call, venueMethod, request, status, responseBody, transportError, signature, classification, latencyMs,
                simReason, null);
    }

    /** The same exchange with its clock check. */
    public RecordedExchange withClock(ClockCheck check) {
        return new RecordedExchange(call, venueMethod, request, status, responseBody, transportError, signature,
                classification, latencyMs, simReason, check);
    }

    @Override
    public byte[] responseBody() {
        return responseBody.clone();
    }

    public String responseText() {
        return new String(responseBody, java.nio.charset.StandardCharsets.UTF_8);
    }
}
