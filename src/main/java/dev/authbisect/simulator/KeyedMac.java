package dev.authbisect.simulator;

import dev.authbisect.core.Secret;
import dev.authbisect.venue.cryptocom.CanonicalParams;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one secret, keyed once: each use clones the keyed prototype, so a request
 * costs neither a provider lookup (which instantiates the MAC by reflection) nor the key
 * schedule. Gives exactly {@link CanonicalParams#hmacHex}; a secret the JCA refuses (empty) goes
 * through that method, failing the way it does. Thread-safe.
 */
final class KeyedMac {
    private final Secret secret;
    private final Mac prototype;

    KeyedMac(Secret secret) {
        this.secret = secret;
        this.prototype = keyed(secret);
    }

    private static Mac keyed(Secret secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.clone();
            return mac;
        } catch (java.security.GeneralSecurityException | CloneNotSupportedException | RuntimeException e) {
            return null;
        }
    }

    /** Lower-case hex HMAC-SHA256 of {@code payload}. */
    String hex(String payload) {
        if (prototype == null) {
            return CanonicalParams.hmacHex(secret.reveal(), payload);
        }
        try {
            Mac mac = (Mac) prototype.clone();
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (CloneNotSupportedException e) {
            return CanonicalParams.hmacHex(secret.reveal(), payload);
        }
    }
}
