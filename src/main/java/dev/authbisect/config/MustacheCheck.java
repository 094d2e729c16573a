package dev.authbisect.config;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@code probe.env} template at load time: only the variables the harness provides,
 * no sections or partials, so a typo fails before anything runs.
 */
public final class MustacheCheck {
    /** The variables a {@code probe.env} template may use. */
    public static final Set<String> VARIABLES = Set.of("module.dir", "relay.url", "control.url", "credentials.api_key",
            "credentials.api_secret", "env.name", "commit", "module_version", "calls");
    private static final Pattern TAG = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");

    private MustacheCheck() {
    }

    /** A problem description, or empty when the template is fine. */
    public static Optional<String> validate(String template) {
        Matcher m = TAG.matcher(template);
        while (m.find()) {
            String name = m.group(1);
            if (name.startsWith("&")) {
                name = name.substring(1).trim();
            }
            if (!VARIABLES.contains(name)) {
                return Optional.of("unknown template variable '{{" + m.group(1) + "}}' (expected one of: "
                        + String.join(", ", new java.util.TreeSet<>(VARIABLES)) + ")");
            }
        }
        int open = count(template, "{{");
        int close = count(template, "}}");
        if (open != close) {
            return Optional.of("unbalanced '{{' / '}}' in template '" + template + "'");
        }
        return Optional.empty();
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }
}
