package dev.authbisect.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends an HTTP request with OkHttp so that it reaches the server at most once (README "Live
 * upstreams and hard-coded URLs": never re-send). Used by the relay's forwarder and by the reference client.
 *
 * <ul>
 *   <li><b>The pool never hands out a connection the server has closed.</b> Before a pooled
 *       connection carries a request, a network interceptor looks for the server's FIN or reset
 *       (a 1 ms read, as OkHttp's own extensive health check does, but on every reuse after more
 *       than {@link #FRESH_NANOS} idle rather than after 10 s); a connection whose last answer was
 *       HTTP/1.0 without {@code keep-alive} is never reused. Such a connection is closed before a byte is written and the request
 *       goes out on a fresh one.</li>
 *   <li><b>Retries only for requests that provably did not leave</b>: that stale connection,
 *       or a refused connect (up to {@value #UNSENT_RETRIES} times, with a short pause). A failure
 *       once writing began (a timeout, a reset, a connection closed without an answer) is final,
 *       except that a caller may allow one more send for read-only methods.</li>
 * </ul>
 *
 * <p>OkHttp's own {@code retryOnConnectionFailure} is off (it re-sends requests that were
 * written) and connections are HTTP/1.1 only (the checks read the socket). One instance per
 * {@link OkHttpClient} family; thread-safe.
 */
public final class SendOnce {
    /** Attempts after a failure that provably sent nothing. */
    public static final int UNSENT_RETRIES = 3;

    /**
     * A connection answered less than this long ago is reused without the 1 ms read: a close that recent
     * cannot have been told apart from an open connection over a real network anyway (its FIN is still
     * on the way), and back-to-back calls do not pay a millisecond each.
     */
    static final long FRESH_NANOS = 1_000_000;

    private final Map<Connection, Long> lastAnswer = Collections.synchronizedMap(new WeakHashMap<>());
    private final Set<Connection> spent = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    /** Reads the answer while its connection is held; an IOException here means "sent, no (whole) answer". */
    @FunctionalInterface
    public interface Reader<T> {
        T read(Response response) throws IOException;
    }

    /** Called before every attempt that may write (e.g. a rate limiter). */
    @FunctionalInterface
    public interface Pacer {
        void beforeAttempt();
    }

    /**
     * Why a request got no answer.
     *
     * @param cause    the last attempt's failure
     * @param sent     whether the request may have reached the server (writing had begun)
     * @param attempts how many attempts were made
     */
    public record Failure(IOException cause, boolean sent, int attempts) {
    }

    /** What became of a request: the reader's value, or the failure. */
    public sealed interface Result<T> permits Answered, Failed {
    }

    public record Answered<T>(T value, int attempts) implements Result<T> {
    }

    public record Failed<T>(Failure failure) implements Result<T> {
    }

    /** {@code builder} with the guard installed, OkHttp's own retries off and HTTP/1.1 only. */
    public OkHttpClient.Builder install(OkHttpClient.Builder builder) {
        return builder.retryOnConnectionFailure(false)
                .protocols(List.of(Protocol.HTTP_1_1))
                .addNetworkInterceptor(this::guard);
    }

    /**
     * Sends {@code request} on {@code client} (built with {@link #install}) and reads the answer.
     *
     * @param mayResend whether the request may be sent once more after it may have reached the server
     *                  and got no answer other than by a timeout (the venue marks its method read-only)
     */
    public <T> Result<T> send(OkHttpClient client, Request request, boolean mayResend, Pacer pacer, Reader<T> reader) {
        int unsent = 0;
        int resent = 0;
        int attempts = 0;
        while (true) {
            attempts++;
            AttemptState state = new AttemptState();
            Request tagged = request.newBuilder().tag(AttemptState.class, state).build();
            pacer.beforeAttempt();
            try (Response response = client.newCall(tagged).execute()) {
                return new Answered<>(reader.read(response), attempts);
            } catch (IOException e) {
                boolean sent = state.writing && !(e instanceof StaleConnectionException);
                if (!sent && retryableUnsent(e) && unsent < UNSENT_RETRIES) {
                    unsent++;
                    if (e instanceof ConnectException) {
                        pause(100L * unsent);
                    }
                    continue;
                }
                if (sent && mayResend && resent < 1 && !isTimeout(e)) {
                    resent++;
                    continue;
                }
                return new Failed<>(new Failure(e, sent, attempts));
            }
        }
    }

    /** "sent, no answer after 10 s", "sent, the connection closed without an answer" … (for a failure that was sent). */
    public static String sentReason(IOException e, java.time.Duration readTimeout) {
        if (isTimeout(e)) {
            return "sent, no answer after " + seconds(readTimeout);
        }
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("reset")) {
            return "sent, the connection was reset before an answer";
        }
        if (m.contains("end of stream") || m.contains("closed") || m.contains("broken pipe") || e instanceof java.io.EOFException) {
            return "sent, the connection closed without an answer";
        }
        return "sent, no answer";
    }

    /** "10 s", "1.5 s", "800 ms". */
    static String seconds(java.time.Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    static boolean isTimeout(IOException e) {
        return e instanceof SocketTimeoutException || e instanceof java.io.InterruptedIOException
                && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("timeout");
    }

    private static boolean retryableUnsent(IOException e) {
        return e instanceof StaleConnectionException || e instanceof ConnectException;
    }

    private Response guard(Interceptor.Chain chain) throws IOException {
        Connection connection = chain.connection();
        if (connection != null) {
            Long last = lastAnswer.get(connection);
            boolean idle = last != null && System.nanoTime() - last >= FRESH_NANOS;
            if (spent.contains(connection) || idle && closedByPeer(connection.socket())) {
                closeQuietly(connection.socket());
                throw new StaleConnectionException("the upstream had closed the pooled connection to "
                        + connection.route().address().url().host() + "; nothing was written on it");
            }
        }
        AttemptState state = chain.request().tag(AttemptState.class);
        if (state != null) {
            state.writing = true;
        }
        Response response = chain.proceed(chain.request());
        if (connection != null) {
            lastAnswer.put(connection, System.nanoTime());
        }
        if (connection != null && response.protocol() == Protocol.HTTP_1_0
                && !"keep-alive".equalsIgnoreCase(response.header("Connection", ""))) {
            spent.add(connection); // an HTTP/1.0 server closes after this answer
        }
        return response;
    }

    /** True when the server has closed (FIN or reset) or sent something unasked: the connection cannot carry a request. */
    static boolean closedByPeer(Socket socket) {
        if (socket.isClosed() || socket.isInputShutdown() || socket.isOutputShutdown()) {
            return true;
        }
        int before;
        try {
            before = socket.getSoTimeout();
        } catch (IOException e) {
            return true;
        }
        try {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            in.read(); // -1: the server closed; a byte: it sent something nobody asked for
            return true;
        } catch (SocketTimeoutException e) {
            return false; // nothing to read within 1 ms: still open
        } catch (IOException e) {
            return true;
        } finally {
            try {
                socket.setSoTimeout(before);
            } catch (IOException ignored) {
                // closed meanwhile: the request will fail before it is written
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether this attempt began writing (set by the network interceptor, read by the sending thread). */
    private static final class AttemptState {
        volatile boolean writing;
    }

    /** A pooled connection the server had closed: it was closed before anything was written on it. */
    public static final class StaleConnectionException extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnectionException(String message) {
            super(message);
        }
    }
}
