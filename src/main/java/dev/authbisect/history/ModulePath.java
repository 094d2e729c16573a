package dev.authbisect.history;

import dev.authbisect.config.ModuleSpec;
import dev.authbisect.core.ExitException;
import java.util.List;
import java.util.TreeMap;

/**
 * One configured module path, normalized.
 *
 * @param path      repository-relative, no leading or trailing '/'; empty for the whole repository
 * @param directory the configuration ended it with '/'
 */
record ModulePath(String path, boolean directory) {
    /** The path as it enters the module version: directories keep their trailing '/'. */
    String key() {
        return directory && !path.isEmpty() ? path + "/" : path.isEmpty() ? "/" : path;
    }

    static List<ModulePath> of(ModuleSpec spec) {
        if (spec.paths().isEmpty()) {
            throw ExitException.usage("target.module.paths: expected at least one path (e.g. [backend/app/])");
        }
        TreeMap<String, ModulePath> sorted = new TreeMap<>();
        for (int i = 0; i < spec.paths().size(); i++) {
            ModulePath p = parse(spec.paths().get(i), "target.module.paths[" + i + "]");
            sorted.merge(p.key(), p, (a, b) -> a);
        }
        return List.copyOf(sorted.values());
    }

    static ModulePath parse(String given, String field) {
        if (given == null || given.isBlank()) {
            throw ExitException.usage(field + ": empty path (expected a repository-relative path such as backend/app/)");
        }
        String p = given.strip().replace('\\', '/');
        boolean directory = p.endsWith("/") || p.equals(".");
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals(".")) {
            p = "";
        }
        for (String segment : p.split("/", -1)) {
            if (!p.isEmpty() && (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equals(".git"))) {
                throw ExitException.usage(field + ": '" + given + "' is not a repository-relative path "
                        + "(expected e.g. backend/app/ or src/client.py, without '..')");
            }
        }
        return new ModulePath(p, directory || p.isEmpty());
    }
}
