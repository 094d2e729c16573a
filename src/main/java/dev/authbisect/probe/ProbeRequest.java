package dev.authbisect.probe;

import dev.authbisect.config.ProbeSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.Redactor;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One trial for {@link ProbeRunner}.
 *
 * @param spec            the probe's command, timeout and {@code env} templates
 * @param moduleDir       the materialized (and built) module
 * @param scratchRoot     where the trial's empty cwd, HOME and TMPDIR are created (and removed after)
 * @param variables       the fixed {@code AUTHBISECT_*} variables
 * @param templateContext the Mustache context of {@code spec.env()} (nested maps; {@code Secret} leaves allowed)
 * @param sentinelProxy   the relay's egress sentinel, set as every proxy variable
 * @param noProxyHost     the relay's host, the only {@code NO_PROXY} entry
 * @param redactor        applied to the output tails
 * @param searchPath      the PATH the probe executable is looked up in (the caller's)
 * @param caBundle        the relay's per-run CA certificate (PEM), named in every CA-bundle variable the probe gets
 */
public record ProbeRequest(ProbeSpec spec, Path moduleDir, Path scratchRoot, ProbeVariables variables,
                           Map<String, Object> templateContext, URI sentinelProxy, String noProxyHost,
                           Redactor redactor, String searchPath, Optional<Path> caBundle) {
    public ProbeRequest {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(moduleDir, "moduleDir");
        Objects.requireNonNull(scratchRoot, "scratchRoot");
        Objects.requireNonNull(variables, "variables");
        templateContext = Collections.unmodifiableMap(new LinkedHashMap<>(templateContext));
        Objects.requireNonNull(sentinelProxy, "sentinelProxy");
        Objects.requireNonNull(noProxyHost, "noProxyHost");
        Objects.requireNonNull(redactor, "redactor");
        searchPath = searchPath == null ? System.getenv("PATH") : searchPath;
        caBundle = caBundle == null ? Optional.empty() : caBundle;
    }

    /** Without a CA bundle. */
    public ProbeRequest(ProbeSpec spec, Path moduleDir, Path scratchRoot, ProbeVariables variables,
                        Map<String, Object> templateContext, URI sentinelProxy, String noProxyHost,
                        Redactor redactor, String searchPath) {
        this(spec, moduleDir, scratchRoot, variables, templateContext, sentinelProxy, noProxyHost, redactor, searchPath,
                Optional.empty());
    }

    /** The same request whose probe trusts {@code bundle} (the relay's per-run CA, for captured HTTPS). */
    public ProbeRequest withCaBundle(Path bundle) {
        return new ProbeRequest(spec, moduleDir, scratchRoot, variables, templateContext, sentinelProxy, noProxyHost, redactor,
                searchPath, Optional.of(bundle));
    }

    /** The usual request: the standard template context of {@code variables} and {@code credentials}, this JVM's PATH. */
    public static ProbeRequest of(ProbeSpec spec, Path moduleDir, Path scratchRoot, ProbeVariables variables,
                                  Credentials credentials, URI sentinelProxy, String noProxyHost, Redactor redactor) {
        return new ProbeRequest(spec, moduleDir, scratchRoot, variables, variables.templateContext(moduleDir, credentials),
                sentinelProxy, noProxyHost, redactor, System.getenv("PATH"));
    }

    /** The names (never the values) of the {@code probe.env} variables the probe gets, for the report. */
    public java.util.List<String> envNames() {
        return java.util.List.copyOf(spec.env().keySet());
    }

    /** The template context may hold credentials: it is not shown. */
    @Override
    public String toString() {
        return "ProbeRequest[" + spec.command() + " for " + variables.envName() + " @ " + variables.moduleVersion()
                + ", module " + moduleDir + "]";
    }
}
