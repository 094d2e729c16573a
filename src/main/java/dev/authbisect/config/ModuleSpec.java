package dev.authbisect.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The module under test.
 *
 * @param paths   repository-relative paths (directories end with '/', files don't); their object ids define the module version
 * @param exclude glob patterns (repository-relative, {@code **} allowed) of files left out of the module
 * @param support repository-relative paths materialized beside the module (shared helpers, requirements files) but
 *                not part of its identity: a commit that changes only these makes no new module version
 */
public record ModuleSpec(List<String> paths, List<String> exclude, List<String> support) {
    public ModuleSpec {
        paths = List.copyOf(paths);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        support = support == null ? List.of() : List.copyOf(support);
    }

    /** A module without support paths. */
    public ModuleSpec(List<String> paths, List<String> exclude) {
        this(paths, exclude, List.of());
    }

    /** What is written into a module version's folder: the module paths, then the support paths. */
    public List<String> materialized() {
        List<String> all = new ArrayList<>(paths);
        support.stream().filter(s -> !all.contains(s)).forEach(all::add);
        return List.copyOf(all);
    }
}
