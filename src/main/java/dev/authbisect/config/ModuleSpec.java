package dev.authbisect.config;

import java.util.List;

/**
 * The module under test.
 *
 * @param paths   repository-relative paths (directories end with '/', files don't); their object ids define the module version
 * @param exclude glob patterns (repository-relative, {@code **} allowed) of files left out of the module
 */
public record ModuleSpec(List<String> paths, List<String> exclude) {
    public ModuleSpec {
        paths = List.copyOf(paths);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }
}
