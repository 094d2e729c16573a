package dev.authbisect.cli;

import dev.authbisect.config.ConfigLoader;
import dev.authbisect.config.HarnessConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every command that reads a harness config shares: the config file and the cache folder. */
final class ConfigOptions {
    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The harness config (YAML, version 1).")
    Path config;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache of clones and builds (default: $AUTHBISECT_CACHE, else $XDG_CACHE_HOME/authbisect, else ~/.cache/authbisect).")
    Path cache;

    /**
     * Loads the config, resolving ${env:…} against this process's environment, and tells {@code root} the values
     * substituted into it, so that every later error is redacted with them.
     */
    HarnessConfig load(AuthBisect root) {
        HarnessConfig cfg = ConfigLoader.withEnvironment(System.getenv()).load(config);
        root.redactor(root.redactor().withSecrets(cfg.substituted().stream().map(dev.authbisect.core.Secret::reveal).toList()));
        return cfg;
    }
}
