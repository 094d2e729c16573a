package dev.authbisect.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an environment's credentials come from. Nothing is read until {@code CredentialResolver}
 * resolves it (only for the environments a run uses).
 */
public sealed interface CredentialSource {
    /**
     * Both values as config strings with references: {@code ${env:NAME}}, {@code ${file:PATH}}
     * (a literal value is refused outside simulator scenarios).
     *
     * @param location "file:line:column" of the credentials in the config, for errors
     */
    record References(String apiKey, String apiSecret, String location) implements CredentialSource {
        public References {
            Objects.requireNonNull(apiKey, "apiKey");
            Objects.requireNonNull(apiSecret, "apiSecret");
        }
    }

    /**
     * A dotenv file and the names of the two variables in it.
     *
     * @param location "file:line:column" of the credentials in the config, for errors
     */
    record Dotenv(Path file, String apiKeyVar, String apiSecretVar, String location) implements CredentialSource {
        public Dotenv {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(apiKeyVar, "apiKeyVar");
            Objects.requireNonNull(apiSecretVar, "apiSecretVar");
        }
    }

    /**
     * A key of the environment's simulator scenario, by its label ({@code scenario_key: "test key"}):
     * the scenario's demo key and secret, nothing to export. Valid only for {@code sim:} upstreams.
     *
     * @param location "file:line:column" of the label in the config, for errors
     */
    record ScenarioKey(String label, String location) implements CredentialSource {
        public ScenarioKey {
            Objects.requireNonNull(label, "label");
        }
    }
}
