package dev.authbisect.scaffold;

import java.util.Locale;
import java.util.Optional;

/** What a configuration value of the client is for: its API key, its secret, or the API's base URL. */
enum Role {
    KEY("{{credentials.api_key}}", "API key"),
    SECRET("{{credentials.api_secret}}", "API secret"),
    BASE_URL("{{relay.url}}", "base URL");

    /** The probe.env template that feeds this role. */
    final String template;
    /** Words for messages. */
    final String words;

    Role(String template, String words) {
        this.template = template;
        this.words = words;
    }

    /**
     * The role a variable or parameter name suggests: {@code *SECRET*} the secret, {@code *KEY*}
     * the key, {@code *URL*}, {@code *BASE*}, {@code *HOST*}, {@code *ENDPOINT*} the base URL.
     */
    static Optional<Role> of(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("secret") || n.contains("private_key") || n.contains("privatekey")) {
            return Optional.of(SECRET);
        }
        if (n.contains("key")) {
            return Optional.of(KEY);
        }
        if (n.contains("url") || n.contains("base") || n.contains("host") || n.contains("endpoint") || n.contains("api_root")) {
            return Optional.of(BASE_URL);
        }
        return Optional.empty();
    }
}
