package dev.authbisect.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Redactor;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Loads and validates a version-1 config (README "Config reference (version 1)"). Every problem is
 * a usage error with one line: {@code config F:line:col: field: expected …, got …}.
 */
public final class ConfigLoader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final Map<String, String> env;

    private ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** A loader that resolves {@code ${env:…}} against {@code env} (pass {@link System#getenv()} in the CLI). */
    public static ConfigLoader withEnvironment(Map<String, String> env) {
        return new ConfigLoader(env);
    }

    /**
     * Reads and validates {@code file}. Errors are one line; values that {@code ${env:}} or {@code ${file:}}
     * references filled in never appear in them (they are redacted as secrets before anything is printed).
     */
    public HarnessConfig load(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        byte[] bytes;
        try {
            bytes = FileLimits.read(abs, FileLimits.YAML_FILE);
        } catch (FileLimits.Refused e) {
            String why = e.getMessage().equals("not found") ? "not found (expected a YAML file, see harness-config/demo.yaml)"
                    : e.getMessage().startsWith("is over") ? e.getMessage() + " (expected a harness config, a few KiB of YAML)"
                    : e.getMessage() + " (expected a YAML file)";
            throw ExitException.usage("config " + file + ": " + why);
        }
        YamlLocations doc = YamlLocations.parse(file, new String(bytes, StandardCharsets.UTF_8), "config");
        Substitution subst = new Substitution(abs.getParent(), env);
        try {
            return new Reader(doc, subst, abs, digest(bytes)).read();
        } catch (ExitException e) {
            Redactor redactor = Redactor.random();
            for (String v : subst.resolvedValues()) {
                redactor = redactor.withSecret(v);
            }
            throw new ExitException(e.code(), redactor.redact(e.getMessage()));
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One read of one document. */
    private static final class Reader {
        private final YamlLocations doc;
        private final Substitution subst;
        private final Path file;
        private final String digest;

        Reader(YamlLocations doc, Substitution subst, Path file, String digest) {
            this.doc = doc;
            this.subst = subst;
            this.file = file;
            this.digest = digest;
        }

        HarnessConfig read() {
            YamlCursor root = YamlCursor.root(doc);
            if (!root.node().isObject()) {
                throw root.error("expected a mapping with version, target, venue, calls, environments");
            }
            List<String> known = List.of("version", "target", "venue", "calls", "environments", "simulators", "commits", "run");
            java.util.Iterator<String> names = root.node().fieldNames();
            boolean any = false;
            while (names.hasNext()) {
                any |= known.contains(names.next());
            }
            if (!any) { // another kind of file (a dotenv, a system file): describe it, never quote it
                throw root.error("expected a harness config (a mapping with version, target, venue, calls, environments), got a "
                        + "mapping with none of these keys; is this the right file?");
            }
            root.object(known.toArray(String[]::new));
            YamlCursor version = root.required("version", "version: 1");
            if (!version.node().isIntegralNumber() || version.node().asInt() != 1) {
                throw version.error("expected 1 (the only config version this build reads), got " + YamlCursor.describe(version.node()));
            }
            Map<String, Path> simulators = simulators(root.get("simulators"));
            HarnessConfig.Target target = target(root.required("target", "a mapping with repo, module, probe"));
            // whether authbisect knows the venue is checked where the venue is looked up (config knows no feature)
            String venue = root.required("venue", "a venue id such as crypto-com-exchange-v1").text("a venue id");
            List<CallSpec> calls = calls(root.required("calls", "a list of calls with name and method"));
            List<EnvironmentSpec> envs = environments(root.required("environments", "a list of environments"), simulators);
            CommitSelection commits = commits(root.get("commits"));
            RunSettings run = run(root.get("run"));
            return new HarnessConfig(file, 1, target, venue, calls, envs, simulators, commits, run, digest, doc::where,
                    subst.resolvedValues().stream().map(dev.authbisect.core.Secret::of).toList());
        }

        private String str(YamlCursor c, String expected) {
            String raw = c.text(expected);
            try {
                return subst.apply(raw);
            } catch (Substitution.Unresolved e) {
                throw c.error(e.getMessage() + " (in '" + raw + "')");
            }
        }

        /** Repository-relative paths: no absolute path, no '..', no backslash; a leading './' is dropped. */
        private List<String> repoPaths(YamlCursor list, String expected) {
            List<String> paths = new ArrayList<>();
            for (YamlCursor p : list.list(expected)) {
                String path = str(p, "a repository path");
                if (path.isBlank() || path.startsWith("/") || path.contains("..") || path.contains("\\")) {
                    throw p.error("expected a path relative to the repository root such as backend/app/, got '" + path + "'");
                }
                paths.add(path.startsWith("./") ? path.substring(2) : path);
            }
            return paths;
        }

        private HarnessConfig.Target target(YamlCursor t) {
            t.object("repo", "module", "build", "probe");
            String repo = str(t.required("repo", "a path to a git repository (relative to this file) or a git URL"), "a path or git URL");
            if (!RepoUrls.isUrl(repo)) {
                repo = subst.expandHome(repo).toString();
            }
            YamlCursor m = t.required("module", "a mapping with paths").object("paths", "exclude", "support");
            YamlCursor pathsC = m.required("paths", "a list of repository paths such as [backend/app/]");
            List<String> paths = repoPaths(pathsC, "a list of repository paths such as [backend/app/]");
            if (paths.isEmpty()) {
                throw pathsC.error("expected at least one path");
            }
            List<String> exclude = m.get("exclude").isMissing() ? List.of()
                    : m.get("exclude").strings("a list of glob patterns such as [\"**/tests/**\"]", false);
            List<String> support = m.get("support").isMissing() ? List.of()
                    : repoPaths(m.get("support"), "a list of repository paths such as [requirements.txt, common/]");
            Optional<BuildSpec> build = Optional.empty();
            if (!t.get("build").isMissing()) {
                YamlCursor b = t.get("build").object("command", "timeout");
                List<String> cmd = command(b.required("command", "a command as a list, e.g. [python3, -m, compileall, -q, .]"));
                Duration to = b.get("timeout").isMissing() ? null : b.get("timeout").duration();
                build = Optional.of(new BuildSpec(cmd, to));
            }
            YamlCursor p = t.required("probe", "a mapping with command, timeout, env").object("command", "timeout", "env");
            List<String> probeCmd = command(p.required("command", "a command as a list, e.g. [python3, \"${configDir}/probes/my_probe.py\"]"));
            Duration probeTimeout = p.get("timeout").isMissing() ? null : p.get("timeout").duration();
            Map<String, String> probeEnv = new LinkedHashMap<>();
            if (!p.get("env").isMissing()) {
                for (Map.Entry<String, YamlCursor> e : p.get("env").entries("a mapping of variable names to Mustache templates").entrySet()) {
                    if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw e.getValue().error("expected a variable name of letters, digits and _, got '" + e.getKey() + "'");
                    }
                    String value = str(e.getValue(), "a string (a Mustache template such as \"{{relay.url}}\")");
                    MustacheCheck.validate(value).ifPresent(problem -> {
                        throw e.getValue().error(problem);
                    });
                    try {
                        ProbeSpec.checkEnvNames(Map.of(e.getKey(), value));
                    } catch (ExitException owned) {
                        throw e.getValue().error(owned.getMessage().replaceFirst("^probe\\.env\\.[A-Za-z0-9_]+: ", ""));
                    }
                    probeEnv.put(e.getKey(), value);
                }
            }
            return new HarnessConfig.Target(repo, new ModuleSpec(paths, exclude, support), build, new ProbeSpec(probeCmd, probeTimeout, probeEnv));
        }

        private List<String> command(YamlCursor c) {
            List<String> cmd = new ArrayList<>();
            if (c.node().isTextual()) {
                throw c.error("expected a command as a list of arguments, e.g. [python3, probe.py], got a single string '"
                        + c.node().asText() + "'");
            }
            for (YamlCursor a : c.list("a command as a list of arguments")) {
                cmd.add(str(a, "a command argument"));
            }
            if (cmd.isEmpty() || cmd.get(0).isBlank()) {
                throw c.error("expected a non-empty command");
            }
            return cmd;
        }

        private List<CallSpec> calls(YamlCursor c) {
            List<CallSpec> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (YamlCursor call : c.list("a list of calls with name and method")) {
                call.object("name", "method", "params");
                YamlCursor nameC = call.required("name", "a call name such as get_open_orders");
                String name = nameC.text("a call name");
                if (!NAME.matcher(name).matches()) {
                    throw nameC.error("expected a name of letters, digits, _ . -, got '" + name + "'");
                }
                if (!names.add(name)) {
                    throw nameC.error("duplicate call name '" + name + "'");
                }
                String method = call.required("method", "a venue method such as private/get-open-orders or GET /api/v3/account")
                        .text("a venue method");
                // a method name or path, optionally after an HTTP method (venues that name calls by HTTP method and path)
                if (!method.matches("(?:[A-Z]{3,7} )?[A-Za-z0-9_./-]+")) {
                    throw call.get("method").error("expected a venue method such as private/get-open-orders or GET /api/v3/account, got '"
                            + method + "'");
                }
                ObjectNode params = null;
                if (!call.get("params").isMissing()) {
                    if (!call.get("params").node().isObject()) {
                        throw call.get("params").error("expected a mapping of parameters, got " + YamlCursor.describe(call.get("params").node()));
                    }
                    params = (ObjectNode) call.get("params").node();
                }
                out.add(new CallSpec(name, method, params));
            }
            if (out.isEmpty()) {
                throw c.error("expected at least one call");
            }
            return out;
        }

        private List<EnvironmentSpec> environments(YamlCursor c, Map<String, Path> simulators) {
            List<EnvironmentSpec> out = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (YamlCursor e : c.list("a list of environments")) {
                e.object("name", "credentials", "upstream", "egress_ip", "proxy", "timeouts", "clock_skew", "rate_limit", "capture");
                YamlCursor nameC = e.required("name", "an environment name such as prod");
                String name = nameC.text("an environment name");
                if (!NAME.matcher(name).matches()) {
                    throw nameC.error("expected a name of letters, digits, _ . -, got '" + name + "'");
                }
                if (!names.add(name)) {
                    throw nameC.error("duplicate environment name '" + name + "'");
                }
                CredentialSource creds = credentials(e.required("credentials",
                        "{api_key: \"${env:NAME}\", api_secret: \"${env:NAME}\"}, {dotenv: FILE, api_key: VAR, api_secret: VAR}"
                                + " or, for sim: upstreams, {scenario_key: LABEL}"));
                YamlCursor upC = e.required("upstream", "an http(s) URL or sim:<scenario>");
                Upstream upstream = upstream(upC, simulators);
                if (creds instanceof CredentialSource.ScenarioKey && !(upstream instanceof Upstream.Sim)) {
                    throw e.get("credentials").get("scenario_key").error("scenario_key applies to simulator upstreams only "
                            + "(sim:<scenario>); a live upstream needs real credentials: {api_key: \"${env:NAME}\", "
                            + "api_secret: \"${env:NAME}\"}, ${file:PATH} or {dotenv: FILE, api_key: VAR, api_secret: VAR}");
                }
                Optional<String> egress = Optional.empty();
                if (!e.get("egress_ip").isMissing()) {
                    YamlCursor ipC = e.get("egress_ip");
                    String ip = ipC.text("an IP address such as 203.0.113.7");
                    if (!(upstream instanceof Upstream.Sim)) {
                        throw ipC.error("egress_ip applies to simulator upstreams only (sim:<scenario>); a live upstream sees the machine's real IP");
                    }
                    if (!isIpLiteral(ip)) {
                        throw ipC.error("expected an IP address such as 203.0.113.7, got '" + ip + "'");
                    }
                    egress = Optional.of(ip);
                }
                Optional<URI> proxy = Optional.empty();
                if (!e.get("proxy").isMissing()) {
                    YamlCursor pC = e.get("proxy");
                    String p = str(pC, "an http proxy URL such as http://proxy.internal:3128");
                    URI u = parseUri(p);
                    if (u == null || !"http".equals(u.getScheme()) || u.getHost() == null || u.getPort() > 65535) {
                        throw pC.error("expected an http proxy URL such as http://proxy.internal:3128, got '" + p + "'");
                    }
                    proxy = Optional.of(u);
                }
                Duration connect = null;
                Duration read = null;
                if (!e.get("timeouts").isMissing()) {
                    YamlCursor t = e.get("timeouts").object("connect", "read");
                    connect = t.get("connect").isMissing() ? null : t.get("connect").duration();
                    read = t.get("read").isMissing() ? null : t.get("read").duration();
                }
                Duration skew = e.get("clock_skew").isMissing() ? null : e.get("clock_skew").signedDuration();
                double rate = e.get("rate_limit").isMissing() ? 0 : rateLimit(e.get("rate_limit"));
                CaptureSpec capture = e.get("capture").isMissing() ? CaptureSpec.defaults() : capture(e.get("capture"));
                out.add(new EnvironmentSpec(name, creds, upstream, proxy, egress, connect, read, skew, rate, capture));
            }
            if (out.isEmpty()) {
                throw c.error("expected at least one environment");
            }
            return out;
        }

        /** {@code rate_limit: {per_second: N}}, N a positive number (0.5 = one request every 2 s). */
        private double rateLimit(YamlCursor c) {
            c.object("per_second");
            YamlCursor n = c.required("per_second", "a number of requests per second such as 5 or 0.5");
            double v = n.node().isNumber() ? n.node().asDouble() : Double.NaN;
            if (!(v > 0) || v > MAX_RATE) {
                throw n.error("expected a number of requests per second above 0 and at most " + (int) MAX_RATE
                        + " such as 5 or 0.5, got " + YamlCursor.describe(n.node()));
            }
            return v;
        }

        /** {@code capture: false}, {@code true}, or a list of host names captured besides the venue's own. */
        private CaptureSpec capture(YamlCursor c) {
            String expected = "false, true, or a list of host names such as [api.crypto.com, uat-api.3ona.co]";
            if (c.node().isBoolean()) {
                return c.node().asBoolean() ? CaptureSpec.defaults() : CaptureSpec.off();
            }
            if (!c.node().isArray()) {
                throw c.error("expected " + expected + ", got " + YamlCursor.describe(c.node()));
            }
            List<String> hosts = new ArrayList<>();
            for (YamlCursor h : c.list(expected)) {
                String host = h.node().isTextual() ? h.node().asText().trim() : "";
                if (!isHostName(host)) {
                    throw h.error("expected a host name such as api.crypto.com (no scheme, port, path or wildcard), got "
                            + YamlCursor.describe(h.node()));
                }
                String lower = host.toLowerCase(java.util.Locale.ROOT);
                hosts.add(lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower);
            }
            return new CaptureSpec(true, hosts);
        }

        private CredentialSource credentials(YamlCursor c) {
            c.object("api_key", "api_secret", "dotenv", "scenario_key");
            String location = c.where().replaceFirst("^config ", "");
            if (!c.get("scenario_key").isMissing()) {
                YamlCursor labelC = c.get("scenario_key");
                for (String other : List.of("api_key", "api_secret", "dotenv")) {
                    if (!c.get(other).isMissing()) {
                        throw c.get(other).error("scenario_key takes the key and secret from the simulator scenario; "
                                + "remove " + other + " (or remove scenario_key)");
                    }
                }
                String label = labelC.text("the label of a key in the environment's simulator scenario, e.g. \"test key\"");
                if (label.isBlank()) {
                    throw labelC.error("expected the label of a key in the simulator scenario, e.g. \"test key\"");
                }
                return new CredentialSource.ScenarioKey(label, labelC.where().replaceFirst("^config ", ""));
            }
            YamlCursor keyC = c.required("api_key", "\"${env:NAME}\", \"${file:PATH}\", or with dotenv the variable name");
            YamlCursor secretC = c.required("api_secret", "\"${env:NAME}\", \"${file:PATH}\", or with dotenv the variable name");
            if (!c.get("dotenv").isMissing()) {
                String dotenv = c.get("dotenv").text("a path to a dotenv file");
                Path path;
                try {
                    path = subst.expandHome(subst.apply(dotenv));
                } catch (Substitution.Unresolved e) {
                    throw c.get("dotenv").error(e.getMessage());
                }
                String k = keyC.text("a variable name in the dotenv file");
                String s = secretC.text("a variable name in the dotenv file");
                for (YamlCursor v : List.of(keyC, secretC)) {
                    if (!v.node().asText().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw v.error("with dotenv, expected the name of a variable in " + dotenv + ", got '" + v.node().asText() + "'");
                    }
                }
                return new CredentialSource.Dotenv(path, k, s, location);
            }
            for (YamlCursor v : List.of(keyC, secretC)) {
                String raw = v.text("a reference such as \"${env:NAME}\"");
                if (!Substitution.isSecretReference(raw)) {
                    throw v.error("expected a reference \"${env:NAME}\" or \"${file:PATH}\" (credentials are never literal in a config; "
                            + "literal keys belong only in simulator scenarios)");
                }
            }
            return new CredentialSource.References(keyC.text(""), secretC.text(""), location);
        }

        private Upstream upstream(YamlCursor c, Map<String, Path> simulators) {
            String raw = str(c, "an http(s) URL or sim:<scenario>");
            if (raw.startsWith("sim:")) {
                String name = raw.substring(4);
                if (!simulators.containsKey(name)) {
                    throw c.error("unknown simulator '" + name + "' (expected one of the names under simulators: "
                            + (simulators.isEmpty() ? "none defined" : String.join(", ", new java.util.TreeSet<>(simulators.keySet()))) + ")");
                }
                return new Upstream.Sim(name);
            }
            URI u = parseUri(raw);
            if (u == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw c.error("expected an http(s) URL or sim:<scenario>, got '" + raw + "'");
            }
            String s = u.toString();
            return new Upstream.Live(URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s));
        }

        private Map<String, Path> simulators(YamlCursor c) {
            Map<String, Path> out = new LinkedHashMap<>();
            if (c.isMissing()) {
                return out;
            }
            for (Map.Entry<String, YamlCursor> e : c.entries("a mapping of scenario names to scenario files").entrySet()) {
                Path p = subst.expandHome(str(e.getValue(), "a path to a scenario file"));
                if (!Files.isRegularFile(p)) {
                    throw e.getValue().error("scenario file " + p + " not found (expected a path relative to this config)");
                }
                out.put(e.getKey(), p);
            }
            return out;
        }

        private CommitSelection commits(YamlCursor c) {
            if (c.isMissing()) {
                return CommitSelection.range("HEAD");
            }
            c.object("range", "revs", "first_parent");
            boolean firstParent = !c.get("first_parent").isMissing() && c.get("first_parent").bool();
            boolean hasRange = !c.get("range").isMissing();
            boolean hasRevs = !c.get("revs").isMissing();
            if (hasRange && hasRevs) {
                throw c.error("expected either range or revs, not both");
            }
            if (hasRevs) {
                List<String> revs = c.get("revs").strings("a list of revisions such as [a1b2c3d, HEAD~3]", false);
                if (revs.isEmpty()) {
                    throw c.get("revs").error("expected at least one revision");
                }
                return new CommitSelection(Optional.empty(), revs, firstParent);
            }
            String range = hasRange ? c.get("range").text("a range such as v1.4.0..HEAD") : "HEAD";
            if (range.isBlank()) {
                throw c.get("range").error("expected a range such as v1.4.0..HEAD");
            }
            return new CommitSelection(Optional.of(range.trim()), List.of(), firstParent);
        }

        private RunSettings run(YamlCursor c) {
            if (c.isMissing()) {
                return RunSettings.defaults();
            }
            c.object("jobs", "repeat");
            int jobs = c.get("jobs").isMissing() ? 1 : c.get("jobs").integer(1, "a number of parallel trials ≥ 1");
            int repeat = c.get("repeat").isMissing() ? 1 : c.get("repeat").integer(1, "a number of repetitions ≥ 1");
            return new RunSettings(jobs, repeat);
        }
    }

    /** The highest {@code rate_limit.per_second} accepted (more is a typo, or no limit at all). */
    static final double MAX_RATE = 10_000;
    private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    /** A DNS host name (RFC 1123 labels, at least one letter in the last label, so no IP literals). */
    static boolean isHostName(String host) {
        if (host == null || host.isEmpty() || host.length() > 253) {
            return false;
        }
        String[] labels = host.endsWith(".") ? host.substring(0, host.length() - 1).split("\\.", -1) : host.split("\\.", -1);
        for (String label : labels) {
            if (!HOST_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return labels[labels.length - 1].matches(".*[A-Za-z].*");
    }

    private static URI parseUri(String s) {
        try {
            return new URI(s);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static boolean isIpLiteral(String ip) {
        if (!ip.matches("[0-9.]+") && !ip.matches("[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            InetAddress.getByName(ip); // a literal never triggers a DNS lookup
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
