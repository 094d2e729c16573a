package dev.authbisect.config;

import dev.authbisect.core.CallSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated config file, version 1 (README "Config reference (version 1)"). Paths are absolute;
 * {@code ${configDir}} and {@code ${env:…}} in plain fields are already substituted; credentials
 * stay unresolved ({@link CredentialSource}) until a run needs them.
 *
 * @param file        the config file
 * @param version     always 1
 * @param target      what is tested
 * @param venue       the venue id ({@code crypto-com-exchange-v1})
 * @param calls       the logical calls, in config order
 * @param environments the environments, in config order
 * @param simulators  scenario name → scenario file
 * @param commits     which commits
 * @param run         run settings
 * @param digest      sha-256 of the file's bytes (hex)
 * @param locator     JSON pointer → "config F:line:col", for errors found after loading (history, credentials)
 * @param substituted every value an {@code ${env:}} or {@code ${file:}} reference put into a plain field: treated
 *                    as secrets by every redactor (an error about a field filled from {@code ${env:X}} never shows X)
 */
public record HarnessConfig(Path file, int version, Target target, String venue, List<CallSpec> calls,
                            List<EnvironmentSpec> environments, Map<String, Path> simulators, CommitSelection commits,
                            RunSettings run, String digest, java.util.function.Function<String, String> locator,
                            List<dev.authbisect.core.Secret> substituted) {
    /** A config with nothing substituted from the environment or files. */
    public HarnessConfig(Path file, int version, Target target, String venue, List<CallSpec> calls,
                         List<EnvironmentSpec> environments, Map<String, Path> simulators, CommitSelection commits,
                         RunSettings run, String digest, java.util.function.Function<String, String> locator) {
        this(file, version, target, venue, calls, environments, simulators, commits, run, digest, locator, List.of());
    }

    public HarnessConfig {
        substituted = substituted == null ? List.of() : List.copyOf(substituted);
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(target, "target");
        calls = List.copyOf(calls);
        environments = List.copyOf(environments);
        simulators = Map.copyOf(simulators);
        Objects.requireNonNull(commits, "commits");
        Objects.requireNonNull(run, "run");
        locator = locator == null ? pointer -> "config " + file : locator;
    }

    /** "config F:line:col" of the value at a JSON pointer ({@code /commits/range}), for errors found after loading. */
    public String where(String pointer) {
        return locator.apply(pointer);
    }

    /** A usage error "config F:line:col: message" at a JSON pointer. */
    public dev.authbisect.core.ExitException error(String pointer, String message) {
        return dev.authbisect.core.ExitException.usage(where(pointer) + ": " + message);
    }

    public Path configDir() {
        return file.toAbsolutePath().getParent();
    }

    public Optional<EnvironmentSpec> environment(String name) {
        return environments.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public Optional<CallSpec> call(String name) {
        return calls.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * @param repo   a local path (absolute) or a git URL
     * @param module the module paths
     * @param build  the build, if configured
     * @param probe  the probe
     */
    public record Target(String repo, ModuleSpec module, Optional<BuildSpec> build, ProbeSpec probe) {
        public Target {
            Objects.requireNonNull(repo, "repo");
            Objects.requireNonNull(module, "module");
            build = build == null ? Optional.empty() : build;
            Objects.requireNonNull(probe, "probe");
        }
    }
}
