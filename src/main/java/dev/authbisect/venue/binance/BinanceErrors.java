package dev.authbisect.venue.binance;

import static dev.authbisect.core.Outcome.API_ERROR;
import static dev.authbisect.core.Outcome.AUTH_REJECTED;
import static dev.authbisect.core.Outcome.RATE_LIMITED;
import static dev.authbisect.core.Outcome.TRANSPORT_ERROR;

import dev.authbisect.core.Outcome;
import dev.authbisect.venue.VenueError;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Binance spot error codes ({@code {"code":-1022,"msg":"…"}}) as the public documentation gives
 * them, with the HTTP status the exchange answers them with and the outcome class a cell gets.
 *
 * <p>Auth classes: -1022 signature invalid, -2014 API-key format, -2015 invalid key, IP or
 * permissions, -1021 timestamp outside recvWindow, -1002 not authorized. Rate limits: -1003 and
 * -1015. The codes that say the server did not answer the request (-1000, -1001, -1006, -1007,
 * -1008: execution status unknown) are TRANSPORT_ERROR, like Crypto.com's 50001; every other
 * code, unknown ones too, is API_ERROR.
 */
public final class BinanceErrors {
    public static final int UNKNOWN = -1000;
    public static final int UNAUTHORIZED = -1002;
    public static final int TOO_MANY_REQUESTS = -1003;
    public static final int INVALID_TIMESTAMP = -1021;
    public static final int INVALID_SIGNATURE = -1022;
    public static final int ILLEGAL_CHARS = -1100;
    public static final int TOO_MANY_PARAMETERS = -1101;
    public static final int MANDATORY_PARAM_EMPTY_OR_MALFORMED = -1102;
    public static final int UNKNOWN_PARAM = -1103;
    public static final int PARAM_EMPTY = -1105;
    public static final int INVALID_ORDER_TYPE = -1116;
    public static final int INVALID_SIDE = -1117;
    public static final int BAD_SYMBOL = -1121;
    public static final int INVALID_PARAMETER = -1130;
    public static final int BAD_RECV_WINDOW = -1131;
    public static final int NEW_ORDER_REJECTED = -2010;
    public static final int CANCEL_REJECTED = -2011;
    public static final int NO_SUCH_ORDER = -2013;
    public static final int BAD_API_KEY_FMT = -2014;
    public static final int REJECTED_MBX_KEY = -2015;

    private static final Map<Integer, VenueError> TABLE = new LinkedHashMap<>();

