package dev.authbisect.venue.cryptocom;

import static dev.authbisect.core.Outcome.API_ERROR;
import static dev.authbisect.core.Outcome.AUTH_REJECTED;
import static dev.authbisect.core.Outcome.OK;
import static dev.authbisect.core.Outcome.RATE_LIMITED;
import static dev.authbisect.core.Outcome.TRANSPORT_ERROR;

import dev.authbisect.venue.VenueError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Crypto.com Exchange response codes as far as the public documentation gives them: the v1
 * API (paths {@code /exchange/v1/...}) and the older v2 API (paths {@code /v2/...}), which
 * numbers its common errors differently (10002 UNAUTHORIZED instead of 40101).
 */
public final class CryptoComErrors {
    public static final int SUCCESS = 0;
    public static final int BAD_REQUEST = 40001;
    public static final int METHOD_NOT_FOUND = 40002;
    public static final int INVALID_REQUEST = 40003;
    public static final int MISSING_OR_INVALID_ARGUMENT = 40004;
    public static final int INVALID_DATE = 40005;
    public static final int DUPLICATE_REQUEST = 40006;
    public static final int UNAUTHORIZED = 40101;
    public static final int INVALID_NONCE = 40102;
    public static final int IP_ILLEGAL = 40103;
    public static final int USER_TIER_INVALID = 40104;
    public static final int NOT_FOUND = 40401;
    public static final int REQUEST_TIMEOUT = 40801;
    public static final int TOO_MANY_REQUESTS = 42901;
    public static final int INTERNAL_ERROR = 50001;

    public static final int V2_SYS_ERROR = 10001;
    public static final int V2_UNAUTHORIZED = 10002;
    public static final int V2_IP_ILLEGAL = 10003;
    public static final int V2_BAD_REQUEST = 10004;
    public static final int V2_USER_TIER_INVALID = 10005;
    public static final int V2_TOO_MANY_REQUESTS = 10006;
    public static final int V2_INVALID_NONCE = 10007;
    public static final int V2_METHOD_NOT_FOUND = 10008;
    public static final int V2_INVALID_DATE_RANGE = 10009;

    private static final Map<Integer, VenueError> V1 = new LinkedHashMap<>();
    private static final Map<Integer, VenueError> V2 = new LinkedHashMap<>();

