package dev.authbisect.venue.cryptocom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.simulator.Rejection;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What each served method answers once a request has passed every check: the envelope's {@code result}. */
final class Endpoints {
    /** Venue error names the endpoints reject with ({@link Rejection#venue}); {@link ApiVersion} numbers them. */
    static final String NOT_FOUND = "NOT_FOUND";
    static final String INVALID_INSTRUMENT = "INVALID_INSTRUMENT";
    static final String INVALID_SIDE = "INVALID_SIDE";
    static final String INVALID_ORDTYPE = "INVALID_ORDTYPE";

    private static final Set<String> SIDES = Set.of("BUY", "SELL");
    private static final Set<String> TYPES = Set.of("LIMIT", "MARKET", "STOP_LOSS", "STOP_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT");

    private final AccountBook book = new AccountBook();

    /** The result for {@code request}; empty when the method answers without a result (v2 cancel-order). */
    Optional<ObjectNode> answer(ApiVersion version, CryptoComRequest request, long nowMillis) throws Rejection {
        JsonNode p = request.params();
        boolean v1 = version == ApiVersion.V1;
        return switch (request.method()) {
            case "public/get-instruments" -> Optional.of(v1 ? MarketData.v1Instruments() : MarketData.v2Instruments());
            case "public/get-tickers" -> Optional.of(MarketData.v1Tickers(AccountBook.text(p, "instrument_name"), nowMillis));
            case "private/user-balance" -> Optional.of(AccountBook.v1Balance());
            case "private/get-account-summary" -> Optional.of(AccountBook.v2AccountSummary(AccountBook.text(p, "currency")));
            case "private/get-currency-networks" -> Optional.of(AccountBook.currencyNetworks(nowMillis));
            case "private/get-open-orders" -> Optional.of(openOrders(v1, p));
            case "private/get-order-history" -> Optional.of(history(v1, p));
            case "private/create-order" -> Optional.of(created(order(p, nowMillis)));
            case "private/create-order-list" -> Optional.of(orderList(p, nowMillis));
            case "private/cancel-order" -> cancel(v1, p);
            default -> throw new IllegalStateException("no endpoint for " + request.method());
        };
    }

    private ObjectNode openOrders(boolean v1, JsonNode p) {
        var orders = book.openOrders(AccountBook.text(p, "instrument_name"));
        ObjectNode result = RequestParser.EXACT.objectNode();
        if (v1) {
            result.set("data", AccountBook.list(orders, true));
        } else {
            result.put("count", orders.size());
            result.set("order_list", AccountBook.list(orders, false));
        }
        return result;
    }

    private ObjectNode history(boolean v1, JsonNode p) throws Rejection {
        int limit = (int) Math.min(Math.max(number(p, "limit").orElse(BigDecimal.valueOf(100)).longValue(), 0), 100);
        if (p.has("page_size")) {
            limit = (int) Math.min(Math.max(number(p, "page_size").orElse(BigDecimal.valueOf(20)).longValue(), 0), 200);
        }
        var orders = book.history(AccountBook.text(p, "instrument_name"),
                number(p, "start_time").map(BigDecimal::longValue), number(p, "end_time").map(BigDecimal::longValue), limit);
        ObjectNode result = RequestParser.EXACT.objectNode();
        result.set(v1 ? "data" : "order_list", AccountBook.list(orders, v1));
        return result;
    }

    private AccountBook.Order order(JsonNode p, long nowMillis) throws Rejection {
        String instrument = AccountBook.text(p, "instrument_name").orElseThrow(() -> missing("instrument_name"));
        if (MarketData.find(instrument).isEmpty()) {
            throw Rejection.venue(INVALID_INSTRUMENT, "unknown instrument_name '" + RequestParser.printable(instrument) + "'");
        }
        String side = AccountBook.text(p, "side").orElseThrow(() -> missing("side")).toUpperCase(Locale.ROOT);
        if (!SIDES.contains(side)) {
            throw Rejection.venue(INVALID_SIDE, "side must be BUY or SELL");
        }
        String type = AccountBook.text(p, "type").orElseThrow(() -> missing("type")).toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw Rejection.venue(INVALID_ORDTYPE, "type must be one of " + String.join(", ", new java.util.TreeSet<>(TYPES)));
        }
        Optional<BigDecimal> qty = number(p, "quantity");
        if (qty.isEmpty()) {
            qty = number(p, "notional");
        }
        BigDecimal quantity = qty.orElseThrow(() -> missing("quantity"));
        String price = "0";
        if (type.endsWith("LIMIT")) {
            price = number(p, "price").orElseThrow(() -> missing("price")).toPlainString();
        }
        return book.create(instrument, side, type, quantity.toPlainString(), price, AccountBook.text(p, "client_oid"), nowMillis);
    }

    private static ObjectNode created(AccountBook.Order o) {
        ObjectNode result = RequestParser.EXACT.objectNode();
        result.put("client_oid", o.clientOid());
        result.put("order_id", o.orderId());
        return result;
    }

    private ObjectNode orderList(JsonNode p, long nowMillis) throws Rejection {
        JsonNode list = p.get("order_list");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw missing("order_list");
        }
        ObjectNode result = RequestParser.EXACT.objectNode();
        ArrayNode results = result.putArray("result_list");
        for (int i = 0; i < list.size(); i++) {
            AccountBook.Order o = order(list.get(i), nowMillis);
            ObjectNode r = results.addObject();
            r.put("index", i);
            r.put("code", 0);
            r.put("order_id", o.orderId());
            r.put("client_oid", o.clientOid());
        }
        return result;
    }

    private Optional<ObjectNode> cancel(boolean v1, JsonNode p) throws Rejection {
        Optional<String> orderId = AccountBook.text(p, "order_id");
        Optional<String> clientOid = AccountBook.text(p, "client_oid");
        if (orderId.isEmpty() && clientOid.isEmpty()) {
            throw missing("order_id");
        }
        AccountBook.Order o = book.cancel(orderId, clientOid).orElseThrow(() -> Rejection.venue(NOT_FOUND,
                "no open order " + RequestParser.printable(orderId.or(() -> clientOid).get())));
        return v1 ? Optional.of(created(o)) : Optional.empty();
    }

    private static Optional<BigDecimal> number(JsonNode p, String name) throws Rejection {
        JsonNode n = p.get(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText().trim()));
        } catch (NumberFormatException e) {
            throw new Rejection(Rejection.Kind.INVALID_ARGUMENT, name + " must be a number");
        }
    }

    private static Rejection missing(String name) {
        return new Rejection(Rejection.Kind.INVALID_ARGUMENT, "required argument '" + name + "' is missing");
    }
}
