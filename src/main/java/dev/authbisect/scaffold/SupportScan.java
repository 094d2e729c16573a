package dev.authbisect.scaffold;

import dev.authbisect.scaffold.ClientFinding.Language;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the module imports from the repository outside its own paths (a helper package beside it, a
 * shared file): {@code init} writes these as {@code target.module.support}, materialized beside the
 * module without being part of its version. Python: {@code import x} / {@code from x import …} of a
 * package or file under the import root; Node: relative {@code import}/{@code require} specifiers that
 * leave the module folder.
 */
final class SupportScan {
    private static final Pattern PY_IMPORT = Pattern.compile(
            "(?m)^[ \\t]*(?:from[ \\t]+([A-Za-z_][A-Za-z0-9_.]*)[ \\t]+import\\b|import[ \\t]+([A-Za-z_][A-Za-z0-9_.]*(?:[ \\t]*,[ \\t]*[A-Za-z_][A-Za-z0-9_.]*)*))");
    private static final Pattern JS_RELATIVE = Pattern.compile(
            "(?:\\bfrom|\\bimport|\\brequire[ \\t]*\\(|\\bimport[ \\t]*\\()[ \\t]*['\"](\\.{1,2}/[^'\"\\n]+)['\"]");
    private static final List<String> JS_EXTENSIONS = List.of("", ".js", ".mjs", ".cjs", ".json", "/index.js", "/index.mjs");

    private SupportScan() {
    }

    /** The repository paths the module's files import from outside the module, in the order first seen. */
    static List<String> of(ClientFinding c, RepoFiles files) {
        Set<String> out = new LinkedHashSet<>();
        for (var e : files.sources().entrySet()) {
            if (!PythonScan.inModule(e.getKey(), c.modulePath())) {
                continue;
            }
            if (c.language() == Language.PYTHON && e.getKey().endsWith(".py")) {
                python(PythonScan.withoutCommentsAndDocstrings(e.getValue()), c, files).forEach(out::add);
            } else if (c.language() == Language.NODE && !e.getKey().endsWith(".py")) {
                node(e.getKey(), e.getValue(), c, files).forEach(out::add);
            }
        }
        return List.copyOf(out);
    }

    private static List<String> python(String code, ClientFinding c, RepoFiles files) {
        List<String> out = new ArrayList<>();
        String base = c.importRoot().isEmpty() ? "" : c.importRoot() + "/";
        Matcher m = PY_IMPORT.matcher(code);
        while (m.find()) {
            String names = m.group(1) != null ? m.group(1) : m.group(2);
            for (String name : names.split(",")) {
                String top = name.strip().split("\\.")[0];
                Optional<String> path = files.paths().stream().anyMatch(p -> p.startsWith(base + top + "/"))
                        ? Optional.of(base + top + "/")
                        : files.exists(base + top + ".py") ? Optional.of(base + top + ".py") : Optional.empty();
                path.filter(p -> outside(p, c.modulePath())).ifPresent(out::add);
            }
        }
        return out;
    }

    private static List<String> node(String file, String code, ClientFinding c, RepoFiles files) {
        List<String> out = new ArrayList<>();
        Matcher m = JS_RELATIVE.matcher(code);
        while (m.find()) {
            Optional<String> resolved = normalize(SourceText.parent(file), m.group(1));
            if (resolved.isEmpty()) {
                continue;
            }
            for (String ext : JS_EXTENSIONS) {
                String candidate = resolved.get() + ext;
                if (files.exists(candidate)) {
                    if (outside(candidate, c.modulePath())) {
                        String folder = SourceText.parent(candidate);
                        // the file's folder, unless that folder holds the module (then the file alone)
                        out.add(folder.isEmpty() || c.modulePath().startsWith(folder + "/") ? candidate : folder + "/");
                    }
                    break;
                }
            }
        }
        return out;
    }

    /** {@code relative} read from the folder {@code dir}; empty when it leaves the repository. */
    private static Optional<String> normalize(String dir, String relative) {
        List<String> parts = new ArrayList<>(dir.isEmpty() ? List.of() : List.of(dir.split("/")));
        for (String seg : relative.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(seg);
            }
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("/", parts));
    }

    private static boolean outside(String path, String modulePath) {
        String p = path.endsWith("/") ? path : path + "/";
        return !PythonScan.inModule(path, modulePath) && !p.equals(modulePath) && !modulePath.startsWith(p);
    }
}
