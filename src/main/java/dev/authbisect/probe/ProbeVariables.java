package dev.authbisect.probe;

import dev.authbisect.core.Credentials;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What the harness tells one trial's probe (README "Writing a probe"): the fixed
 * {@code AUTHBISECT_*} variables and, with the environment's credentials, the template context
 * of {@code probe.env}.
 *
 * @param relayUrl      the trial's relay base URL (with its secret path prefix)
 * @param controlUrl    where the probe announces calls and reports results
 * @param calls         the logical call names, in order
 * @param commit        the representative commit id of the module version
 * @param moduleVersion the module version id
 * @param envName       the environment (matrix column) name
 * @param fixedTimeMs   the simulator's fixed clock, when it has one (never for live upstreams)
 */
public record ProbeVariables(String relayUrl, String controlUrl, List<String> calls, String commit,
                             String moduleVersion, String envName, OptionalLong fixedTimeMs) {
    public ProbeVariables {
        Objects.requireNonNull(relayUrl, "relayUrl");
        Objects.requireNonNull(controlUrl, "controlUrl");
        calls = List.copyOf(calls);
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(moduleVersion, "moduleVersion");
        Objects.requireNonNull(envName, "envName");
        fixedTimeMs = fixedTimeMs == null ? OptionalLong.empty() : fixedTimeMs;
    }

    /** The {@code AUTHBISECT_*} variables of the probe's environment. */
    public Map<String, String> toEnv(Path moduleDir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AUTHBISECT_RELAY_URL", relayUrl);
        env.put("AUTHBISECT_CONTROL_URL", controlUrl);
        env.put("AUTHBISECT_CALLS", String.join(",", calls));
        env.put("AUTHBISECT_COMMIT", commit);
        env.put("AUTHBISECT_MODULE_VERSION", moduleVersion);
        env.put("AUTHBISECT_ENV", envName);
        env.put("AUTHBISECT_MODULE_DIR", moduleDir.toAbsolutePath().toString());
        fixedTimeMs.ifPresent(ms -> env.put("AUTHBISECT_FIXED_TIME_MS", Long.toString(ms)));
        return env;
    }

    /**
     * The standard template context: {@code module.dir}, {@code relay.url}, {@code control.url},
     * {@code credentials.api_key}, {@code credentials.api_secret}, {@code env.name}, {@code commit},
     * {@code module_version}, {@code calls} (comma-separated). Credentials stay {@code Secret}s
     * until a template is rendered.
     */
    public Map<String, Object> templateContext(Path moduleDir, Credentials credentials) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("module", Map.of("dir", moduleDir.toAbsolutePath().toString()));
        context.put("relay", Map.of("url", relayUrl));
        context.put("control", Map.of("url", controlUrl));
        context.put("credentials", Map.of("api_key", credentials.apiKey(), "api_secret", credentials.apiSecret()));
        context.put("env", Map.of("name", envName));
        context.put("commit", commit);
        context.put("module_version", moduleVersion);
        context.put("calls", String.join(",", calls));
        return context;
    }
}
