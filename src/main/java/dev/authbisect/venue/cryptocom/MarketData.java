package dev.authbisect.venue.cryptocom;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The simulated market: a few instruments with fixed prices, in the shapes of the v1 and v2 public endpoints. */
final class MarketData {
    record Instrument(String symbol, String instType, String base, String quote, int quoteDecimals, int quantityDecimals,
                      String priceTick, String qtyTick, String last, String bid, String ask, String high, String low,
                      String volume) {
    }

    static final List<Instrument> INSTRUMENTS = List.of(
            new Instrument("BTC_USDT", "CCY_PAIR", "BTC", "USDT", 2, 5, "0.01", "0.00001",
                    "86250.12", "86250.11", "86250.13", "87120.00", "85010.55", "1843.21650"),
            new Instrument("ETH_USDT", "CCY_PAIR", "ETH", "USDT", 2, 4, "0.01", "0.0001",
                    "2951.37", "2951.36", "2951.40", "3012.80", "2890.02", "24410.5521"),
            new Instrument("CRO_USD", "CCY_PAIR", "CRO", "USD", 5, 0, "0.00001", "1",
                    "0.09412", "0.09411", "0.09413", "0.09820", "0.09207", "81230044"),
            new Instrument("ALGO_USDT", "CCY_PAIR", "ALGO", "USDT", 4, 1, "0.0001", "0.1",
                    "0.1234", "0.1233", "0.1235", "0.1290", "0.1201", "2210450.3"),
            new Instrument("ONE_USDT", "CCY_PAIR", "ONE", "USDT", 5, 1, "0.00001", "0.1",
                    "0.00612", "0.00611", "0.00613", "0.00640", "0.00598", "90120450.1"),
            new Instrument("BTCUSD-PERP", "PERPETUAL_SWAP", "BTC", "USD", 1, 4, "0.1", "0.0001",
                    "86261.5", "86261.4", "86261.6", "87150.0", "85002.1", "5120.4471"));

    private static final JsonNodeFactory F = RequestParser.EXACT;

    private MarketData() {
    }

    static Optional<Instrument> find(String symbol) {
        return INSTRUMENTS.stream().filter(i -> i.symbol().equals(symbol)).findFirst();
    }

    static ObjectNode v1Instruments() {
        ArrayNode data = F.arrayNode();
        for (Instrument i : INSTRUMENTS) {
            ObjectNode o = data.addObject();
            o.put("symbol", i.symbol());
            o.put("inst_type", i.instType());
            o.put("display_name", i.instType().equals("CCY_PAIR") ? i.base() + "/" + i.quote() : i.base() + i.quote() + " Perpetual");
            o.put("base_ccy", i.base());
            o.put("quote_ccy", i.quote());
            o.put("quote_decimals", i.quoteDecimals());
            o.put("quantity_decimals", i.quantityDecimals());
            o.put("price_tick_size", i.priceTick());
            o.put("qty_tick_size", i.qtyTick());
            o.put("max_leverage", i.instType().equals("CCY_PAIR") ? "10" : "100");
            o.put("tradable", true);
            o.put("expiry_timestamp_ms", 0);
            o.put("beta_product", false);
            if (!i.instType().equals("CCY_PAIR")) {
                o.put("underlying_symbol", i.base() + i.quote() + "-INDEX");
                o.put("contract_size", "1");
            }
            o.put("margin_buy_enabled", i.instType().equals("CCY_PAIR"));
            o.put("margin_sell_enabled", i.instType().equals("CCY_PAIR"));
        }
        ObjectNode result = F.objectNode();
        result.set("data", data);
        return result;
    }

    static ObjectNode v1Tickers(Optional<String> instrument, long nowMillis) {
        ArrayNode data = F.arrayNode();
        for (Instrument i : INSTRUMENTS) {
            if (instrument.isPresent() && !instrument.get().equals(i.symbol())) {
                continue;
            }
            ObjectNode o = data.addObject();
            o.put("i", i.symbol());
            o.put("h", i.high());
            o.put("l", i.low());
            o.put("a", i.last());
            o.put("v", i.volume());
            o.put("vv", new BigDecimal(i.volume()).multiply(new BigDecimal(i.last())).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString());
            o.put("c", "0.0132");
            o.put("b", i.bid());
            o.put("k", i.ask());
            if (!i.instType().equals("CCY_PAIR")) {
                o.put("oi", "10888.9");
            }
            o.put("t", nowMillis);
        }
        ObjectNode result = F.objectNode();
        result.set("data", data);
        return result;
    }

    static ObjectNode v2Instruments() {
        ArrayNode list = F.arrayNode();
        for (Instrument i : INSTRUMENTS) {
            if (!i.instType().equals("CCY_PAIR")) {
                continue;
            }
            ObjectNode o = list.addObject();
            o.put("instrument_name", i.symbol());
            o.put("quote_currency", i.quote());
            o.put("base_currency", i.base());
            o.put("price_decimals", i.quoteDecimals());
            o.put("quantity_decimals", i.quantityDecimals());
            o.put("margin_trading_enabled", true);
        }
        ObjectNode result = F.objectNode();
        result.set("instruments", list);
        return result;
    }
}
