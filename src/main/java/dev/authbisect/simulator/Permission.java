package dev.authbisect.simulator;

import java.util.Locale;
import java.util.Optional;

/** What an API key may do: read (balances, orders) or trade (create and cancel orders). */
public enum Permission {
    READ, TRADE;

    /** The scenario spelling ({@code read}, {@code trade}). */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Permission> parse(String text) {
        for (Permission p : values()) {
            if (p.yamlName().equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
