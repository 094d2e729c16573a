package dev.authbisect.venue.binance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The simulated account: balances and orders, with a few seeded ones (one open, two in the history).
 * Orders created through {@code POST /api/v3/order} stay open when they are LIMIT, fill at the last
 * price when MARKET; {@code DELETE} cancels. One book per simulator; thread-safe.
 */
final class BinanceBook {
    /** One balance: asset, free, locked (exchange strings). */
    record Balance(String asset, String free, String locked) {
    }

    /** One order, in the fields Binance answers with. */
    record Order(String symbol, long orderId, String clientOrderId, String price, String origQty, String executedQty,
                 String cummulativeQuoteQty, String status, String timeInForce, String type, String side, long time,
                 long updateTime) {
        Order withStatus(String newStatus, long at) {
            return new Order(symbol, orderId, clientOrderId, price, origQty, executedQty, cummulativeQuoteQty, newStatus,
                    timeInForce, type, side, time, at);
        }

        boolean open() {
            return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
        }
    }

    static final List<Balance> BALANCES = List.of(
            new Balance("BTC", "0.02140000", "0.00100000"),
            new Balance("USDT", "1520.44120000", "80.00000000"),
            new Balance("ETH", "0.50000000", "0.00000000"),
            new Balance("BNB", "0.00000000", "0.00000000"));

    private static final long SEEDED_AT = 1_765_000_000_000L;
    private final List<Order> orders = new ArrayList<>(List.of(
            new Order("BTCUSDT", 28_457L, "web_5f1e2a0c9b", "80000.00000000", "0.00100000", "0.00000000", "0.00000000", "NEW",
                    "GTC", "LIMIT", "BUY", SEEDED_AT, SEEDED_AT),
            new Order("BTCUSDT", 28_401L, "web_0b9d33e1aa", "0.00000000", "0.00200000", "0.00200000", "170.24000000", "FILLED",
                    "GTC", "MARKET", "BUY", SEEDED_AT - 86_400_000L, SEEDED_AT - 86_400_000L),
            new Order("ETHUSDT", 9_112L, "web_77aa01c3d2", "2500.00000000", "0.10000000", "0.00000000", "0.00000000", "CANCELED",
                    "GTC", "LIMIT", "SELL", SEEDED_AT - 172_800_000L, SEEDED_AT - 100_000_000L)));
    private long nextId = 30_001L;

    synchronized List<Order> open(Optional<String> symbol) {
        return orders.stream().filter(Order::open).filter(o -> symbol.map(o.symbol()::equals).orElse(true)).toList();
    }

    /** Every order of {@code symbol}, oldest first, at most {@code limit} (the newest ones). */
    synchronized List<Order> all(String symbol, int limit) {
        List<Order> of = orders.stream().filter(o -> o.symbol().equals(symbol))
                .sorted(java.util.Comparator.comparingLong(Order::orderId)).toList();
        return of.subList(Math.max(0, of.size() - limit), of.size());
    }

    synchronized Optional<Order> find(String symbol, Optional<Long> orderId, Optional<String> clientOrderId) {
        return orders.stream().filter(o -> o.symbol().equals(symbol)
                && (orderId.isPresent() ? o.orderId() == orderId.get() : o.clientOrderId().equals(clientOrderId.orElse(""))))
                .findFirst();
    }

    synchronized Order create(BinanceMarket.Symbol symbol, String side, String type, String timeInForce, BigDecimal quantity,
                              BigDecimal price, String clientOrderId, long now) {
        long id = nextId++;
        String client = clientOrderId.isEmpty() ? "sim" + Long.toString(id, 36) + Long.toString(now, 36) : clientOrderId;
        Order o;
        if (type.equals("MARKET")) {
            BigDecimal fill = new BigDecimal(symbol.last());
            o = new Order(symbol.symbol(), id, client, "0.00000000", BinanceMarket.amount(quantity.toPlainString()),
                    BinanceMarket.amount(quantity.toPlainString()), BinanceMarket.amount(fill.multiply(quantity).toPlainString()),
                    "FILLED", "GTC", type, side, now, now);
        } else {
            o = new Order(symbol.symbol(), id, client, BinanceMarket.amount(price.toPlainString()),
                    BinanceMarket.amount(quantity.toPlainString()), "0.00000000", "0.00000000", "NEW", timeInForce, type, side, now, now);
        }
        orders.add(o);
        return o;
    }

    synchronized Optional<Order> cancel(String symbol, Optional<Long> orderId, Optional<String> clientOrderId, long now) {
        for (int i = 0; i < orders.size(); i++) {
            Order o = orders.get(i);
            boolean match = o.symbol().equals(symbol)
                    && (orderId.isPresent() ? o.orderId() == orderId.get() : o.clientOrderId().equals(clientOrderId.orElse("")));
            if (match && o.open()) {
                Order canceled = o.withStatus("CANCELED", now);
                orders.set(i, canceled);
                return Optional.of(canceled);
            }
        }
        return Optional.empty();
    }

