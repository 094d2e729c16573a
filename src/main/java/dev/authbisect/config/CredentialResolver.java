package dev.authbisect.config;

import dev.authbisect.core.Credentials;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Secret;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves an environment's {@link CredentialSource} into {@link Credentials}, only for the
 * environments a run uses. Errors name the config location and the variable, never a value.
 */
public final class CredentialResolver {
    private final Map<String, String> env;
    private final ScenarioKeys scenarioKeys;

    /**
     * Reads the keys of a simulator scenario file. Config reads no scenario itself (the simulator
     * does): whoever resolves {@code scenario_key} credentials passes the reader in.
     */
    @FunctionalInterface
    public interface ScenarioKeys {
        /** label → credentials of every key of the scenario in {@code file}, in the file's order. */
        Map<String, Credentials> read(Path file, Map<String, String> env);
    }

    /**
     * @param env          the variables {@code ${env:…}} references resolve against
     * @param scenarioKeys reads the keys of a simulator scenario ({@code scenario_key} credentials)
     */
    public CredentialResolver(Map<String, String> env, ScenarioKeys scenarioKeys) {
        this.env = Map.copyOf(env);
        this.scenarioKeys = java.util.Objects.requireNonNull(scenarioKeys, "scenarioKeys");
    }

    public Credentials resolve(HarnessConfig config, EnvironmentSpec environment) {
        Substitution subst = new Substitution(config.configDir(), env);
        CredentialSource source = environment.credentials();
        String field = "environments[" + config.environments().indexOf(environment) + "].credentials";
        String prefix = "config " + locationOf(source) + ": " + field;
        if (source instanceof CredentialSource.References r) {
            return new Credentials(Secret.of(ref(subst, r.apiKey(), prefix + ".api_key")),
                    Secret.of(ref(subst, r.apiSecret(), prefix + ".api_secret")));
        }
        if (source instanceof CredentialSource.ScenarioKey k) {
            return fromScenario(config, environment, k, "config " + k.location() + ": " + field + ".scenario_key");
        }
        CredentialSource.Dotenv d = (CredentialSource.Dotenv) source;
        Map<String, String> vars = readDotenv(d.file(), prefix + ".dotenv");
        return new Credentials(Secret.of(var(vars, d.apiKeyVar(), d.file(), prefix + ".api_key")),
                Secret.of(var(vars, d.apiSecretVar(), d.file(), prefix + ".api_secret")));
    }

    /**
     * The values of every {@code ${env:NAME}} credential reference of every environment that is set,
     * selected for this run or not: they are in this process's environment, where a probe may find them,
     * so the redactor must know them too. Files are not read here (they never enter the environment).
     */
    public List<String> environmentValues(HarnessConfig config) {
        List<String> out = new java.util.ArrayList<>();
        for (EnvironmentSpec e : config.environments()) {
            if (e.credentials() instanceof CredentialSource.References r) {
                for (String ref : List.of(r.apiKey(), r.apiSecret())) {
                    java.util.regex.Matcher m = Substitution.REF.matcher(ref.trim());
                    if (m.matches() && m.group(2) != null && env.get(m.group(2)) != null && !env.get(m.group(2)).isBlank()) {
                        out.add(env.get(m.group(2)).strip());
                    }
                }
            }
        }
        return out;
    }

    private static String locationOf(CredentialSource s) {
        if (s instanceof CredentialSource.ScenarioKey k) {
            return k.location();
        }
        return s instanceof CredentialSource.References r ? r.location() : ((CredentialSource.Dotenv) s).location();
    }

    /** The key labelled {@code k.label()} in the scenario of the environment's {@code sim:} upstream. */
    private Credentials fromScenario(HarnessConfig config, EnvironmentSpec environment, CredentialSource.ScenarioKey k,
                                     String where) {
        if (!(environment.upstream() instanceof Upstream.Sim sim)) {
            throw ExitException.usage(where + ": scenario_key applies to simulator upstreams only (sim:<scenario>)");
        }
        Path file = config.simulators().get(sim.scenario());
        Map<String, Credentials> keys = scenarioKeys.read(file, env);
        Credentials found = keys.get(k.label());
        if (found == null) {
            List<String> labels = List.copyOf(keys.keySet());
            throw ExitException.usage(where + ": no key labelled '" + k.label() + "' in scenario " + file
                    + " (labels: " + String.join(", ", labels.stream().map(label -> "'" + label + "'").toList()) + ")"
                    + dev.authbisect.core.DidYouMean.hint(k.label(), labels));
        }
        return found;
    }

    private static String ref(Substitution subst, String reference, String where) {
        try {
            String v = subst.apply(reference);
            if (v.isBlank()) {
                throw ExitException.usage(where + ": " + reference + " is empty (expected a credential)");
            }
            return v.strip();
        } catch (Substitution.Unresolved e) {
            throw ExitException.usage(where + ": " + e.getMessage() + " (expected " + reference + " to hold the credential)");
        }
    }

    private static String var(Map<String, String> vars, String name, Path file, String where) {
        String v = vars.get(name);
        if (v == null || v.isBlank()) {
            throw ExitException.usage(where + ": variable " + name + " is " + (v == null ? "not set" : "empty") + " in " + file
                    + " (expected a line " + name + "=…)");
        }
        return v.strip();
    }

    /** Reads KEY=VALUE lines: comments, blank lines, {@code export }, single/double quotes. */
    static Map<String, String> readDotenv(Path file, String where) {
        List<String> lines;
        try {
            lines = new String(FileLimits.read(file, FileLimits.CREDENTIAL_FILE), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        } catch (FileLimits.Refused e) {
            String why = e.getMessage().startsWith("cannot") || e.getMessage().startsWith("not found") ? e.getMessage()
                    : e.getMessage() + " (expected KEY=VALUE lines)";
            throw ExitException.usage(where + ": dotenv file " + file + " " + why);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("export ")) {
                l = l.substring(7).strip();
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = l.substring(0, eq).strip();
            String value = l.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            } else {
                int hash = value.indexOf(" #");
                if (hash >= 0) {
                    value = value.substring(0, hash).strip();
                }
            }
            out.put(key, value);
        }
        return out;
    }
}
