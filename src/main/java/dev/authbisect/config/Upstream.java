package dev.authbisect.config;

import java.net.URI;
import java.util.Objects;

/** Where an environment's calls go: a live base URL or an embedded simulator scenario. */
public sealed interface Upstream {
    /** {@code live} or {@code sim}, as result.json names it. */
    String kind();

    /** As configured: the URL, or {@code sim:<scenario>}. */
    String describe();

    /** A live API base URL, e.g. {@code https://api.crypto.com/exchange/v1}. */
    record Live(URI url) implements Upstream {
        public Live {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String kind() {
            return "live";
        }

        @Override
        public String describe() {
            return url.toString();
        }
    }

    /** The embedded simulator running the named scenario (from the config's {@code simulators}). */
    record Sim(String scenario) implements Upstream {
        public Sim {
            Objects.requireNonNull(scenario, "scenario");
        }

        @Override
        public String kind() {
            return "sim";
        }

        @Override
        public String describe() {
            return "sim:" + scenario;
        }
    }
}
