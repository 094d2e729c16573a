package dev.authbisect.bisect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Numbers module versions 1..n in the order they first appear along the range, oldest first. */
final class ModuleVersionOrdinals {
    private final Map<String, Integer> ordinals = new HashMap<>();

    ModuleVersionOrdinals(List<String> moduleVersionsOldestFirst) {
        moduleVersionsOldestFirst.forEach(this::ordinal);
    }

    int ordinal(String moduleVersion) {
        return ordinals.computeIfAbsent(moduleVersion, mv -> ordinals.size() + 1);
    }

    int count() {
        return ordinals.size();
    }
}
