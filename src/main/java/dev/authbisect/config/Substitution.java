package dev.authbisect.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${configDir}}, {@code ${env:NAME}} and {@code ${file:PATH}} in config strings.
 * Lookups go through the given variables (not {@link System#getenv()} directly) so tests and
 * callers decide what the process environment is.
 */
final class Substitution {
    static final Pattern REF = Pattern.compile("\\$\\{(configDir|env:([A-Za-z_][A-Za-z0-9_]*)|file:([^}]+))}");
    private static final Pattern WHOLE = Pattern.compile("^" + REF.pattern() + "$");

    private final Path configDir;
    private final Map<String, String> env;
    /** Every value an {@code ${env:}} or {@code ${file:}} reference produced, for the redactor. */
    private final java.util.Set<String> resolved = new java.util.LinkedHashSet<>();

    Substitution(Path configDir, Map<String, String> env) {
        this.configDir = configDir;
        this.env = env;
    }

    /**
     * Every value {@link #apply} substituted from the environment or a file so far: they may be
     * secrets, so every message and output is redacted with them (error messages included).
     */
    java.util.List<String> resolvedValues() {
        return java.util.List.copyOf(resolved);
    }

    /** Thrown with a message that the caller prefixes with the location. */
    static final class Unresolved extends Exception {
        Unresolved(String message) {
            super(message);
        }
    }

    /** Substitutes every reference in {@code value}. */
    String apply(String value) throws Unresolved {
        Matcher m = REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(resolve(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** True when {@code value} is exactly one {@code ${env:…}} or {@code ${file:…}} reference. */
    static boolean isSecretReference(String value) {
        Matcher m = WHOLE.matcher(value.trim());
        return m.matches() && !"configDir".equals(m.group(1));
    }

    private String resolve(Matcher m) throws Unresolved {
        if ("configDir".equals(m.group(1))) {
            return configDir.toString();
        }
        if (m.group(2) != null) {
            String v = env.get(m.group(2));
            if (v == null) {
                throw new Unresolved("environment variable " + m.group(2) + " is not set");
            }
            remember(v);
            return v;
        }
        Path file = expandHome(m.group(3).trim());
        try {
            String v = new String(FileLimits.read(file, FileLimits.CREDENTIAL_FILE), StandardCharsets.UTF_8).strip();
            remember(v);
            return v;
        } catch (FileLimits.Refused e) {
            throw new Unresolved("file " + file + " " + e.getMessage()
                    + (e.getMessage().startsWith("is over") ? " (expected a file holding one value)" : ""));
        }
    }

    private void remember(String value) {
        if (!value.isBlank()) {
            resolved.add(value);
            resolved.add(value.strip());
        }
    }

    /** "~/x" → $HOME/x; relative paths resolve against the config's folder. */
    Path expandHome(String path) {
        String p = path;
        if (p.equals("~") || p.startsWith("~/")) {
            String home = Optional.ofNullable(env.get("HOME")).orElse(System.getProperty("user.home"));
            p = home + p.substring(1);
        }
        return configDir.resolve(p).normalize();
    }
}
