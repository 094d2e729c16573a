package dev.authbisect.config;

import dev.authbisect.core.ExitException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The probe of a target.
 *
 * @param command the command line ({@code ${configDir}} substituted)
 * @param timeout per trial
 * @param env     variable → Mustache template; the only variables the probe gets besides the fixed ones
 */
public record ProbeSpec(List<String> command, Duration timeout, Map<String, String> env) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /**
     * Variables authbisect sets for every probe itself (scratch folders, the egress sentinel's proxy variables,
     * the relay's CA bundle): {@code env} may not set them, nor any {@code AUTHBISECT_*} variable.
     */
    public static final Set<String> RESERVED_VARIABLES = Set.of("HOME", "TMPDIR", "NO_PROXY", "no_proxy",
            "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy",
            "SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public ProbeSpec {
        command = List.copyOf(command);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    /**
     * Checks the names of a {@code probe.env}: valid variable names, none the harness sets itself.
     *
     * @throws ExitException (usage) naming the first bad entry
     */
    public static void checkEnvNames(Map<String, String> env) {
        for (String name : env.keySet()) {
            if (!NAME.matcher(name).matches()) {
                throw ExitException.usage("probe.env." + name + ": not a valid variable name (expected letters, digits and _, not starting with a digit)");
            }
            if (RESERVED_VARIABLES.contains(name) || name.startsWith("AUTHBISECT_")) {
                throw ExitException.usage("probe.env." + name + ": set by authbisect itself (scratch folders, egress sentinel, "
                        + "the relay's CA bundle, AUTHBISECT_* variables); remove it from probe.env");
            }
        }
    }
}
