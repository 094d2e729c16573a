package dev.authbisect.run;

import dev.authbisect.config.CredentialResolver;
import dev.authbisect.config.EnvironmentSpec;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.config.Upstream;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Redactor;
import dev.authbisect.process.CommandCheck;
import dev.authbisect.simulator.Scenario;
import dev.authbisect.venue.Venue;
import dev.authbisect.venue.Venues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What every run and bisection checks and resolves before anything runs: the selected
 * environments and calls, the venue, the probe and build commands, the credentials of the
 * selected environments only, and the redactor that knows them.
 */
record RunSetup(HarnessConfig config, List<EnvironmentSpec> envs, List<CallSpec> calls, Venue venue, Path cache,
                Map<String, Credentials> credentials, Redactor redactor, Map<String, String> processEnv,
                Map<String, Scenario> scenarios) {

    static RunSetup prepare(HarnessConfig config, Map<String, String> processEnv, Path cacheDir, List<String> envFilter,
                            List<String> callFilter) {
        List<EnvironmentSpec> envs = select("--env", config.environments(), envFilter, EnvironmentSpec::name);
        List<CallSpec> calls = select("--call", config.calls(), callFilter, CallSpec::name);
        Venue venue = Venues.byId(config.venue()).orElseThrow(() -> config.error("/venue",
                "unknown venue '" + config.venue() + "' (expected one of: " + String.join(", ", Venues.ids()) + ")"));
        Path cache = cacheDir != null ? cacheDir : CacheDir.defaultFor(processEnv);
        String where = "config " + config.file();
        CommandCheck.requireExecutable(where + ": target.probe.command", "probe command", config.target().probe().command(),
                processEnv.get("PATH"), config.configDir());
        CommandCheck.requireAbsoluteArgumentsExist(where + ": target.probe.command", config.target().probe().command());
        config.target().build().ifPresent(b -> CommandCheck.requireExecutable(where + ": target.build.command", "build command",
                b.command(), processEnv.get("PATH"), config.configDir()));
        CredentialResolver resolver = new CredentialResolver(processEnv, ScenarioCredentials::read);
        Map<String, Credentials> credentials = new LinkedHashMap<>();
        for (EnvironmentSpec e : envs) {
            credentials.put(e.name(), resolver.resolve(config, e));
        }
        // besides the run's credentials, hidden as secrets: values substituted into the config, every environment's
        // ${env:} credentials (a probe could find them in this process's environment) and the scenarios' key secrets;
        // the run's own keys keep their shown form (prefix and keyed hash)
        java.util.Set<String> keys = new java.util.HashSet<>();
        credentials.values().forEach(c -> keys.add(c.apiKey().reveal()));
        List<String> others = new ArrayList<>(config.substituted().stream().map(dev.authbisect.core.Secret::reveal).toList());
        others.addAll(resolver.environmentValues(config));
        Redactor redactor = Redactor.create(CacheDir.redactionKey(cache)).with(credentials.values())
                .withSecrets(others.stream().filter(v -> !keys.contains(v)).toList());
        Map<String, Scenario> scenarios = new LinkedHashMap<>();
        for (EnvironmentSpec e : envs) {
            if (e.upstream() instanceof Upstream.Sim sim && !scenarios.containsKey(sim.scenario())) {
                scenarios.put(sim.scenario(), Scenario.load(config.simulators().get(sim.scenario())));
            }
        }
        for (Scenario s : scenarios.values()) {
            redactor = redactor.withSecrets(s.secrets().stream().filter(v -> !keys.contains(v)).toList());
        }
        return new RunSetup(config, envs, calls, venue, cache, credentials, redactor, processEnv, scenarios);
    }

    /** The same setup with every simulator scenario's clock frozen at {@code at} ({@code --sim-clock}). */
    RunSetup withSimClock(java.time.Instant at) {
        if (scenarios.isEmpty()) {
            throw ExitException.usage("--sim-clock: no selected environment uses a simulator (sim:<scenario>); "
                    + "it sets simulator clocks only");
        }
        Map<String, Scenario> frozen = new LinkedHashMap<>();
        scenarios.forEach((name, s) -> frozen.put(name, s.withClock(new dev.authbisect.simulator.ScenarioClock.Fixed(at))));
        return new RunSetup(config, envs, calls, venue, cache, credentials, redactor, processEnv, frozen);
    }

    /**
     * Where probes are not in their own PID namespace they can read this process's {@code /proc/<pid>/environ},
     * which holds the {@code ${env:}} credentials of every environment (not only theirs): say so, once per run,
     * naming the environments and the fix ({@code ${file:}} or dotenv values never enter this process's environment).
     */
    static java.util.Optional<String> environWarning(HarnessConfig config, dev.authbisect.process.Containment containment) {
        if (containment.kind() == dev.authbisect.process.Containment.Kind.PID_NAMESPACE) {
            return java.util.Optional.empty();
        }
        List<String> exposed = config.environments().stream()
                .filter(e -> e.credentials() instanceof dev.authbisect.config.CredentialSource.References r
                        && (r.apiKey().contains("${env:") || r.apiSecret().contains("${env:")))
                .map(EnvironmentSpec::name).toList();
        if (exposed.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("probes here are not in their own PID namespace (containment: " + containment.kind().word()
                + "), so a probe can read authbisect's /proc/<pid>/environ, which holds the ${env:} credentials of "
                + String.join(", ", exposed) + "; use ${file:} or a dotenv file for them (those values never enter authbisect's "
                + "environment) or run where unshare works");
    }

    static <T> List<T> select(String option, List<T> all, List<String> wanted, Function<T, String> name) {
        if (wanted.isEmpty()) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (String w : wanted) {
            T found = all.stream().filter(t -> name.apply(t).equals(w)).findFirst().orElseThrow(() -> ExitException.usage(
                    option + " '" + w + "': not in the config (expected one of: "
                            + String.join(", ", all.stream().map(name).toList()) + ")"));
            if (!out.contains(found)) {
                out.add(found);
            }
        }
        return out;
    }
}
