package dev.authbisect.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one secret, keyed once: each use clones the keyed prototype, so a request
 * costs neither a provider lookup (which instantiates the MAC by reflection) nor the key
 * schedule. The one HMAC-SHA256 of the project: reference signers, verifiers and the simulator
 * all compute through it. An empty secret, which the JCA refuses as a key, is keyed as one zero
 * byte — the same HMAC (keys are zero-padded to the block size). Thread-safe.
 */
public final class KeyedMac {
    private final Mac prototype;
    private final boolean cloneable;

    private KeyedMac(Mac prototype, boolean cloneable) {
        this.prototype = prototype;
        this.cloneable = cloneable;
    }

    /** A MAC keyed with {@code secret}'s UTF-8 bytes. */
    public static KeyedMac of(Secret secret) {
        return of(secret.reveal());
    }

    /** A MAC keyed with {@code secret}'s UTF-8 bytes (for callers that hold the text already). */
    public static KeyedMac of(String secret) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(bytes.length == 0 ? new byte[1] : bytes, "HmacSHA256"));
            boolean cloneable;
            try {
                mac.clone();
                cloneable = true;
            } catch (CloneNotSupportedException e) {
                cloneable = false;
            }
            return new KeyedMac(mac, cloneable);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The HMAC-SHA256 of {@code payload}'s UTF-8 bytes. */
    public byte[] mac(String payload) {
        byte[] data = payload.getBytes(StandardCharsets.UTF_8);
        if (cloneable) {
            try {
                return ((Mac) prototype.clone()).doFinal(data);
            } catch (CloneNotSupportedException e) {
                // not reached: checked when keyed
            }
        }
        synchronized (prototype) {
            return prototype.doFinal(data);
        }
    }

    /** Lower-case hex HMAC-SHA256 of {@code payload}. */
    public String hex(String payload) {
        return HexFormat.of().formatHex(mac(payload));
    }

    @Override
    public String toString() {
        return "KeyedMac[HmacSHA256]";
    }
}
