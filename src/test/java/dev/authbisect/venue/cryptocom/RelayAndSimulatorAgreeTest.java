package dev.authbisect.venue.cryptocom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.SignatureCheck;
import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.SimulatorServer;
import dev.authbisect.venue.RawRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The relay's check and the simulator's answer agree on every signed request of the vectors
 * ({@code src/test/resources/vectors}), as sent and with the signature in lower- and in
 * upper-case hex: VALID exactly when the simulator lets the request past its signature check,
 * INVALID exactly when it answers 40101 — with the relay's own words as its reason. Upper-case
 * hex is INVALID and 40101 (README, "Signature rendering").
 */
class RelayAndSimulatorAgreeTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final CryptoComVenue RELAY = new CryptoComVenue();

    @TempDir
    Path dir;

    /** A vector's request as sent, and with its sig in lower and in upper case. */
    record Variant(Vectors.Case vector, String hex, String body) {
        @Override
        public String toString() {
            return vector + " sig " + hex;
        }
    }

    static Stream<Vectors.Case> vectors() {
        return Vectors.all().stream();
    }

    private static List<Variant> variants(Vectors.Case c) {
        List<Variant> out = new ArrayList<>();
        out.add(new Variant(c, "as sent", c.body()));
        out.add(new Variant(c, "lower-case", c.body().replace(c.sig(), c.sig().toLowerCase(Locale.ROOT))));
        out.add(new Variant(c, "upper-case", c.body().replace(c.sig(), c.sig().toUpperCase(Locale.ROOT))));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theRelaysCheckAndTheSimulatorsAnswerAgree(Vectors.Case vector) throws Exception {
        long nonce = RELAY.requestTime(vector.request()).orElseThrow().epochMillis();
        try (SimulatorServer sim = SimulatorServer.start(world(vector, nonce), 0)) {
            for (Variant v : variants(vector)) {
                agree(sim, v);
            }
        }
    }

    private void agree(SimulatorServer sim, Variant v) throws Exception {
        RawRequest request = RawRequest.post("/" + v.vector().method(), v.body());
        SignatureCheck relay = RELAY.verify(request, v.vector().credentials());
        {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/" + v.vector().method()))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(v.body())).build(),
                    HttpResponse.BodyHandlers.ofString());
            String reason = answer.headers().firstValue(SimulatorServer.REASON_HEADER).orElse("");
            boolean simRejectsSignature = answer.body().contains("\"code\":40101");
            if (relay.status() == SignatureCheck.Status.VALID) {
                assertTrue(!simRejectsSignature, v + ": relay VALID, simulator: " + reason);
                assertNotEquals(401, answer.statusCode(), reason);
            } else {
                assertEquals(SignatureCheck.Status.INVALID, relay.status(), relay.summary());
                assertTrue(simRejectsSignature, v + ": relay INVALID (" + relay.summary() + "), simulator: " + reason);
                assertEquals("UNAUTHORIZED: " + relay.summary(), reason);
            }
        }
        if (v.hex().equals("upper-case") && !v.vector().sig().equals(v.vector().sig().toUpperCase(Locale.ROOT))) {
            assertEquals(SignatureCheck.Status.INVALID, relay.status(), "upper-case hex is not the documented form");
            boolean rightButUpper = RELAY.verify(RawRequest.post("/" + v.vector().method(), v.vector().body()),
                    v.vector().credentials()).status() == SignatureCheck.Status.VALID;
            assertTrue(!rightButUpper || relay.summary().contains("the signature is right but sent in upper-case hex"), relay.summary());
        }
    }

    private Scenario world(Vectors.Case c, long nonce) throws IOException {
        Path f = dir.resolve("vector.yaml");
        Files.writeString(f, "venue: crypto-com-exchange-v1\n"
                + "clock: {fixed: \"" + Instant.ofEpochMilli(nonce) + "\"}\n"
                + "keys:\n"
                + "  - {label: vector, api_key: " + c.apiKey() + ", secret: \"" + c.credentials().apiSecret().reveal()
                + "\", permissions: [read, trade]}\n");
        return Scenario.load(f);
    }
}
