package dev.authbisect.venue.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** The simulated Binance spot market: a few symbols with fixed prices, in the shapes of the public endpoints. */
final class BinanceMarket {
    static final JsonNodeFactory F = JsonNodeFactory.withExactBigDecimals(true);

    /**
     * One symbol. Prices and quantities are the exchange's strings ({@code "86250.12000000"}).
     */
    record Symbol(String symbol, String base, String quote, int basePrecision, int quotePrecision, String tickSize,
                  String stepSize, String minQty, String minNotional, String last, String bid, String ask, String open,
                  String high, String low, String volume) {
    }

    static final List<Symbol> SYMBOLS = List.of(
            new Symbol("BTCUSDT", "BTC", "USDT", 8, 8, "0.01000000", "0.00001000", "0.00001000", "5.00000000",
                    "86250.12", "86250.11", "86250.13", "85122.40", "87120.00", "85010.55", "1843.21650"),
            new Symbol("ETHUSDT", "ETH", "USDT", 8, 8, "0.01000000", "0.00010000", "0.00010000", "5.00000000",
                    "2951.37", "2951.36", "2951.40", "2990.10", "3012.80", "2890.02", "24410.5521"),
            new Symbol("BNBUSDT", "BNB", "USDT", 8, 8, "0.01000000", "0.00100000", "0.00100000", "5.00000000",
                    "612.45", "612.44", "612.46", "604.90", "618.00", "601.30", "91233.120"),
            new Symbol("ETHBTC", "ETH", "BTC", 8, 8, "0.00001000", "0.00010000", "0.00010000", "0.00010000",
                    "0.03422", "0.03421", "0.03423", "0.03510", "0.03530", "0.03401", "30121.8890"));

    private BinanceMarket() {
    }

    static Optional<Symbol> find(String symbol) {
        return SYMBOLS.stream().filter(s -> s.symbol().equals(symbol)).findFirst();
    }

