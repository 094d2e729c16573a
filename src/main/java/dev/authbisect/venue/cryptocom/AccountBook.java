package dev.authbisect.venue.cryptocom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one simulated account all of a scenario's keys belong to: balances, open orders and order
 * history. Orders created through {@code private/create-order} show up as open and move to the
 * history when cancelled. Thread-safe (one lock; the simulator is not a matching engine).
 */
final class AccountBook {
    static final String ACCOUNT_ID = "ce075bef-1234-4321-bd6f-ff9007252e63";
    private static final JsonNodeFactory F = RequestParser.EXACT;

    record Order(String orderId, String clientOid, String instrument, String side, String type, String quantity,
                 String price, String status, long createTime, String cumulativeQuantity, String avgPrice) {
    }

    record Balance(String currency, String quantity, String reserved, String marketValueUsd) {
    }

    static final List<Balance> BALANCES = List.of(
            new Balance("USDT", "1520.44120000", "20.00000000", "1520.44120000"),
            new Balance("BTC", "0.0214", "0", "1845.75"),
            new Balance("CRO", "12000", "0", "1129.44"));

    private final AtomicLong nextOrderId = new AtomicLong(6530219599901241200L);
    private final List<Order> open = new ArrayList<>();
    private final List<Order> history = new ArrayList<>();

    AccountBook() {
        long base = Instant.parse("2025-12-18T09:30:00Z").toEpochMilli();
        open.add(new Order("6530219599901241143", "c-7ce730f0", "BTC_USDT", "BUY", "LIMIT", "0.00020", "80000.00",
                "ACTIVE", base, "0", "0"));
        history.add(new Order("6530219599901241001", "c-4e918597", "BTC_USDT", "SELL", "MARKET", "0.00024", "0",
                "FILLED", base - 3_600_000, "0.00024", "86011.40"));
        history.add(new Order("6530219599901241002", "c-5a1f00d2", "CRO_USD", "BUY", "LIMIT", "1000", "0.09000",
                "CANCELED", base - 7_200_000, "0", "0"));
    }

    synchronized List<Order> openOrders(Optional<String> instrument) {
        return open.stream().filter(o -> instrument.map(o.instrument()::equals).orElse(true)).toList();
    }

    synchronized List<Order> history(Optional<String> instrument, Optional<Long> start, Optional<Long> end, int limit) {
        List<Order> out = new ArrayList<>();
        for (int i = history.size() - 1; i >= 0 && out.size() < limit; i--) {
            Order o = history.get(i);
            if (instrument.map(o.instrument()::equals).orElse(true)
                    && start.map(s -> o.createTime() >= s).orElse(true)
                    && end.map(e -> o.createTime() <= e).orElse(true)) {
                out.add(o);
            }
        }
        return out;
    }

    synchronized Order create(String instrument, String side, String type, String quantity, String price,
                              Optional<String> clientOid, long nowMillis) {
        String id = Long.toString(nextOrderId.getAndIncrement());
        Order o = new Order(id, clientOid.orElse("c-" + id.substring(id.length() - 8)), instrument, side, type,
                quantity, price, "ACTIVE", nowMillis, "0", "0");
        if (!type.endsWith("LIMIT")) {
            history.add(new Order(o.orderId(), o.clientOid(), instrument, side, type, quantity, "0", "FILLED", nowMillis,
                    quantity, MarketData.find(instrument).map(MarketData.Instrument::last).orElse("0")));
        } else {
            open.add(o);
        }
        return o;
    }

