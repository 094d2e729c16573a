package dev.authbisect.config;

import java.io.IOException;
import java.nio.file.Files;
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

    Substitution(Path configDir, Map<String, String> env) {
        this.configDir = configDir;
        this.env = env;
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
            return v;
        }
        Path file = expandHome(m.group(3).trim());
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new Unresolved("cannot read file " + file + " (" + e.getClass().getSimpleName() + ")");
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
