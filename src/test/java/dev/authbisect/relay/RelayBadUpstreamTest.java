package dev.authbisect.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.Outcome;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.Venue;
import dev.authbisect.venue.Venues;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Upstreams that cannot be reached: a TLS certificate that is self-signed or expired, a name that
 * does not resolve, a proxy that refuses. Each is a TRANSPORT_ERROR that says why, never an auth
 * class, and none of them sent anything (the trial may run again).
 */
class RelayBadUpstreamTest {
    static final Credentials CREDS = Credentials.of("raHZAk1MDkAWviDpcBxAWU", "demo-secret-aws-key-3-1");
    static final Venue VENUE = Venues.require("crypto-com-exchange-v1");
    static final OkHttpClient CODE = new OkHttpClient.Builder().proxy(java.net.Proxy.NO_PROXY).build();
    static Relay relay;

    @BeforeAll
    static void start() {
        relay = Relay.start(VENUE);
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    private static RecordedExchange forwardOnce(URI upstream, Optional<URI> proxy, boolean[] reached) throws IOException {
        TrialSession s = relay.open(new TrialTarget("t", "bad", CREDS, upstream, Map.of(), proxy, Duration.ofSeconds(2),
                Duration.ofSeconds(2), false));
        s.announce("get_open_orders");
        RawRequest signed = VENUE.sign(CallSpec.of("x", "private/get-open-orders"), CREDS, 1766131200000L);
        try (Response r = CODE.newCall(new Request.Builder().url(s.relayUrl() + signed.path())
                .post(RequestBody.create(signed.body(), MediaType.parse("application/json"))).build()).execute()) {
            assertEquals(502, r.code(), "the code gets a 502 from the relay");
        }
        TrialRecord rec = s.finish();
        reached[0] = rec.upstreamReached();
        RecordedExchange e = rec.exchangesFor("get_open_orders").get(0);
        assertEquals(Outcome.TRANSPORT_ERROR, e.classification().outcome(), e.transportError());
        return e;
    }

    /** An HTTPS server on 127.0.0.1 presenting {@code cert}; counts handshakes it was asked for. */
    private static final class TlsServer implements AutoCloseable {
        final SSLServerSocket server;
        final AtomicInteger connections = new AtomicInteger();

        TlsServer(HeldCertificate cert) throws IOException {
            HandshakeCertificates hc = new HandshakeCertificates.Builder().heldCertificate(cert).build();
            server = (SSLServerSocket) hc.sslContext().getServerSocketFactory().createServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                        s.setSoTimeout(2_000);
                        s.getInputStream().read(); // the handshake fails on the client's side
                    } catch (IOException e) {
                        // expected
                    }
                }
            }, "tls-upstream");
            t.setDaemon(true);
            t.start();
        }

        URI base() {
            return URI.create("https://127.0.0.1:" + server.getLocalPort() + "/exchange/v1");
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    @Test
    void aSelfSignedUpstreamCertificateIsATlsTransportError() throws IOException {
        HeldCertificate selfSigned = new HeldCertificate.Builder().commonName("127.0.0.1").addSubjectAlternativeName("127.0.0.1").build();
        try (TlsServer up = new TlsServer(selfSigned)) {
            boolean[] reached = {true};
            RecordedExchange e = forwardOnce(up.base(), Optional.empty(), reached);
            assertTrue(e.transportError().startsWith("TLS failure with 127.0.0.1:" + up.server.getLocalPort()
                    + ": its certificate is not trusted"), e.transportError());
            assertFalse(reached[0], "a failed handshake sent nothing");
            assertEquals(1, up.connections.get(), "a certificate failure is not retried");
        }
    }

    @Test
    void anExpiredUpstreamCertificateIsATlsTransportError() throws IOException {
        long now = System.currentTimeMillis();
        HeldCertificate expired = new HeldCertificate.Builder().commonName("127.0.0.1").addSubjectAlternativeName("127.0.0.1")
                .validityInterval(now - TimeUnit.DAYS.toMillis(30), now - TimeUnit.DAYS.toMillis(1)).build();
        try (TlsServer up = new TlsServer(expired)) {
            boolean[] reached = {true};
            RecordedExchange e = forwardOnce(up.base(), Optional.empty(), reached);
            assertTrue(e.transportError().startsWith("TLS failure with 127.0.0.1:"), e.transportError());
            assertFalse(reached[0]);
        }
    }

    @Test
    void aNameThatDoesNotResolveIsADnsTransportError() throws IOException {
        boolean[] reached = {true};
        RecordedExchange e = forwardOnce(URI.create("https://api.exchange.invalid/exchange/v1"), Optional.empty(), reached);
        assertTrue(e.transportError().startsWith("cannot resolve api.exchange.invalid (DNS)"), e.transportError());
        assertFalse(reached[0]);
    }

    @Test
    void aProxyThatRefusesConnectionsIsATransportErrorNamingTheProxy() throws IOException {
        int closedPort;
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = ss.getLocalPort();
        }
        boolean[] reached = {true};
        RecordedExchange e = forwardOnce(URI.create("https://api.exchange.invalid/exchange/v1"),
                Optional.of(URI.create("http://127.0.0.1:" + closedPort)), reached);
        assertTrue(e.transportError().startsWith("connection refused by the proxy 127.0.0.1:" + closedPort
                + " (on the way to api.exchange.invalid)"), e.transportError());
        assertFalse(reached[0]);
    }

    @Test
    void aProxyThatRefusesTheTunnelWith403IsATransportErrorNotAnAuthRejection() throws IOException {
        try (ServerSocket proxy = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!proxy.isClosed()) {
                    try (Socket s = proxy.accept()) {
                        s.setSoTimeout(2_000);
                        byte[] buf = new byte[4096];
                        s.getInputStream().read(buf);
                        OutputStream out = s.getOutputStream();
                        out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "refusing-proxy");
            t.setDaemon(true);
            t.start();
            boolean[] reached = {true};
            RecordedExchange e = forwardOnce(URI.create("https://api.exchange.invalid/exchange/v1"),
                    Optional.of(URI.create("http://127.0.0.1:" + proxy.getLocalPort())), reached);
            assertTrue(e.transportError().startsWith("the proxy 127.0.0.1:" + proxy.getLocalPort()
                    + " refused the tunnel to api.exchange.invalid (HTTP 403)"), e.transportError());
            assertFalse(reached[0]);
        }
    }
}