    synchronized Optional<Order> cancel(Optional<String> orderId, Optional<String> clientOid) {
        for (int i = 0; i < open.size(); i++) {
            Order o = open.get(i);
            if (orderId.map(o.orderId()::equals).orElse(false) || clientOid.map(o.clientOid()::equals).orElse(false)) {
                open.remove(i);
                history.add(new Order(o.orderId(), o.clientOid(), o.instrument(), o.side(), o.type(), o.quantity(),
                        o.price(), "CANCELED", o.createTime(), o.cumulativeQuantity(), o.avgPrice()));
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    // --- shapes ------------------------------------------------------------------------------

    static ObjectNode v1Order(Order o) {
        ObjectNode n = F.objectNode();
        n.put("account_id", ACCOUNT_ID);
        n.put("order_id", o.orderId());
        n.put("client_oid", o.clientOid());
        n.put("order_type", o.type());
        n.put("time_in_force", "GOOD_TILL_CANCEL");
        n.put("side", o.side());
        n.putArray("exec_inst");
        n.put("quantity", o.quantity());
        if (o.type().endsWith("LIMIT")) {
            n.put("limit_price", o.price());
        }
        BigDecimal value = new BigDecimal(o.quantity()).multiply(new BigDecimal(o.type().endsWith("LIMIT") ? o.price() : o.avgPrice()));
        n.put("order_value", value.stripTrailingZeros().toPlainString());
        n.put("maker_fee_rate", "0.00025");
        n.put("taker_fee_rate", "0.0005");
        n.put("avg_price", o.avgPrice());
        n.put("trigger_price", "0");
        n.put("ref_price", "0");
        n.put("ref_price_type", "NULL_VAL");
        n.put("cumulative_quantity", o.cumulativeQuantity());
        BigDecimal cumValue = new BigDecimal(o.cumulativeQuantity()).multiply(new BigDecimal(o.avgPrice()));
        n.put("cumulative_value", cumValue.stripTrailingZeros().toPlainString());
        n.put("cumulative_fee", "0");
        n.put("status", o.status());
        n.put("update_user_id", ACCOUNT_ID);
        n.put("order_date", Instant.ofEpochMilli(o.createTime()).atZone(ZoneOffset.UTC).toLocalDate().toString());
        n.put("instrument_name", o.instrument());
        n.put("fee_instrument_name", o.instrument().substring(o.instrument().indexOf('_') + 1));
        n.put("create_time", o.createTime());
        n.put("create_time_ns", o.createTime() + "000000");
        n.put("update_time", o.createTime());
        return n;
    }

    static ObjectNode v2Order(Order o) {
        ObjectNode n = F.objectNode();
        n.put("status", o.status());
        n.put("side", o.side());
        n.put("price", new BigDecimal(o.type().endsWith("LIMIT") ? o.price() : "0"));
        n.put("quantity", new BigDecimal(o.quantity()));
        n.put("order_id", o.orderId());
        n.put("client_oid", o.clientOid());
        n.put("create_time", o.createTime());
        n.put("update_time", o.createTime());
        n.put("type", o.type());
        n.put("instrument_name", o.instrument());
        n.put("avg_price", new BigDecimal(o.avgPrice()));
        n.put("cumulative_quantity", new BigDecimal(o.cumulativeQuantity()));
        n.put("cumulative_value", new BigDecimal(o.cumulativeQuantity()).multiply(new BigDecimal(o.avgPrice())));
        n.put("fee_currency", o.instrument().substring(o.instrument().indexOf('_') + 1));
        n.putArray("exec_inst");
        n.put("time_in_force", "GOOD_TILL_CANCEL");
        return n;
    }

    static ObjectNode v1Balance() {
        ObjectNode account = F.objectNode();
        account.put("total_available_balance", "4474.12");
        account.put("total_margin_balance", "4495.63");
        account.put("total_initial_margin", "0");
        account.put("total_maintenance_margin", "0");
        account.put("total_position_cost", "0");
        account.put("total_cash_balance", "4495.63");
        account.put("total_collateral_value", "4270.85");
        account.put("total_session_unrealized_pnl", "0");
        account.put("instrument_name", "USD");
        account.put("total_session_realized_pnl", "0");
        ArrayNode positions = account.putArray("position_balances");
        for (Balance b : BALANCES) {
            ObjectNode p = positions.addObject();
            p.put("quantity", b.quantity());
            p.put("reserved_qty", b.reserved());
            p.put("collateral_weight", "0.95");
            p.put("collateral_amount", b.marketValueUsd());
            p.put("market_value", b.marketValueUsd());
            p.put("max_withdrawal_balance", b.quantity());
            p.put("instrument_name", b.currency());
            p.put("hourly_interest_rate", "0");
        }
        account.put("total_effective_leverage", "0");
        account.put("position_limit", "3000000");
        account.put("used_position_limit", "0");
        account.put("total_borrow", "0");
        account.put("margin_score", "0");
        account.put("is_liquidating", false);
        account.put("has_risk", false);
        account.put("terminatable", true);
        ObjectNode result = F.objectNode();
        result.putArray("data").add(account);
        return result;
    }

    static ObjectNode v2AccountSummary(Optional<String> currency) {
        ArrayNode accounts = F.arrayNode();
        for (Balance b : BALANCES) {
            if (currency.isPresent() && !currency.get().equals(b.currency())) {
                continue;
            }
            ObjectNode a = accounts.addObject();
            BigDecimal total = new BigDecimal(b.quantity());
            BigDecimal reserved = new BigDecimal(b.reserved());
            a.put("balance", total);
            a.put("available", total.subtract(reserved));
            a.put("order", reserved);
            a.put("stake", 0);
            a.put("currency", b.currency());
        }
        ObjectNode result = F.objectNode();
        result.set("accounts", accounts);
        return result;
    }

    static ObjectNode currencyNetworks(long nowMillis) {
        ObjectNode result = F.objectNode();
        result.put("update_time", nowMillis);
        ObjectNode map = result.putObject("currency_map");
        network(map, "USDT", "Tether USD", "ETH", "10.0", "20.0");
        network(map, "BTC", "Bitcoin", "BTC", "0.0005", "0.001");
        network(map, "CRO", "Cronos", "CRONOS", "0.1", "1");
        return result;
    }

    private static void network(ObjectNode map, String currency, String fullName, String network, String fee, String min) {
        ObjectNode c = map.putObject(currency);
        c.put("full_name", fullName);
        c.put("default_network", network);
        ArrayNode list = c.putArray("network_list");
        ObjectNode n = list.addObject();
        n.put("network_id", network);
        n.put("withdrawal_fee", fee);
        n.put("withdraw_enabled", true);
        n.put("min_withdrawal_amount", min);
        n.put("deposit_enabled", true);
        n.put("confirmation_required", 12);
    }

    static ArrayNode list(List<Order> orders, boolean v1) {
        ArrayNode a = F.arrayNode();
        orders.forEach(o -> a.add(v1 ? v1Order(o) : v2Order(o)));
        return a;
    }

    static Optional<String> text(JsonNode params, String name) {
        JsonNode n = params.get(name);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(RequestParser.text(n));
    }
}