    /** {@code GET /api/v3/order}, openOrders and allOrders shape. */
    static ObjectNode query(Order o) {
        ObjectNode n = BinanceMarket.F.objectNode();
        n.put("symbol", o.symbol());
        n.put("orderId", o.orderId());
        n.put("orderListId", -1);
        n.put("clientOrderId", o.clientOrderId());
        n.put("price", o.price());
        quantities(n, o);
        n.put("stopPrice", "0.00000000");
        n.put("icebergQty", "0.00000000");
        n.put("time", o.time());
        n.put("updateTime", o.updateTime());
        n.put("isWorking", o.open());
        n.put("workingTime", o.time());
        n.put("origQuoteOrderQty", "0.00000000");
        n.put("selfTradePreventionMode", "EXPIRE_MAKER");
        return n;
    }

    /** {@code POST /api/v3/order} with newOrderRespType FULL (the default for LIMIT and MARKET). */
    static ObjectNode created(Order o, String fillPrice) {
        ObjectNode n = BinanceMarket.F.objectNode();
        n.put("symbol", o.symbol());
        n.put("orderId", o.orderId());
        n.put("orderListId", -1);
        n.put("clientOrderId", o.clientOrderId());
        n.put("transactTime", o.time());
        n.put("price", o.price());
        n.put("origQuoteOrderQty", "0.00000000");
        quantities(n, o);
        n.put("workingTime", o.time());
        ArrayNode fills = n.putArray("fills");
        if (o.status().equals("FILLED")) {
            ObjectNode f = fills.addObject();
            f.put("price", BinanceMarket.amount(fillPrice));
            f.put("qty", o.executedQty());
            f.put("commission", "0.00000000");
            f.put("commissionAsset", "BNB");
            f.put("tradeId", 4_901_234_568L + o.orderId());
        }
        n.put("selfTradePreventionMode", "EXPIRE_MAKER");
        return n;
    }

    /** {@code DELETE /api/v3/order}. */
    static ObjectNode canceled(Order o) {
        ObjectNode n = BinanceMarket.F.objectNode();
        n.put("symbol", o.symbol());
        n.put("origClientOrderId", o.clientOrderId());
        n.put("orderId", o.orderId());
        n.put("orderListId", -1);
        n.put("clientOrderId", "cancel" + Long.toString(o.orderId(), 36));
        n.put("transactTime", o.updateTime());
        n.put("price", o.price());
        n.put("origQuoteOrderQty", "0.00000000");
        quantities(n, o);
        n.put("selfTradePreventionMode", "EXPIRE_MAKER");
        return n;
    }

    /** The fields every order answer carries: quantities, status, time in force, type and side. */
    private static void quantities(ObjectNode n, Order o) {
        n.put("origQty", o.origQty());
        n.put("executedQty", o.executedQty());
        n.put("cummulativeQuoteQty", o.cummulativeQuoteQty());
        n.put("status", o.status());
        n.put("timeInForce", o.timeInForce());
        n.put("type", o.type());
        n.put("side", o.side());
    }

    /** {@code GET /api/v3/account}. */
    static ObjectNode account(boolean omitZeroBalances, long nowMillis) {
        ObjectNode n = BinanceMarket.F.objectNode();
        n.put("makerCommission", 10);
        n.put("takerCommission", 10);
        n.put("buyerCommission", 0);
        n.put("sellerCommission", 0);
        ObjectNode rates = n.putObject("commissionRates");
        rates.put("maker", "0.00100000");
        rates.put("taker", "0.00100000");
        rates.put("buyer", "0.00000000");
        rates.put("seller", "0.00000000");
        n.put("canTrade", true);
        n.put("canWithdraw", true);
        n.put("canDeposit", true);
        n.put("brokered", false);
        n.put("requireSelfTradePrevention", false);
        n.put("preventSor", false);
        n.put("updateTime", nowMillis);
        n.put("accountType", "SPOT");
        ArrayNode balances = n.putArray("balances");
        for (Balance b : BALANCES) {
            if (omitZeroBalances && new BigDecimal(b.free()).signum() == 0 && new BigDecimal(b.locked()).signum() == 0) {
                continue;
            }
            ObjectNode o = balances.addObject();
            o.put("asset", b.asset());
            o.put("free", b.free());
            o.put("locked", b.locked());
        }
        n.putArray("permissions").add("SPOT");
        n.put("uid", 354_937_868L);
        return n;
    }
}
