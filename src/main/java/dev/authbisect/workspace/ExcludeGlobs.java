package dev.authbisect.workspace;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code module.exclude} patterns: repository-relative globs where {@code *} and {@code ?}
 * stay inside one path segment, {@code **} spans segments ({@code **}{@code /} also matches no
 * folder, so {@code **}{@code /*.md} matches {@code README.md}), and a pattern without a slash
 * matches a name at any depth ({@code *.pyc}). A file is excluded when a pattern matches its
 * path or one of its folders ({@code backend/app/tests} excludes everything below).
 */
final class ExcludeGlobs {
    private final List<Pattern> patterns;

    private ExcludeGlobs(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    static ExcludeGlobs of(List<String> globs) {
        return new ExcludeGlobs(globs.stream().map(ExcludeGlobs::compile).toList());
    }

    boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** True when {@code path} (slash-separated, repository-relative) or one of its folders matches. */
    boolean excludes(String path) {
        if (patterns.isEmpty()) {
            return false;
        }
        for (int end = path.indexOf('/'); ; end = path.indexOf('/', end + 1)) {
            String prefix = end < 0 ? path : path.substring(0, end);
            for (Pattern p : patterns) {
                if (p.matcher(prefix).matches()) {
                    return true;
                }
            }
            if (end < 0) {
                return false;
            }
        }
    }

    static Pattern compile(String glob) {
        String g = glob.strip();
        while (g.startsWith("/")) {
            g = g.substring(1);
        }
        while (g.endsWith("/") && g.length() > 1) {
            g = g.substring(0, g.length() - 1);
        }
        StringBuilder re = new StringBuilder();
        if (!g.contains("/")) {
            re.append("(?:.*/)?");
        }
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            if (g.startsWith("**/", i)) {
                re.append("(?:.*/)?");
                i += 2;
            } else if (g.startsWith("/**", i) && i + 3 == g.length()) {
                re.append("(?:/.*)?");
                i += 2;
            } else if (g.startsWith("**", i)) {
                re.append(".*");
                i += 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
