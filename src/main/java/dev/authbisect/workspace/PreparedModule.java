package dev.authbisect.workspace;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A module version ready to probe.
 *
 * @param dir     the materialized (and built) module: {@code AUTHBISECT_MODULE_DIR}
 * @param outcome how its build went
 */
public record PreparedModule(Path dir, BuildOutcome outcome) {
    public PreparedModule {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(outcome, "outcome");
    }
}
