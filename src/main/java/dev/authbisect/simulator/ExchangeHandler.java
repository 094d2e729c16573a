package dev.authbisect.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The simulator's HTTP side: routes a request through the dialect, draws the scenario's faults
 * (latency, 5xx, reset, timeout), reads the body and the egress IP, and sends what the
 * {@link Exchange} answers, with the reason in {@link SimulatorServer#REASON_HEADER}.
 */
final class ExchangeHandler implements HttpHandler {
    private final Exchange<?> exchange;
    private final FaultInjector faults;
    private final byte[] trustToken;
    private final CountDownLatch closing;

    ExchangeHandler(Exchange<?> exchange, Scenario scenario, String trustToken, CountDownLatch closing) {
        this.exchange = exchange;
        this.faults = new FaultInjector(scenario.faults());
        this.trustToken = trustToken.getBytes(StandardCharsets.UTF_8);
        this.closing = closing;
    }

    @Override
    public void handle(HttpExchange http) throws IOException {
        try {
            serve(http);
        } catch (IOException e) {
            // the client went away; nothing to answer
        } catch (RuntimeException e) {
            // a bug must not look like an exchange answer: 500 without an envelope, reason in the header
            try {
                sendText(http, 500, "text/plain", "internal simulator error", "simulator bug: " + e.getClass().getSimpleName());
            } catch (IOException ignored) {
                // the client went away
            }
        } finally {
            http.close();
        }
    }

    private void serve(HttpExchange http) throws IOException {
        String path = http.getRequestURI().getRawPath();
        Optional<Route> route = exchange.route(http.getRequestMethod(), path);
        if (route.isEmpty()) {
            drain(http.getRequestBody());
            sendText(http, 404, "text/plain", "Not Found", "no such path " + printable(path)
                    + "; expected " + String.join(" or ", exchange.dialect().basePaths().stream().map(p -> p + "/{method}").toList()));
            return;
        }
        Optional<Fault> fault = faults.draw(route.get().method());
        if (fault.isPresent() && !applyFault(http, fault.get())) {
            return;
        }
        String egressIp = egressIp(http);
        byte[] raw = http.getRequestBody().readNBytes(Exchange.MAX_BODY_BYTES + 1);
        boolean tooLarge = raw.length > Exchange.MAX_BODY_BYTES;
        HttpCall call = new HttpCall(http.getRequestMethod(), path, http.getRequestURI().getRawQuery(),
                http.getRequestHeaders(), tooLarge ? new byte[0] : raw);
        Exchange.Answer answer = exchange.answer(route.get(), call, tooLarge, egressIp);
        Reply reply = answer.reply();
        for (Map.Entry<String, String> h : reply.headers().entrySet()) {
            http.getResponseHeaders().set(h.getKey(), h.getValue());
        }
        http.getResponseHeaders().set("Content-Type", reply.contentType());
        http.getResponseHeaders().set(SimulatorServer.REASON_HEADER, headerValue(answer.reason()));
        http.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(reply.body());
        }
    }

    /** True when the request goes on to be answered normally. */
    private boolean applyFault(HttpExchange http, Fault fault) throws IOException {
        switch (fault.kind()) {
            case LATENCY -> {
                await(fault.delay().toMillis());
                return true;
            }
            case HTTP_ERROR -> {
                drain(http.getRequestBody());
                String title = fault.httpStatus() + " " + statusText(fault.httpStatus());
                sendText(http, fault.httpStatus(), "text/html",
                        "<html><head><title>" + title + "</title></head><body><center><h1>" + title
                                + "</h1></center></body></html>\n",
                        "fault: http_" + fault.httpStatus() + " (rate " + fault.rate() + ", seed " + fault.seed() + ")");
                return false;
            }
            case TIMEOUT -> {
                await(fault.delay().toMillis());
                return false; // closing the exchange without a response closes the connection
            }
            default -> {
                return false; // RESET: close the connection without an answer
            }
        }
    }

    private void await(long millis) {
        try {
            closing.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String egressIp(HttpExchange http) {
        String token = http.getRequestHeaders().getFirst(SimulatorServer.RELAY_TOKEN_HEADER);
        String claimed = http.getRequestHeaders().getFirst(SimulatorServer.EGRESS_IP_HEADER);
        if (token != null && claimed != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), trustToken)
                && IpRange.literal(claimed.trim()).isPresent()) {
            return claimed.trim();
        }
        return http.getRemoteAddress().getAddress().getHostAddress();
    }

    private static void drain(InputStream in) throws IOException {
        in.readNBytes(Exchange.MAX_BODY_BYTES);
    }

    private static void sendText(HttpExchange http, int status, String type, String text, String reason) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        http.getResponseHeaders().set(SimulatorServer.REASON_HEADER, headerValue(reason));
        http.sendResponseHeaders(status, body.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(body);
        }
    }

    /** A path or name as messages show it: printable ASCII, at most 60 characters. */
    static String printable(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }

    /** Header values stay printable ASCII (clients reject others): '…' becomes '.', any other code point outside it '?'. */
    static String headerValue(String s) {
        StringBuilder clean = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            clean.append(cp == '…' ? '.' : cp >= 0x20 && cp <= 0x7e ? (char) cp : '?');
        }
        return clean.length() > 400 ? clean.substring(0, 400) + "..." : clean.toString();
    }

    private static String statusText(int status) {
        return switch (status) {
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Temporarily Unavailable";
            case 504 -> "Gateway Time-out";
            default -> "Server Error";
        };
    }
}