    static {
        row(UNKNOWN, "UNKNOWN", 500, "an unknown error occurred while processing the request", TRANSPORT_ERROR);
        row(-1001, "DISCONNECTED", 500, "internal error; unable to process the request", TRANSPORT_ERROR);
        row(UNAUTHORIZED, "UNAUTHORIZED", 401, "you are not authorized to execute this request", AUTH_REJECTED);
        row(TOO_MANY_REQUESTS, "TOO_MANY_REQUESTS", 429, "too many requests (request weight over the limit)", RATE_LIMITED);
        row(-1006, "UNEXPECTED_RESP", 500, "an unexpected response was received; execution status unknown", TRANSPORT_ERROR);
        row(-1007, "TIMEOUT", 500, "timeout waiting for the backend; execution status unknown", TRANSPORT_ERROR);
        row(-1008, "SERVER_BUSY", 503, "the server is overloaded; try again later", TRANSPORT_ERROR);
        row(-1013, "INVALID_MESSAGE", 400, "filter failure", API_ERROR);
        row(-1014, "UNKNOWN_ORDER_COMPOSITION", 400, "unsupported order combination", API_ERROR);
        row(-1015, "TOO_MANY_ORDERS", 429, "too many new orders", RATE_LIMITED);
        row(-1016, "SERVICE_SHUTTING_DOWN", 503, "this service is no longer available", API_ERROR);
        row(-1020, "UNSUPPORTED_OPERATION", 400, "this operation is not supported", API_ERROR);
        row(INVALID_TIMESTAMP, "INVALID_TIMESTAMP", 400, "timestamp for this request is outside of the recvWindow", AUTH_REJECTED);
        row(INVALID_SIGNATURE, "INVALID_SIGNATURE", 400, "signature for this request is not valid", AUTH_REJECTED);
        row(ILLEGAL_CHARS, "ILLEGAL_CHARS", 400, "illegal characters found in a parameter", API_ERROR);
        row(TOO_MANY_PARAMETERS, "TOO_MANY_PARAMETERS", 400, "too many parameters, or a parameter sent twice", API_ERROR);
        row(MANDATORY_PARAM_EMPTY_OR_MALFORMED, "MANDATORY_PARAM_EMPTY_OR_MALFORMED", 400,
                "a mandatory parameter was not sent, was empty/null, or malformed", API_ERROR);
        row(UNKNOWN_PARAM, "UNKNOWN_PARAM", 400, "an unknown parameter was sent", API_ERROR);
        row(-1104, "UNREAD_PARAMETERS", 400, "not all sent parameters were read", API_ERROR);
        row(PARAM_EMPTY, "PARAM_EMPTY", 400, "a parameter was empty", API_ERROR);
        row(-1106, "PARAM_NOT_REQUIRED", 400, "a parameter was sent when not required", API_ERROR);
        row(-1111, "BAD_PRECISION", 400, "precision is over the maximum defined for this asset", API_ERROR);
        row(-1115, "INVALID_TIF", 400, "invalid timeInForce", API_ERROR);
        row(INVALID_ORDER_TYPE, "INVALID_ORDER_TYPE", 400, "invalid orderType", API_ERROR);
        row(INVALID_SIDE, "INVALID_SIDE", 400, "invalid side", API_ERROR);
        row(-1120, "BAD_INTERVAL", 400, "invalid interval", API_ERROR);
        row(BAD_SYMBOL, "BAD_SYMBOL", 400, "invalid symbol", API_ERROR);
        row(-1125, "INVALID_LISTEN_KEY", 400, "this listenKey does not exist", API_ERROR);
        row(INVALID_PARAMETER, "INVALID_PARAMETER", 400, "invalid data sent for a parameter", API_ERROR);
        row(BAD_RECV_WINDOW, "BAD_RECV_WINDOW", 400, "recvWindow must be less than 60000", API_ERROR);
        row(NEW_ORDER_REJECTED, "NEW_ORDER_REJECTED", 400, "new order rejected", API_ERROR);
        row(CANCEL_REJECTED, "CANCEL_REJECTED", 400, "cancel rejected", API_ERROR);
        row(NO_SUCH_ORDER, "NO_SUCH_ORDER", 400, "order does not exist", API_ERROR);
        row(BAD_API_KEY_FMT, "BAD_API_KEY_FMT", 401, "API-key format invalid", AUTH_REJECTED);
        row(REJECTED_MBX_KEY, "REJECTED_MBX_KEY", 401, "invalid API-key, IP, or permissions for action", AUTH_REJECTED);
        row(-2026, "ORDER_ARCHIVED", 400, "order was canceled or expired with no executed quantity over 90 days ago", API_ERROR);
    }

    private BinanceErrors() {
    }

    private static void row(int code, String name, int http, String meaning, Outcome outcome) {
        TABLE.put(code, new VenueError(code, name, http, meaning, outcome));
    }

    /** A code's row. */
    public static Optional<VenueError> lookup(int code) {
        return Optional.ofNullable(TABLE.get(code));
    }

    /** A code's row by its name ({@code BAD_SYMBOL}). */
    public static Optional<VenueError> byName(String name) {
        return TABLE.values().stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The whole table in documentation order. */
    public static Collection<VenueError> table() {
        return Collections.unmodifiableCollection(TABLE.values());
    }
}
