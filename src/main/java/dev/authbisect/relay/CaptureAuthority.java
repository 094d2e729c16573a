package dev.authbisect.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The run's own certificate authority for HTTPS capture: made when the relay starts, its private
 * key only ever in this object's memory (certificates issued by {@link X509Issuer}, held and served
 * by okhttp-tls {@code HeldCertificate}/{@code HandshakeCertificates}). It issues, on the fly and once per host, a leaf
 * certificate naming a captured host, and writes its own certificate (public, nothing secret) to a
 * bundle file the probe is pointed at ({@code SSL_CERT_FILE} …). {@link #close()} deletes the file.
 */
final class CaptureAuthority implements AutoCloseable {
    private static final long HOUR_MS = TimeUnit.HOURS.toMillis(1);
    private static final long VALIDITY_MS = TimeUnit.DAYS.toMillis(7);

    private final X509Issuer issuer;
    private final HeldCertificate ca;
    private final Path bundle;
    private final Map<String, SSLSocketFactory> leaves = new ConcurrentHashMap<>();

    private CaptureAuthority(X509Issuer issuer, HeldCertificate ca, Path bundle) {
        this.issuer = issuer;
        this.ca = ca;
        this.bundle = bundle;
    }

    static CaptureAuthority create() {
        SecureRandom random = new SecureRandom();
        byte[] id = new byte[4];
        random.nextBytes(id);
        long now = System.currentTimeMillis();
        X509Issuer issuer = new X509Issuer();
        HeldCertificate ca = issuer.authority("authbisect per-run CA " + HexFormat.of().formatHex(id),
                Instant.ofEpochMilli(now - HOUR_MS), Instant.ofEpochMilli(now + VALIDITY_MS));
        try {
            Path bundle = Files.createTempFile("authbisect-ca-", ".pem");
            bundle.toFile().deleteOnExit();
            Files.writeString(bundle, ca.certificatePem(), StandardCharsets.US_ASCII);
            return new CaptureAuthority(issuer, ca, bundle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the relay's CA bundle: " + e.getMessage(), e);
        }
    }

    /** The CA certificate as a PEM file (for the probe's SSL_CERT_FILE, REQUESTS_CA_BUNDLE …). */
    Path bundle() {
        return bundle;
    }

    java.security.cert.X509Certificate certificate() {
        return ca.certificate();
    }

    /** A server socket factory presenting a certificate for {@code host}, issued by this CA (cached per host). */
    SSLSocketFactory serverFor(String host) {
        return leaves.computeIfAbsent(host, h -> {
            long now = System.currentTimeMillis();
            HeldCertificate leaf = issuer.leaf(h, ca, Instant.ofEpochMilli(now - HOUR_MS), Instant.ofEpochMilli(now + VALIDITY_MS));
            return new HandshakeCertificates.Builder().heldCertificate(leaf, ca.certificate()).build().sslSocketFactory();
        });
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(bundle);
        } catch (IOException e) {
            // deleteOnExit remains as the fallback
        }
    }
}
