package dev.authbisect.venue;

import dev.authbisect.core.Outcome;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** What became of one call the {@link ReferenceClient} sent: an HTTP answer, or none. */
public sealed interface ReferenceResult permits ReferenceResult.Answered, ReferenceResult.Failed {

    /** The request as sent (relative to the base URL, extra headers included). */
    RawRequest sent();

    /** Milliseconds from sending to the end of the answer (or to the failure). */
    long latencyMs();

    /** The cell's outcome class: the classification's, or TRANSPORT_ERROR when nothing was answered. */
    Outcome outcome();

    /**
     * An HTTP answer, whatever its status.
     *
     * @param headers response headers, names in lower case
     * @param body    the response body (kept up to {@link ReferenceClient#MAX_BODY_BYTES})
     */
    record Answered(RawRequest sent, int status, Map<String, List<String>> headers, byte[] body,
                    Classification classification, long latencyMs) implements ReferenceResult {
        public Answered {
            Objects.requireNonNull(sent, "sent");
            Objects.requireNonNull(classification, "classification");
            TreeMap<String, List<String>> h = new TreeMap<>();
            if (headers != null) {
                headers.forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
            }
            headers = java.util.Collections.unmodifiableMap(h);
            body = body == null ? new byte[0] : body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public Outcome outcome() {
            return classification.outcome();
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Answered a && sent.equals(a.sent) && status == a.status && headers.equals(a.headers)
                    && Arrays.equals(body, a.body) && classification.equals(a.classification) && latencyMs == a.latencyMs;
        }

        @Override
        public int hashCode() {
            return Objects.hash(sent, status, headers, Arrays.hashCode(body), classification, latencyMs);
        }

        @Override
        public String toString() {
            return "Answered[" + status + " " + classification.outcome()
                    + (classification.venueCode() == null ? "" : " " + classification.venueCode() + " " + classification.venueName())
                    + ", " + body.length + " bytes, " + latencyMs + " ms, " + sent + "]";
        }
    }

    /**
     * No HTTP answer: connection refused, DNS, TLS, timeout, reset.
     *
     * @param error one line saying what happened ({@code connection refused: …}, {@code read timeout after 200 ms})
     */
    record Failed(RawRequest sent, String error, long latencyMs) implements ReferenceResult {
        public Failed {
            Objects.requireNonNull(sent, "sent");
            error = error == null ? "" : error;
        }

        @Override
        public Outcome outcome() {
            return Outcome.TRANSPORT_ERROR;
        }
    }
}
