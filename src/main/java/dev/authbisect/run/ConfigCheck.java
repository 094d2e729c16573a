package dev.authbisect.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.authbisect.config.Durations;
import dev.authbisect.config.EnvironmentSpec;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.Redactor;
import dev.authbisect.history.CommitNode;
import dev.authbisect.history.ModuleVersion;
import dev.authbisect.history.ModuleVersions;
import dev.authbisect.history.PathPresence;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.Repository;

/**
 * What {@code authbisect check} does: resolve every environment's credentials, open the
 * repository, resolve the range and count module versions — then describe the resolved
 * config as YAML with keys redacted and secrets never shown.
 */
public final class ConfigCheck {
    private final HarnessConfig config;
    private final Map<String, String> processEnv;
    private final Path cache;
    private final Consumer<Redactor> redactorSink;

    private ConfigCheck(HarnessConfig config, Map<String, String> processEnv, Path cache, Consumer<Redactor> sink) {
        this.config = config;
        this.processEnv = processEnv;
        this.cache = cache;
        this.redactorSink = sink;
    }

    public static ConfigCheck of(HarnessConfig config, Map<String, String> processEnv, Path cache, Consumer<Redactor> sink) {
        return new ConfigCheck(config, processEnv, cache, sink);
    }

    public String describe() {
        RunSetup setup = RunSetup.prepare(config, processEnv, cache, List.of(), List.of());
        Path cacheDir = setup.cache();
        Map<String, Credentials> creds = setup.credentials();
        Redactor redactor = setup.redactor();
        redactorSink.accept(redactor);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("config", config.file().toString());
        out.put("config_digest", config.digest());
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("repo", config.target().repo());
        Map<String, Object> module = new LinkedHashMap<>();
        module.put("paths", config.target().module().paths());
        module.put("exclude", config.target().module().exclude());
        if (!config.target().module().support().isEmpty()) {
            module.put("support", config.target().module().support());
        }
        target.put("module", module);
        config.target().build().ifPresent(b -> target.put("build", Map.of("command", b.command(), "timeout", Durations.text(b.timeout()))));
        target.put("probe", Map.of("command", config.target().probe().command(), "timeout", Durations.text(config.target().probe().timeout()),
                "env", config.target().probe().env()));
        out.put("target", target);
        out.put("venue", config.venue());
        out.put("calls", config.calls().stream().map(ConfigCheck::call).toList());
        out.put("environments", config.environments().stream().map(e -> env(e, creds.get(e.name()), redactor)).toList());
        out.put("simulators", config.simulators().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, en -> en.getValue().toString(), (a, b) -> a, LinkedHashMap::new)));
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("selection", config.commits().describe());
        h.put("first_parent", config.commits().firstParent());
        List<ModuleVersion> versions;
        try (Repository repo = TargetHistory.open(config, cacheDir)) {
            List<CommitNode> commits = TargetHistory.commits(repo, config, config.commits(), null);
            versions = ModuleVersions.compute(repo, commits, config.target().module(), cacheDir).versions();
            requireModulePaths(repo, versions, commits.get(commits.size() - 1));
            h.put("commits", commits.size());
            h.put("module_versions", versions.size());
        }
        out.put("commits", h);
        out.put("run", Map.of("jobs", config.run().jobs(), "repeat", config.run().repeat()));
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
            return redactor.redact(yaml.writeValueAsString(out) + listing(versions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Versions listed by {@link #listing} before "… more". */
    static final int LISTED_VERSIONS = 40;

    /** Each module version with its commits: how many, the first and the last (ids and subjects). */
    static String listing(List<ModuleVersion> versions) {
        StringBuilder b = new StringBuilder("# module versions, oldest first (first commit … last commit):\n");
        int commits = versions.stream().mapToInt(v -> v.commits().size()).sum();
        Map<String, String> rowIds = RowIds.of(versions);
        for (ModuleVersion v : versions.subList(0, Math.min(versions.size(), LISTED_VERSIONS))) {
            int n = v.commits().size();
            b.append(String.format("#   %-10s %3d commit%s  %s", rowIds.get(v.id()), n, n == 1 ? " " : "s",
                    commitText(v.first())));
            if (n > 1) {
                b.append(" … ").append(commitText(v.last()));
            }
            b.append('\n');
        }
        if (versions.size() > LISTED_VERSIONS) {
            b.append("#   … ").append(versions.size() - LISTED_VERSIONS).append(" more module versions\n");
        }
        b.append("# ").append(commits).append(commits == 1 ? " commit → " : " commits → ").append(versions.size())
                .append(versions.size() == 1 ? " module version\n" : " module versions\n");
        return b.toString();
    }

    private static String commitText(CommitNode c) {
        String subject = c.subject().replaceAll("\\p{Cntrl}", " ");
        return c.id().name().substring(0, 7) + " " + (subject.length() > 60 ? subject.substring(0, 59) + "…" : subject);
    }

    /** Every module path must exist at some commit of the range: a misspelled one would make every cell SKIPPED. */
    private void requireModulePaths(Repository repo, List<ModuleVersion> versions, CommitNode newest) {
        List<PathPresence.Absent> absent = PathPresence.absent(repo, versions.stream().map(ModuleVersion::representative).toList(),
                config.target().module().paths(), newest.id());
        if (!absent.isEmpty()) {
            PathPresence.Absent a = absent.get(0);
            int commits = versions.stream().mapToInt(v -> v.commits().size()).sum();
            throw config.error("/target/module/paths/" + a.index(), "target.module.paths[" + a.index() + "]: '" + a.path()
                    + "' does not exist at any of the " + commits + " commits of the range"
                    + a.suggestion().map(s -> " (did you mean '" + s + "'?)").orElse(" (expected a folder or file of the repository)"));
        }
        List<PathPresence.Absent> noSupport = PathPresence.absent(repo, versions.stream().map(ModuleVersion::representative).toList(),
                config.target().module().support(), newest.id());
        if (!noSupport.isEmpty()) {
            PathPresence.Absent a = noSupport.get(0);
            int commits = versions.stream().mapToInt(v -> v.commits().size()).sum();
            throw config.error("/target/module/support/" + a.index(), "target.module.support[" + a.index() + "]: '" + a.path()
                    + "' does not exist at any of the " + commits + " commits of the range"
                    + a.suggestion().map(s -> " (did you mean '" + s + "'?)").orElse(" (expected a folder or file of the repository)"));
        }
    }

    private static Map<String, Object> call(CallSpec c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("method", c.method());
        if (c.params().size() > 0) {
            m.put("params", c.params());
        }
        return m;
    }

    private static Map<String, Object> env(EnvironmentSpec e, Credentials c, Redactor r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("upstream", e.upstream().describe());
        m.put("upstream_kind", e.upstream().kind());
        m.put("api_key", r.keyId(c.apiKey().reveal()));
        m.put("api_secret", "***");
        e.egressIp().ifPresent(ip -> m.put("egress_ip", ip));
        e.proxy().ifPresent(p -> m.put("proxy", p.toString()));
        m.put("timeouts", Map.of("connect", Durations.text(e.connectTimeout()), "read", Durations.text(e.readTimeout())));
        if (!e.clockSkew().isZero()) {
            m.put("clock_skew", (e.clockSkew().isNegative() ? "-" : "") + Durations.text(e.clockSkew().abs()));
        }
        if (e.ratePerSecond() > 0) {
            m.put("rate_limit", Map.of("per_second", e.ratePerSecond() == Math.rint(e.ratePerSecond())
                    ? (Object) (long) e.ratePerSecond() : (Object) e.ratePerSecond()));
        }
        // what the relay captures besides the venue's own hosts, or false
        m.put("capture", e.capture().enabled() ? (e.capture().hosts().isEmpty() ? "the venue's hosts" : e.capture().hosts()) : false);
        return m;
    }
}
