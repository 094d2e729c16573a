package dev.authbisect.core;

import java.util.Objects;

/**
 * A credential value that never prints itself. {@link #toString()} is a fixed placeholder;
 * the only way to the value is {@link #reveal()}, which callers use at the moment of signing.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    /** The clear value. Call it only where the value is used (signing, the probe's environment). */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && java.security.MessageDigest.isEqual(
                s.value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0; // constant on purpose: hash codes must not leak anything about the value
    }

    @Override
    public String toString() {
        return "***";
    }
}
