package dev.authbisect.history;

import dev.authbisect.core.ExitException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code module.exclude} globs, with gitignore-like meaning: repository-relative,
 * {@code *} and {@code ?} stay within one path segment, {@code **} spans segments
 * ({@code **}{@code /} also matches no segment), {@code {a,b}} alternates, a pattern without
 * '/' matches a name at any depth, and a pattern that matches a directory excludes everything
 * under it ({@code **}{@code /tests/**} and {@code **}{@code /tests} mean the same).
 */
public final class ExcludeGlobs {
    private static final ExcludeGlobs NONE = new ExcludeGlobs(List.of(), List.of());

    private final List<String> globs;
    private final List<Pattern> patterns;

    private ExcludeGlobs(List<String> globs, List<Pattern> patterns) {
        this.globs = List.copyOf(globs);
        this.patterns = List.copyOf(patterns);
    }

    /**
     * @throws ExitException (usage) for a pattern that cannot be read
     */
    public static ExcludeGlobs of(List<String> globs) {
        if (globs.isEmpty()) {
            return NONE;
        }
        List<Pattern> patterns = new ArrayList<>();
        for (int i = 0; i < globs.size(); i++) {
            patterns.add(compile(globs.get(i), "target.module.exclude[" + i + "]"));
        }
        return new ExcludeGlobs(globs, patterns);
    }

    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    public List<String> globs() {
        return globs;
    }

    /** True when the file at {@code path} (repository-relative) is left out of the module. */
    public boolean excludes(String path) {
        if (patterns.isEmpty()) {
            return false;
        }
        for (String p = path; !p.isEmpty(); p = parent(p)) {
            for (Pattern pattern : patterns) {
                if (pattern.matcher(p).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@link #excludes} for a path whose parent directory is known not to be excluded: only the
     * path itself needs testing (what a walk down from an included directory asks).
     */
    boolean excludesChildOfIncluded(String path) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(path).matches()) {
                return true;
            }
        }
        return false;
    }

    /** True when every file under the directory {@code dir} is left out (the same test as {@link #excludes}). */
    public boolean excludesDirectory(String dir) {
        return excludes(dir);
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static Pattern compile(String glob, String field) {
        String g = glob.strip();
        if (g.startsWith("/")) {
            g = g.substring(1);
        } else if (!g.contains("/")) {
            g = "**/" + g;
        }
        while (g.endsWith("/")) {
            g = g.substring(0, g.length() - 1);
        }
        if (g.endsWith("/**")) {
            g = g.substring(0, g.length() - 3);
        }
        if (g.isEmpty() || g.equals("**")) {
            throw ExitException.usage(field + ": '" + glob + "' would exclude everything (expected a glob such as **/tests/** or **/*.md)");
        }
        StringBuilder re = new StringBuilder();
        boolean inBraces = false;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
                re.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int end = g.indexOf(']', i + 1);
                if (end < 0) {
                    throw ExitException.usage(field + ": '" + glob + "' has an unclosed '[' (expected a glob such as **/*.md)");
                }
                String set = g.substring(i + 1, end).replace("\\", "\\\\");
                re.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
                i = end;
            } else if (c == '{' && !inBraces) {
                inBraces = true;
                re.append("(?:");
            } else if (c == '}' && inBraces) {
                inBraces = false;
                re.append(')');
            } else if (c == ',' && inBraces) {
                re.append('|');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (inBraces) {
            throw ExitException.usage(field + ": '" + glob + "' has an unclosed '{' (expected a glob such as **/*.{md,txt})");
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        return "ExcludeGlobs" + globs;
    }
}
