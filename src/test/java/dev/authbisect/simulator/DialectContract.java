package dev.authbisect.simulator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.venue.Classification;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.Venue;
import dev.authbisect.venue.Venues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every simulator {@link Dialect} must do, checked through a real {@link SimulatorServer}
 * on 127.0.0.1 and the venue's own reference signer, verifier and answer classifier: the
 * simulator and the relay judge every request alike. A new venue's test extends this class and
 * names its venue and two calls (see {@code CryptoComDialectContractTest}):
 *
 * <pre>{@code
 * class BinanceDialectContractTest extends DialectContract {
 *     protected Venue venue() { return Venues.require("binance-spot"); }
 *     protected CallSpec readCall() { return CallSpec.of("account", "GET /api/v3/account"); }
 *     protected CallSpec tradeCall() { return new CallSpec("order", "POST /api/v3/order", params); }
 * }
 * }</pre>
 */
public abstract class DialectContract {
    /** The scenario clock of every world here. */
    protected static final Instant CLOCK = Instant.parse("2025-12-19T08:00:00Z");
    private static final String READER = "ContractReaderKey0001";
    private static final String TRADER = "ContractTraderKey0001";
    private static final String FENCED = "ContractFencedKey0001";
    private static final String READER_SECRET = "contract-reader-secret";
    private static final String TRADER_SECRET = "contract-trader-secret";
    private static final String FENCED_SECRET = "contract-fenced-secret";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The venue whose dialect is under test (registered in {@code Venues}). */
    protected abstract Venue venue();

    /** A private call that needs the read permission, as the reference signer sends it. */
    protected abstract CallSpec readCall();

    /** A private call that needs the trade permission and succeeds on a fresh account. */
    protected abstract CallSpec tradeCall();

    /** Keys: a reader, a trader, a reader fenced to 203.0.113.7; a fixed clock; optional extra YAML. */
    protected String scenario(String extra) {
        return "venue: " + venue().id() + "\n"
                + "clock: {fixed: \"" + CLOCK + "\"}\n"
                + "keys:\n"
                + "  - {label: reader, api_key: " + READER + ", secret: " + READER_SECRET + ", permissions: [read]}\n"
                + "  - {label: trader, api_key: " + TRADER + ", secret: " + TRADER_SECRET + ", permissions: [read, trade]}\n"
                + "  - {label: fenced, api_key: " + FENCED + ", secret: " + FENCED_SECRET + ", permissions: [read],"
                + " ip_allowlist: [203.0.113.7]}\n"
                + extra;
    }

    /** One answer of the simulator, with the venue's classification of it. */
    protected record Answer(int status, String body, String reason, Classification classification) {
    }

    private SimulatorServer start(String extra) {
        return SimulatorServer.start(ScenarioLoader.parse(scenario(extra), "contract.yaml", name -> null), 0);
    }

    /** Sends what the venue's reference signer makes for {@code call}, as {@code apiKey}/{@code secret} at {@code millis}. */
    protected Answer send(SimulatorServer sim, CallSpec call, String apiKey, String secret, long millis) {
        return send(sim, venue().sign(call, Credentials.of(apiKey, secret), millis));
    }

