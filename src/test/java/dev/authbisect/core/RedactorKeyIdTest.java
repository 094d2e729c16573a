package dev.authbisect.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Key ids: the same on every machine for the same key and secret, and not checkable without the secret. */
class RedactorKeyIdTest {
    static final String KEY = "raHZAk1MDkAWviDpcBxAWU";
    static final String SECRET = "demo-secret-aws-key-3-1";

    @Test
    void anEnvironmentsKeyIdIsTheSameWhateverTheCachesHashKey() {
        Credentials c = Credentials.of(KEY, SECRET);
        Redactor machineA = Redactor.create("cache-a-0123456789".getBytes(StandardCharsets.UTF_8)).with(c);
        Redactor machineB = Redactor.create("cache-b-9876543210".getBytes(StandardCharsets.UTF_8)).with(c);
        assertEquals(machineA.keyId(KEY), machineB.keyId(KEY));
        assertEquals(Redactor.keyId(c), machineA.keyId(KEY));
        assertTrue(Redactor.keyId(c).matches("raHZAk…#[0-9a-f]{4}"), Redactor.keyId(c));
        assertEquals("key " + Redactor.keyId(c) + " secret ***", machineA.redact("key " + KEY + " secret " + SECRET));
    }

    @Test
    void theHashIsKeyedByTheSecretSoARotatedSecretShowsAsAnotherId() throws Exception {
        Credentials c = Credentials.of(KEY, SECRET);
        assertNotEquals(Redactor.keyId(c), Redactor.keyId(Credentials.of(KEY, SECRET + "-rotated")));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = java.util.HexFormat.of().formatHex(mac.doFinal(KEY.getBytes(StandardCharsets.UTF_8)), 0, 2);
        assertEquals("raHZAk…#" + expected, Redactor.keyId(c), "HMAC-SHA256(api_secret, api_key), first 4 hex digits");
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        String unkeyed = java.util.HexFormat.of().formatHex(sha.digest(KEY.getBytes(StandardCharsets.UTF_8)), 0, 2);
        assertFalse(Redactor.keyId(c).endsWith(unkeyed) && expected.equals(unkeyed), "not a plain hash of the key");
    }

    @Test
    void aKeyWithoutKnownSecretIsHashedWithTheCachesKey() {
        String stray = "z3HWF8m292LocalKey01";
        Redactor a = Redactor.create(new byte[] {1, 2, 3}).withKey(stray);
        Redactor b = Redactor.create(new byte[] {4, 5, 6}).withKey(stray);
        assertTrue(a.keyId(stray).startsWith("z3HWF8…#"));
        assertNotEquals(a.keyId(stray), b.keyId(stray));
        assertFalse(a.redact("sent " + stray).contains(stray));
    }
}
