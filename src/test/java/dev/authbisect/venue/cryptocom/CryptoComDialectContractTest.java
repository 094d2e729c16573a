package dev.authbisect.venue.cryptocom;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.core.CallSpec;
import dev.authbisect.simulator.DialectContract;
import dev.authbisect.venue.Venue;

/** Crypto.com's dialect against the contract every simulator dialect meets. */
class CryptoComDialectContractTest extends DialectContract {
    @Override
    protected Venue venue() {
        return new CryptoComVenue();
    }

    @Override
    protected CallSpec readCall() {
        return CallSpec.of("user_balance", "private/user-balance");
    }

    @Override
    protected CallSpec tradeCall() {
        ObjectNode p = JsonNodeFactory.withExactBigDecimals(true).objectNode();
        p.put("instrument_name", "BTC_USDT").put("side", "BUY").put("type", "LIMIT")
                .put("quantity", new java.math.BigDecimal("0.001")).put("price", new java.math.BigDecimal("40000.5"));
        return new CallSpec("create_order", "private/create-order", p);
    }
}
