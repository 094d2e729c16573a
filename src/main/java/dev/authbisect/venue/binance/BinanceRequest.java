package dev.authbisect.venue.binance;

import dev.authbisect.simulator.DialectRequest;
import dev.authbisect.simulator.SignedClaim;
import dev.authbisect.venue.RawRequest;
import java.util.Objects;
import java.util.Optional;

/**
 * One request as the simulated Binance reads it.
 *
 * @param endpoint the endpoint it calls
 * @param params   its parameters, query then form body, as sent
 * @param signed   for a signed endpoint, what it claims (X-MBX-APIKEY, timestamp, recvWindow, permission)
 * @param raw      the request as the relay's verifier reads it
 */
record BinanceRequest(BinanceEndpoints.Endpoint endpoint, BinanceParams params, Optional<SignedClaim> signed, RawRequest raw)
        implements DialectRequest {
    BinanceRequest {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(signed, "signed");
        Objects.requireNonNull(raw, "raw");
    }

    @Override
    public String method() {
        return endpoint.method();
    }
}
