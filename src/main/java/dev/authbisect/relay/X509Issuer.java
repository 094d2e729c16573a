package dev.authbisect.relay;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import okhttp3.tls.HeldCertificate;

/**
 * Issues the certificates of HTTPS capture as {@link HeldCertificate}s (P-256 keys, ECDSA with
 * SHA-256), with the extensions strict verifiers require — Python 3.13+ verifies with
 * {@code VERIFY_X509_STRICT}, which wants a critical key usage on the CA and key identifiers on
 * both certificates. {@code HeldCertificate.Builder} writes only basic constraints and subject
 * alternative names, so the DER is written here (RFC 5280) and held by {@code HeldCertificate},
 * whose {@code HandshakeCertificates} then serve it.
 */
final class X509Issuer {
    private static final String EC_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String ORGANIZATION = "2.5.4.10";
    private static final String SUBJECT_KEY_ID = "2.5.29.14";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String AUTHORITY_KEY_ID = "2.5.29.35";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    private final SecureRandom random = new SecureRandom();

    /** A self-signed CA that may issue leaf certificates only (path length 0). */
    HeldCertificate authority(String commonName, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair();
        byte[] keyId = keyId(keys);
        byte[] name = name(commonName);
        byte[] extensions = seq(
                extension(BASIC_CONSTRAINTS, true, seq(bool(true), integer(BigInteger.ZERO))),
                extension(KEY_USAGE, true, bits(0x06, 1)), // keyCertSign, cRLSign
                extension(SUBJECT_KEY_ID, false, octets(keyId)),
                extension(AUTHORITY_KEY_ID, false, seq(tagged(0x80, keyId))));
        return sign(keys, name, name, keys, notBefore, notAfter, extensions);
    }

    /** A server certificate for {@code host}, signed by {@code issuer}. */
    HeldCertificate leaf(String host, HeldCertificate issuer, Instant notBefore, Instant notAfter) {
        KeyPair keys = keyPair();
        byte[] extensions = seq(
                extension(BASIC_CONSTRAINTS, true, seq()),
                extension(KEY_USAGE, true, bits(0x80, 7)), // digitalSignature
                extension(EXTENDED_KEY_USAGE, false, seq(oid(SERVER_AUTH))),
                extension(SUBJECT_ALT_NAME, false, seq(tagged(0x82, host.getBytes(StandardCharsets.US_ASCII)))),
                extension(SUBJECT_KEY_ID, false, octets(keyId(keys))),
                extension(AUTHORITY_KEY_ID, false, seq(tagged(0x80, keyId(issuer.keyPair())))));
        byte[] issuerName = issuer.certificate().getSubjectX500Principal().getEncoded();
        return sign(keys, name(host), issuerName, issuer.keyPair(), notBefore, notAfter, extensions);
    }

    private HeldCertificate sign(KeyPair subjectKeys, byte[] subject, byte[] issuer, KeyPair issuerKeys, Instant notBefore,
                                 Instant notAfter, byte[] extensions) {
        byte[] algorithm = seq(oid(EC_WITH_SHA256));
        byte[] tbs = seq(
                tagged(0xA0, integer(BigInteger.TWO)), // v3
                integer(new BigInteger(63, random).add(BigInteger.ONE)),
                algorithm,
                issuer,
                seq(time(notBefore), time(notAfter)),
                subject,
                subjectKeys.getPublic().getEncoded(), // SubjectPublicKeyInfo, DER already
                tagged(0xA3, extensions));
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(issuerKeys.getPrivate());
            signer.update(tbs);
            byte[] der = seq(tbs, algorithm, bits(signer.sign()));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return new HeldCertificate(subjectKeys, cert);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue a capture certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no P-256 key generator: " + e.getMessage(), e);
        }
    }

    /** A key identifier: SHA-1 of the encoded public key. */
    private static byte[] keyId(KeyPair keys) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(keys.getPublic().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] name(String commonName) {
        return seq(
                set(seq(oid(ORGANIZATION), utf8("authbisect"))),
                set(seq(oid(COMMON_NAME), utf8(commonName))));
    }

    private static byte[] extension(String id, boolean critical, byte[] value) {
        return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
    }

    // --- DER (X.690) ---

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            byte[] len = BigInteger.valueOf(n).toByteArray();
            int skip = len[0] == 0 ? 1 : 0;
            out.write(0x80 | (len.length - skip));
            out.write(len, skip, len.length - skip);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] tagged(int tag, byte[] value) {
        return tlv(tag, value);
    }

    private static byte[] integer(BigInteger v) {
        return tlv(0x02, v.toByteArray());
    }

    private static byte[] bool(boolean v) {
        return tlv(0x01, new byte[] {(byte) (v ? 0xFF : 0x00)});
    }

    private static byte[] octets(byte[] v) {
        return tlv(0x04, v);
    }

    private static byte[] utf8(String s) {
        return tlv(0x0C, s.getBytes(StandardCharsets.UTF_8));
    }

    /** A BIT STRING of whole bytes. */
    private static byte[] bits(byte[] v) {
        return tlv(0x03, concat(new byte[] {0}, v));
    }

    /** A one-byte named-bit BIT STRING with {@code unused} trailing bits. */
    private static byte[] bits(int oneByte, int unused) {
        return tlv(0x03, new byte[] {(byte) unused, (byte) oneByte});
    }

    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            byte[] tmp = new byte[10];
            int n = 0;
            do {
                tmp[n++] = (byte) (arc & 0x7F);
                arc >>>= 7;
            } while (arc > 0);
            for (int j = n - 1; j >= 0; j--) {
                out.write(tmp[j] | (j > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    /** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
    private static byte[] time(Instant at) {
        java.time.ZonedDateTime t = at.atZone(ZoneOffset.UTC).withNano(0);
        if (t.getYear() < 2050) {
            return tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(t).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(0x18, DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").format(t).getBytes(StandardCharsets.US_ASCII));
    }
}