    static {
        v1(SUCCESS, "SUCCESS", 200, "success", OK);
        v1(201, "NO_POSITION", 200, "no position", API_ERROR);
        v1(202, "ACCOUNT_IS_SUSPENDED", 200, "account is suspended", API_ERROR);
        v1(203, "ACCOUNTS_DO_NOT_MATCH", 200, "accounts do not match", API_ERROR);
        v1(204, "DUPLICATE_CLORDID", 200, "duplicate client order id", API_ERROR);
        v1(205, "DUPLICATE_ORDERID", 200, "duplicate order id", API_ERROR);
        v1(206, "INSTRUMENT_EXPIRED", 200, "instrument has expired", API_ERROR);
        v1(207, "NO_MARK_PRICE", 200, "no mark price", API_ERROR);
        v1(208, "INSTRUMENT_NOT_TRADABLE", 200, "instrument is not tradable", API_ERROR);
        v1(209, "INVALID_INSTRUMENT", 200, "instrument is invalid", API_ERROR);
        v1(210, "INVALID_ACCOUNT", 200, "account is invalid", API_ERROR);
        v1(211, "INVALID_CURRENCY", 200, "currency is invalid", API_ERROR);
        v1(212, "INVALID_ORDERID", 200, "invalid order id", API_ERROR);
        v1(213, "INVALID_ORDERQTY", 200, "invalid order quantity", API_ERROR);
        v1(218, "INVALID_ORDTYPE", 200, "invalid order type", API_ERROR);
        v1(220, "INVALID_SIDE", 200, "invalid order side", API_ERROR);
        v1(221, "INVALID_TIF", 200, "invalid time in force", API_ERROR);
        v1(306, "INSUFFICIENT_AVAILABLE_BALANCE", 200, "insufficient available balance", API_ERROR);
        v1(308, "INVALID_PRICE", 200, "invalid price", API_ERROR);
        v1(309, "MARKET_IS_NOT_OPEN", 200, "market is not open", API_ERROR);
        v1(314, "EXCEEDS_MAX_ORDER_SIZE", 200, "exceeds maximum order size", API_ERROR);
        v1(316, "NO_ACTIVE_ORDER", 200, "no active order", API_ERROR);
        v1(318, "EXCEEDS_MAX_OPEN_ORDERS", 200, "exceeds maximum open orders", API_ERROR);
        v1(401, "ACCOUNT_DOES_NOT_EXIST", 200, "account does not exist", API_ERROR);
        v1(406, "ACCOUNT_IS_NOT_ACTIVE", 200, "account is not active", API_ERROR);
        v1(409, "INVALID_USER", 200, "invalid user", API_ERROR);
        v1(410, "USER_IS_NOT_ACTIVE", 200, "user is not active", API_ERROR);
        v1(415, "BELOW_MIN_ORDER_SIZE", 200, "below minimum order size", API_ERROR);
        v1(BAD_REQUEST, "BAD_REQUEST", 400, "bad request", API_ERROR);
        v1(METHOD_NOT_FOUND, "METHOD_NOT_FOUND", 400, "method not found", API_ERROR);
        v1(INVALID_REQUEST, "INVALID_REQUEST", 400, "invalid request", API_ERROR);
        v1(MISSING_OR_INVALID_ARGUMENT, "MISSING_OR_INVALID_ARGUMENT", 400, "required argument is blank or missing", API_ERROR);
        v1(INVALID_DATE, "INVALID_DATE", 400, "invalid date", API_ERROR);
        v1(DUPLICATE_REQUEST, "DUPLICATE_REQUEST", 400, "duplicate request received", API_ERROR);
        v1(UNAUTHORIZED, "UNAUTHORIZED", 401, "not authenticated, or key/signature incorrect", AUTH_REJECTED);
        v1(INVALID_NONCE, "INVALID_NONCE", 400, "nonce value differs by more than 60 seconds", AUTH_REJECTED);
        v1(IP_ILLEGAL, "IP_ILLEGAL", 401, "IP address not whitelisted", AUTH_REJECTED);
        v1(USER_TIER_INVALID, "USER_TIER_INVALID", 401, "no permission to access the method", AUTH_REJECTED);
        v1(40107, "EXCEED_MAX_SUBSCRIPTIONS", 400, "session subscription limit exceeded", API_ERROR);
        v1(NOT_FOUND, "NOT_FOUND", 200, "not found", API_ERROR);
        v1(REQUEST_TIMEOUT, "REQUEST_TIMEOUT", 408, "request has timed out", TRANSPORT_ERROR);
        v1(TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS", 429, "requests have exceeded rate limits", RATE_LIMITED);
        v1(43003, "FILL_OR_KILL", 200, "FOK order has not been filled and cancelled", API_ERROR);
        v1(43004, "IMMEDIATE_OR_CANCEL", 200, "IOC order has not been filled and cancelled", API_ERROR);
        v1(43005, "POST_ONLY_REJ", 200, "rejected POST_ONLY order", API_ERROR);
        v1(43012, "SELF_TRADE_PREVENTION", 200, "cancelled due to self-trade prevention", API_ERROR);
        v1(INTERNAL_ERROR, "INTERNAL_ERROR", 500, "internal error", TRANSPORT_ERROR);

        v2(SUCCESS, "SUCCESS", 200, "success", OK);
        v2(V2_SYS_ERROR, "SYS_ERROR", 500, "malformed request, (e.g. not using application/json for REST)", TRANSPORT_ERROR);
        v2(V2_UNAUTHORIZED, "UNAUTHORIZED", 401, "not authenticated, or key/signature incorrect", AUTH_REJECTED);
        v2(V2_IP_ILLEGAL, "IP_ILLEGAL", 401, "IP address not whitelisted", AUTH_REJECTED);
        v2(V2_BAD_REQUEST, "BAD_REQUEST", 400, "missing required fields", API_ERROR);
        v2(V2_USER_TIER_INVALID, "USER_TIER_INVALID", 401, "disallowed based on user tier", AUTH_REJECTED);
        v2(V2_TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS", 429, "requests have exceeded rate limits", RATE_LIMITED);
        v2(V2_INVALID_NONCE, "INVALID_NONCE", 400, "nonce value differs by more than 30 seconds", AUTH_REJECTED);
        v2(V2_METHOD_NOT_FOUND, "METHOD_NOT_FOUND", 400, "invalid method specified", API_ERROR);
        v2(V2_INVALID_DATE_RANGE, "INVALID_DATE_RANGE", 400, "invalid date range", API_ERROR);
        v2(20001, "DUPLICATE_RECORD", 400, "duplicated record", API_ERROR);
        v2(20002, "NEGATIVE_BALANCE", 400, "insufficient balance", API_ERROR);
        v2(30003, "SYMBOL_NOT_FOUND", 400, "invalid instrument_name specified", API_ERROR);
        v2(30004, "SIDE_NOT_SUPPORTED", 400, "invalid side specified", API_ERROR);
        v2(30005, "ORDERTYPE_NOT_SUPPORTED", 400, "invalid type specified", API_ERROR);
        v2(30006, "MIN_PRICE_VIOLATED", 400, "price is lower than the minimum", API_ERROR);
        v2(30007, "MAX_PRICE_VIOLATED", 400, "price is higher than the maximum", API_ERROR);
        v2(30008, "MIN_QUANTITY_VIOLATED", 400, "quantity is lower than the minimum", API_ERROR);
        v2(30009, "MAX_QUANTITY_VIOLATED", 400, "quantity is higher than the maximum", API_ERROR);
        v2(30010, "MISSING_ARGUMENT", 400, "required argument is blank or missing", API_ERROR);
        v2(30013, "INVALID_PRICE_PRECISION", 400, "too many decimal places for price", API_ERROR);
        v2(30014, "INVALID_QUANTITY_PRECISION", 400, "too many decimal places for quantity", API_ERROR);
        v2(30016, "MIN_NOTIONAL_VIOLATED", 400, "price × quantity is below the minimum", API_ERROR);
        v2(30017, "MAX_NOTIONAL_VIOLATED", 400, "price × quantity is above the maximum", API_ERROR);
        v2(30023, "MIN_AMOUNT_VIOLATED", 400, "amount is lower than the minimum", API_ERROR);
        v2(30024, "MAX_AMOUNT_VIOLATED", 400, "amount is higher than the maximum", API_ERROR);
        v2(30025, "AMOUNT_PRECISION_OVERFLOW", 400, "amount precision overflow", API_ERROR);
    }

    private CryptoComErrors() {
    }

    private static void v1(int code, String name, int http, String meaning, dev.authbisect.core.Outcome outcome) {
        V1.put(code, new VenueError(code, name, http, meaning, outcome));
    }

    private static void v2(int code, String name, int http, String meaning, dev.authbisect.core.Outcome outcome) {
        V2.put(code, new VenueError(code, name, http, meaning, outcome));
    }

    /** A v1 code's row. */
    public static Optional<VenueError> v1(int code) {
        return Optional.ofNullable(V1.get(code));
    }

    /** A v2 code's row. */
    public static Optional<VenueError> v2(int code) {
        return Optional.ofNullable(V2.get(code));
    }

    /** A code's row, v1 first, then v2 (their numbers do not overlap except 0). */
    public static Optional<VenueError> lookup(int code) {
        return v1(code).or(() -> v2(code));
    }

    /** The whole v1 table in documentation order. */
    public static java.util.Collection<VenueError> v1Table() {
        return java.util.Collections.unmodifiableCollection(V1.values());
    }

    /** The whole v2 table in documentation order. */
    public static java.util.Collection<VenueError> v2Table() {
        return java.util.Collections.unmodifiableCollection(V2.values());
    }
}