    /** An amount as Binance writes it: 8 decimals ({@code 0.00100000}). */
    static String amount(String value) {
        return new BigDecimal(value).setScale(8, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    static ObjectNode exchangeInfo(List<Symbol> symbols, long nowMillis) {
        ObjectNode info = F.objectNode();
        info.put("timezone", "UTC");
        info.put("serverTime", nowMillis);
        ArrayNode limits = info.putArray("rateLimits");
        limit(limits, "REQUEST_WEIGHT", "MINUTE", 1, 6000);
        limit(limits, "ORDERS", "SECOND", 10, 100);
        limit(limits, "ORDERS", "DAY", 1, 200000);
        limit(limits, "RAW_REQUESTS", "MINUTE", 5, 61000);
        info.putArray("exchangeFilters");
        ArrayNode list = info.putArray("symbols");
        for (Symbol s : symbols) {
            ObjectNode o = list.addObject();
            o.put("symbol", s.symbol());
            o.put("status", "TRADING");
            o.put("baseAsset", s.base());
            o.put("baseAssetPrecision", s.basePrecision());
            o.put("quoteAsset", s.quote());
            o.put("quotePrecision", s.quotePrecision());
            o.put("quoteAssetPrecision", s.quotePrecision());
            o.put("baseCommissionPrecision", 8);
            o.put("quoteCommissionPrecision", 8);
            ArrayNode types = o.putArray("orderTypes");
            for (String t : List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT")) {
                types.add(t);
            }
            o.put("icebergAllowed", true);
            o.put("ocoAllowed", true);
            o.put("otoAllowed", true);
            o.put("quoteOrderQtyMarketAllowed", true);
            o.put("allowTrailingStop", true);
            o.put("cancelReplaceAllowed", true);
            o.put("amendAllowed", true);
            o.put("isSpotTradingAllowed", true);
            o.put("isMarginTradingAllowed", true);
            ArrayNode filters = o.putArray("filters");
            ObjectNode price = filters.addObject();
            price.put("filterType", "PRICE_FILTER");
            price.put("minPrice", s.tickSize());
            price.put("maxPrice", "1000000.00000000");
            price.put("tickSize", s.tickSize());
            ObjectNode lot = filters.addObject();
            lot.put("filterType", "LOT_SIZE");
            lot.put("minQty", s.minQty());
            lot.put("maxQty", "9000.00000000");
            lot.put("stepSize", s.stepSize());
            ObjectNode notional = filters.addObject();
            notional.put("filterType", "NOTIONAL");
            notional.put("minNotional", s.minNotional());
            notional.put("applyMinToMarket", true);
            notional.put("maxNotional", "9000000.00000000");
            notional.put("applyMaxToMarket", false);
            notional.put("avgPriceMins", 5);
            ObjectNode orders = filters.addObject();
            orders.put("filterType", "MAX_NUM_ORDERS");
            orders.put("maxNumOrders", 200);
            o.putArray("permissions");
            o.putArray("permissionSets").addArray().add("SPOT").add("MARGIN");
            o.put("defaultSelfTradePreventionMode", "EXPIRE_MAKER");
            o.putArray("allowedSelfTradePreventionModes").add("EXPIRE_TAKER").add("EXPIRE_MAKER").add("EXPIRE_BOTH");
        }
        return info;
    }

    private static void limit(ArrayNode limits, String type, String interval, int num, int limit) {
        ObjectNode l = limits.addObject();
        l.put("rateLimitType", type);
        l.put("interval", interval);
        l.put("intervalNum", num);
        l.put("limit", limit);
    }

    static ObjectNode ticker24hr(Symbol s, long nowMillis) {
        BigDecimal last = new BigDecimal(s.last());
        BigDecimal open = new BigDecimal(s.open());
        BigDecimal change = last.subtract(open);
        ObjectNode o = F.objectNode();
        o.put("symbol", s.symbol());
        o.put("priceChange", amount(change.toPlainString()));
        o.put("priceChangePercent", change.multiply(BigDecimal.valueOf(100)).divide(open, 3, java.math.RoundingMode.HALF_EVEN).toPlainString());
        o.put("weightedAvgPrice", amount(s.last()));
        o.put("prevClosePrice", amount(s.open()));
        o.put("lastPrice", amount(s.last()));
        o.put("lastQty", "0.00120000");
        o.put("bidPrice", amount(s.bid()));
        o.put("bidQty", "0.51200000");
        o.put("askPrice", amount(s.ask()));
        o.put("askQty", "0.33000000");
        o.put("openPrice", amount(s.open()));
        o.put("highPrice", amount(s.high()));
        o.put("lowPrice", amount(s.low()));
        o.put("volume", amount(s.volume()));
        o.put("quoteVolume", amount(new BigDecimal(s.volume()).multiply(last).setScale(8, java.math.RoundingMode.HALF_EVEN).toPlainString()));
        o.put("openTime", nowMillis - 86_400_000L);
        o.put("closeTime", nowMillis);
        o.put("firstId", 4_900_000_000L);
        o.put("lastId", 4_901_234_567L);
        o.put("count", 1_234_568);
        return o;
    }

    static ObjectNode price(Symbol s) {
        ObjectNode o = F.objectNode();
        o.put("symbol", s.symbol());
        o.put("price", amount(s.last()));
        return o;
    }

    static ObjectNode bookTicker(Symbol s) {
        ObjectNode o = F.objectNode();
        o.put("symbol", s.symbol());
        o.put("bidPrice", amount(s.bid()));
        o.put("bidQty", "0.51200000");
        o.put("askPrice", amount(s.ask()));
        o.put("askQty", "0.33000000");
        return o;
    }

    static ObjectNode depth(Symbol s) {
        ObjectNode o = F.objectNode();
        o.put("lastUpdateId", 1_027_024L);
        ArrayNode bids = o.putArray("bids");
        bids.addArray().add(amount(s.bid())).add("0.51200000");
        ArrayNode asks = o.putArray("asks");
        asks.addArray().add(amount(s.ask())).add("0.33000000");
        return o;
    }
}
