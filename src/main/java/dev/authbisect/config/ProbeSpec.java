package dev.authbisect.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The probe of a target.
 *
 * @param command the command line ({@code ${configDir}} substituted)
 * @param timeout per trial
 * @param env     variable → Mustache template; the only variables the probe gets besides the fixed ones
 */
public record ProbeSpec(List<String> command, Duration timeout, Map<String, String> env) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public ProbeSpec {
        command = List.copyOf(command);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }
}
