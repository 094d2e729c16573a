package dev.authbisect.probe;

import dev.authbisect.config.ProbeSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.ExitException;
import dev.authbisect.process.ProcessRequest;
import dev.authbisect.process.ProcessResult;
import dev.authbisect.process.ProcessRunner;
import dev.authbisect.process.Scratch;
import java.util.List;
import java.util.Map;

/**
 * Runs a probe per the probe contract (README "Writing a probe"): cwd is an empty scratch folder; the
 * environment is ONLY a minimal {@code PATH}, scratch {@code HOME} and {@code TMPDIR},
 * {@code LANG=C.UTF-8}, the proxy variables pointing at the egress sentinel, {@code NO_PROXY}
 * naming the relay host, the {@code AUTHBISECT_*} variables, the CA-bundle variables naming the
 * relay's per-run CA ({@link #CA_VARIABLES}) and the rendered {@code probe.env} entries (which may
 * set {@code PATH} and {@code LANG}, nothing the harness owns).
 * Nothing of this JVM's environment reaches the probe.
 */
public final class ProbeRunner {
    private static final List<String> PROXY_VARIABLES =
            List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy");
    /** Every variable a TLS stack reads a CA bundle from: all name the relay's per-run CA when the probe gets one. */
    public static final List<String> CA_VARIABLES =
            List.of("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "AUTHBISECT_CA_FILE");

    private final ProcessRunner processes;

    public ProbeRunner() {
        this(new ProcessRunner());
    }

    public ProbeRunner(ProcessRunner processes) {
        this.processes = processes;
    }

    /**
     * Runs the probe once. Exit 125 means "cannot test this version" ({@code SKIPPED}); that reading
     * is the caller's, the result is only the fact. The names of the {@code probe.env} variables
     * the probe got are {@link ProbeRequest#envNames()}.
     *
     * @throws ExitException (usage) when a {@code probe.env} entry is invalid: a bad name, a variable
     *                       the harness sets itself, an unknown template variable or a template syntax error
     */
    public ProcessResult run(ProbeRequest request) {
        ProbeSpec.checkEnvNames(request.spec().env());
        Map<String, String> rendered = EnvTemplates.render(request.spec().env(), request.templateContext());
        try (Scratch scratch = Scratch.create(request.scratchRoot(), "probe-")) {
            Map<String, String> env = scratch.baseEnv();
            String proxy = request.sentinelProxy().toString();
            PROXY_VARIABLES.forEach(name -> env.put(name, proxy));
            env.put("NO_PROXY", request.noProxyHost());
            env.put("no_proxy", request.noProxyHost());
            env.putAll(request.variables().toEnv(request.moduleDir()));
            request.caBundle().ifPresent(ca -> CA_VARIABLES.forEach(name -> env.put(name, ca.toAbsolutePath().toString())));
            env.putAll(rendered);
            ProcessRequest process = new ProcessRequest("probe command", request.spec().command(), scratch.work(), env,
                    request.spec().timeout(), request.searchPath());
            return processes.run(process, request.redactor());
        }
    }

    /**
     * Checks {@code probe.env} without running anything (for {@code authbisect check}): valid names,
     * none the harness owns, templates that parse and use only the standard variables
     * (see {@link ProbeVariables#templateContext}).
     *
     * @throws ExitException (usage) naming the first bad entry
     */
    public static void validate(ProbeSpec spec) {
        ProbeSpec.checkEnvNames(spec.env());
        ProbeVariables sample = new ProbeVariables("http://127.0.0.1/relay", "http://127.0.0.1/control", List.of("call"),
                "commit", "module-version", "env", java.util.OptionalLong.empty());
        EnvTemplates.render(spec.env(), sample.templateContext(java.nio.file.Path.of("/module"), Credentials.of("key", "secret")));
    }
}
