package dev.authbisect.venue.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.simulator.Rejection;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What each simulated endpoint answers once a request passed the checks, and the argument errors
 * it answers instead ({@code -1102} a mandatory parameter, {@code -1121} an unknown symbol, {@code
 * -2013}/{@code -2011} an unknown order …), in Binance's words.
 */
final class BinanceEndpointAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BinanceEndpointAnswers() {
    }

    static JsonNode answer(BinanceBook book, BinanceRequest request, long now) throws Rejection {
        BinanceParams p = request.params();
        return switch (request.method()) {
            case "GET /api/v3/ping" -> BinanceMarket.F.objectNode();
            case "GET /api/v3/time" -> BinanceMarket.F.objectNode().put("serverTime", now);
            case "GET /api/v3/exchangeInfo" -> BinanceMarket.exchangeInfo(symbols(p), now);
            case "GET /api/v3/ticker/24hr" -> each(p, s -> BinanceMarket.ticker24hr(s, now));
            case "GET /api/v3/ticker/price" -> each(p, BinanceMarket::price);
            case "GET /api/v3/ticker/bookTicker" -> each(p, BinanceMarket::bookTicker);
            case "GET /api/v3/depth" -> BinanceMarket.depth(symbol(p));
            case "GET /api/v3/avgPrice" -> BinanceMarket.F.objectNode().put("mins", 5).put("price", BinanceMarket.amount(symbol(p).last()))
                    .put("closeTime", now);
            case "GET /api/v3/trades", "GET /api/v3/klines", "GET /api/v3/myTrades", "GET /api/v3/rateLimit/order" -> {
                if (!request.method().endsWith("rateLimit/order")) {
                    symbol(p);
                }
                yield BinanceMarket.F.arrayNode();
            }
            case "GET /api/v3/account/commission" -> commission(symbol(p));
            case "GET /api/v3/account" -> BinanceBook.account(p.get("omitZeroBalances").map("true"::equalsIgnoreCase).orElse(false), now);
            case "GET /api/v3/openOrders" -> orders(book.open(optionalSymbol(p).map(BinanceMarket.Symbol::symbol)));
            case "GET /api/v3/allOrders" -> orders(book.all(symbol(p).symbol(), limit(p)));
            case "GET /api/v3/order" -> BinanceBook.query(book.find(symbol(p).symbol(), orderId(p), clientId(p, "origClientOrderId"))
                    .orElseThrow(() -> Rejection.venue("NO_SUCH_ORDER", "Order does not exist.")));
            case "POST /api/v3/order", "POST /api/v3/order/test" -> create(book, request, p, now);
            case "DELETE /api/v3/order" -> BinanceBook.canceled(book.cancel(symbol(p).symbol(), orderId(p),
                    clientId(p, "origClientOrderId"), now).orElseThrow(() -> Rejection.venue("CANCEL_REJECTED", "Unknown order sent.")));
            case "DELETE /api/v3/openOrders" -> {
                BinanceMarket.Symbol s = symbol(p);
                ArrayNode out = BinanceMarket.F.arrayNode();
                for (BinanceBook.Order o : book.open(Optional.of(s.symbol()))) {
                    book.cancel(s.symbol(), Optional.of(o.orderId()), Optional.empty(), now).ifPresent(c -> out.add(BinanceBook.canceled(c)));
                }
                yield out;
            }
            default -> throw new Rejection(Rejection.Kind.METHOD_NOT_FOUND, "no answer for " + request.method());
        };
    }

    private static JsonNode create(BinanceBook book, BinanceRequest request, BinanceParams p, long now) throws Rejection {
        BinanceMarket.Symbol s = symbol(p);
        String side = required(p, "side").toUpperCase(Locale.ROOT);
        if (!side.equals("BUY") && !side.equals("SELL")) {
            throw Rejection.venue("INVALID_SIDE", "Invalid side.");
        }
        String type = required(p, "type").toUpperCase(Locale.ROOT);
        BigDecimal quantity;
        BigDecimal price = BigDecimal.ZERO;
        String tif = "GTC";
        switch (type) {
            case "LIMIT" -> {
                tif = required(p, "timeInForce");
                quantity = positive(p, "quantity");
                price = positive(p, "price");
            }
            case "LIMIT_MAKER" -> {
                quantity = positive(p, "quantity");
                price = positive(p, "price");
            }
            case "MARKET" -> {
                Optional<String> quote = p.get("quoteOrderQty");
                quantity = quote.isPresent() && p.get("quantity").isEmpty()
                        ? positive(p, "quoteOrderQty").divide(new BigDecimal(s.last()), 5, java.math.RoundingMode.DOWN)
                        : positive(p, "quantity");
            }
            default -> throw Rejection.venue("INVALID_ORDER_TYPE", "Invalid orderType.");
        }
        if (quantity.multiply(type.equals("MARKET") ? new BigDecimal(s.last()) : price).compareTo(new BigDecimal(s.minNotional())) < 0) {
            throw Rejection.venue("INVALID_MESSAGE", "Filter failure: NOTIONAL");
        }
        if (request.method().endsWith("/test")) {
            return BinanceMarket.F.objectNode();
        }
        BinanceBook.Order o = book.create(s, side, type, tif, quantity, price, p.get("newClientOrderId").orElse(""), now);
        return BinanceBook.created(o, s.last());
    }

    private static JsonNode commission(BinanceMarket.Symbol s) {
        ObjectNode n = BinanceMarket.F.objectNode();
        n.put("symbol", s.symbol());
        for (String kind : List.of("standardCommission", "taxCommission", "discount")) {
            ObjectNode c = n.putObject(kind);
            for (String f : List.of("maker", "taker", "buyer", "seller")) {
                c.put(f, kind.equals("standardCommission") && (f.equals("maker") || f.equals("taker")) ? "0.00100000" : "0.00000000");
            }
        }
        return n;
    }

    private static ArrayNode orders(List<BinanceBook.Order> orders) {
        ArrayNode out = BinanceMarket.F.arrayNode();
        orders.forEach(o -> out.add(BinanceBook.query(o)));
        return out;
    }

    /** One symbol ({@code symbol}), several ({@code symbols=["A","B"]}), or all: an object for one, an array otherwise. */
    private static JsonNode each(BinanceParams p, java.util.function.Function<BinanceMarket.Symbol, ObjectNode> shape) throws Rejection {
        if (p.get("symbol").isPresent()) {
            return shape.apply(symbol(p));
        }
        ArrayNode out = BinanceMarket.F.arrayNode();
        for (BinanceMarket.Symbol s : symbols(p)) {
            out.add(shape.apply(s));
        }
        return out;
    }

    private static List<BinanceMarket.Symbol> symbols(BinanceParams p) throws Rejection {
        if (p.get("symbol").isPresent()) {
            return List.of(symbol(p));
        }
        Optional<String> list = p.get("symbols");
        if (list.isEmpty()) {
            return BinanceMarket.SYMBOLS;
        }
        List<BinanceMarket.Symbol> out = new ArrayList<>();
        try {
            for (JsonNode n : JSON.readTree(list.get())) {
                out.add(BinanceMarket.find(n.asText()).orElseThrow(() -> Rejection.venue("BAD_SYMBOL", "Invalid symbol.")));
            }
        } catch (IOException e) {
            throw Rejection.venue("INVALID_PARAMETER", "Invalid value for parameter 'symbols'.");
        }
        return out;
    }

    private static BinanceMarket.Symbol symbol(BinanceParams p) throws Rejection {
        String name = required(p, "symbol");
        return BinanceMarket.find(name.toUpperCase(Locale.ROOT)).orElseThrow(() -> Rejection.venue("BAD_SYMBOL", "Invalid symbol."));
    }

    private static Optional<BinanceMarket.Symbol> optionalSymbol(BinanceParams p) throws Rejection {
        return p.get("symbol").isPresent() ? Optional.of(symbol(p)) : Optional.empty();
    }

    private static String required(BinanceParams p, String name) throws Rejection {
        return p.get(name).filter(v -> !v.isEmpty()).orElseThrow(() -> Rejection.venue("MANDATORY_PARAM_EMPTY_OR_MALFORMED",
                "Mandatory parameter '" + name + "' was not sent, was empty/null, or malformed."));
    }

    private static BigDecimal positive(BinanceParams p, String name) throws Rejection {
        BigDecimal n = BinanceDialect.number(required(p, name)).orElseThrow(() -> Rejection.venue("INVALID_PARAMETER",
                "Invalid value for parameter '" + name + "'."));
        if (n.signum() <= 0) {
            throw Rejection.venue("INVALID_MESSAGE", "Invalid " + name + ".");
        }
        return n;
    }

    private static int limit(BinanceParams p) throws Rejection {
        Optional<String> limit = p.get("limit");
        if (limit.isEmpty()) {
            return 500;
        }
        if (!limit.get().matches("[0-9]{1,4}") || Integer.parseInt(limit.get()) < 1 || Integer.parseInt(limit.get()) > 1000) {
            throw Rejection.venue("INVALID_PARAMETER", "Invalid value for parameter 'limit'.");
        }
        return Integer.parseInt(limit.get());
    }

    private static Optional<Long> orderId(BinanceParams p) throws Rejection {
        Optional<String> id = p.get("orderId");
        if (id.isPresent() && !id.get().matches("[0-9]{1,18}")) {
            throw Rejection.venue("INVALID_PARAMETER", "Invalid value for parameter 'orderId'.");
        }
        return id.map(Long::parseLong);
    }

    private static Optional<String> clientId(BinanceParams p, String name) throws Rejection {
        Optional<String> id = p.get(name);
        if (p.get("orderId").isEmpty() && id.isEmpty()) {
            throw Rejection.venue("MANDATORY_PARAM_EMPTY_OR_MALFORMED", "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        }
        return id;
    }
}
