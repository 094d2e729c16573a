package dev.authbisect.venue.binance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.core.CallSpec;
import dev.authbisect.simulator.DialectContract;
import dev.authbisect.venue.Venue;
import java.math.BigDecimal;

/** Binance's dialect against the contract every simulator dialect meets. */
class BinanceDialectContractTest extends DialectContract {
    @Override
    protected Venue venue() {
        return new BinanceSpotVenue();
    }

    @Override
    protected CallSpec readCall() {
        return CallSpec.of("account", "GET /api/v3/account");
    }

    @Override
    protected CallSpec tradeCall() {
        ObjectNode p = JsonNodeFactory.withExactBigDecimals(true).objectNode();
        p.put("symbol", "BTCUSDT").put("side", "BUY").put("type", "LIMIT").put("timeInForce", "GTC")
                .put("quantity", new BigDecimal("0.001")).put("price", new BigDecimal("50000.5"));
        return new CallSpec("place_order", "POST /api/v3/order", p);
    }
}