    protected Answer send(SimulatorServer sim, RawRequest request) {
        String url = sim.apiUrl() + request.path() + (request.query().isEmpty() ? "" : "?" + request.query());
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(request.method(), request.body().length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> {
            if (!name.equals("content-length") && !name.equals("host")) {
                values.forEach(v -> b.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8),
                    r.headers().firstValue(SimulatorServer.REASON_HEADER).orElse(""),
                    venue().classify(r.statusCode(), r.headers().map(), r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertOutcome(Outcome expected, Answer a) {
        assertEquals(expected, a.classification().outcome(), () -> "HTTP " + a.status() + " " + a.reason() + "\n" + a.body());
    }

    @Test
    void theDialectIsRegisteredForItsVenueAndEachSimulatorGetsItsOwnInstance() {
        Optional<Dialect<?>> a = Dialects.create(venue().id());
        Optional<Dialect<?>> b = Dialects.create(venue().id());
        assertTrue(a.isPresent(), "no dialect in META-INF/services for " + venue().id());
        assertNotSame(a.get(), b.get());
        assertEquals(venue().id(), a.get().venue());
        assertTrue(Venues.byId(a.get().venue()).isPresent(), "the dialect's venue is registered in Venues");
        assertTrue(Dialects.venues().contains(venue().id()));
    }

    @Test
    void basePathsAndMethodsAreWellFormed() {
        Dialect<?> d = Dialects.create(venue().id()).orElseThrow();
        assertFalse(d.basePaths().isEmpty());
        for (String p : d.basePaths()) {
            assertTrue(p.startsWith("/") && !p.endsWith("/"), p);
        }
        assertFalse(d.methods().isEmpty());
        assertTrue(d.defaultWindow().toMillis() > 0);
        assertTrue(d.route("GET", "/authbisect-not-an-api-path").isEmpty());
    }

    @Test
    void theReferenceSignersRequestsAreAcceptedAndTheRelaysVerifierCallsThemValid() {
        try (SimulatorServer sim = start("")) {
            long now = CLOCK.toEpochMilli();
            RawRequest read = venue().sign(readCall(), Credentials.of(READER, READER_SECRET), now);
            assertEquals(SignatureCheck.Status.VALID, venue().verify(read, Credentials.of(READER, READER_SECRET)).status());
            assertOutcome(Outcome.OK, send(sim, read));
            assertOutcome(Outcome.OK, send(sim, tradeCall(), TRADER, TRADER_SECRET, now));
        }
    }

    @Test
    void eachCoreCheckIsAnAuthRejectionInTheVenuesOwnWords() {
        try (SimulatorServer sim = start("")) {
            long now = CLOCK.toEpochMilli();
            long window = Dialects.create(venue().id()).orElseThrow().defaultWindow().toMillis();
            Answer unknown = send(sim, readCall(), "ContractNoSuchKey0001", READER_SECRET, now);
            assertOutcome(Outcome.AUTH_REJECTED, unknown);
            Answer badSig = send(sim, readCall(), READER, "not-the-secret", now);
            assertOutcome(Outcome.AUTH_REJECTED, badSig);
            assertFalse(badSig.reason().contains(READER_SECRET) || badSig.body().contains(READER_SECRET), "never the secret");
            assertOutcome(Outcome.AUTH_REJECTED, send(sim, readCall(), READER, READER_SECRET, now - 10 * window));
            assertOutcome(Outcome.AUTH_REJECTED, send(sim, readCall(), FENCED, FENCED_SECRET, now));
            assertOutcome(Outcome.AUTH_REJECTED, send(sim, tradeCall(), READER, READER_SECRET, now));
        }
    }

    @Test
    void aBadSignatureIsWhatTheRelaysVerifierCallsInvalid() {
        try (SimulatorServer sim = start("")) {
            RawRequest wrong = venue().sign(readCall(), Credentials.of(READER, "not-the-secret"), CLOCK.toEpochMilli());
            SignatureCheck relay = venue().verify(wrong, Credentials.of(READER, READER_SECRET));
            assertEquals(SignatureCheck.Status.INVALID, relay.status());
            Answer sim1 = send(sim, wrong);
            assertOutcome(Outcome.AUTH_REJECTED, sim1);
            assertTrue(sim1.reason().endsWith(relay.summary()), "the simulator's reason is the relay's: " + sim1.reason());
        }
    }

    @Test
    void theRateLimitIsTheVenuesRateLimitAnswer() {
        try (SimulatorServer sim = start("rate_limit: {per_second: 1}\n")) {
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                outcomes.add(send(sim, readCall(), READER, READER_SECRET, CLOCK.toEpochMilli()).classification().outcome());
            }
            assertTrue(outcomes.contains(Outcome.RATE_LIMITED), outcomes.toString());
        }
    }

    @Test
    void aPathOutsideTheApiIsA404WithoutAnEnvelope() throws Exception {
        try (SimulatorServer sim = start("")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(sim.url("/authbisect-nowhere")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue(SimulatorServer.REASON_HEADER).orElse("").startsWith("no such path"));
        }
    }

    @Test
    void everyRejectionRendersWithoutThrowingEvenForGarbage() {
        Dialect<?> d = Dialects.create(venue().id()).orElseThrow();
        Route route = new Route("no/such-method", "?");
        HttpCall garbage = new HttpCall("POST", "/x", "", Map.of(), new byte[] {(byte) 0xff, '{'});
        int ipCode = d.ipViolationCodes().keySet().stream().findFirst().orElse(0);
        for (Rejection.Kind kind : Rejection.Kind.values()) {
            Rejection r = kind == Rejection.Kind.VENUE ? Rejection.venue("NO_SUCH_NAME", "x") : new Rejection(kind, "x");
            Reply reply = assertDoesNotThrow(() -> d.reject(route, garbage, r, ipCode), kind.name());
            assertTrue(reply.status() >= 400 || !reply.name().isEmpty(), kind + " is an error: " + reply);
        }
    }
}
