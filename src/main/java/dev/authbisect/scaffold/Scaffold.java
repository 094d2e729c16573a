package dev.authbisect.scaffold;

import dev.authbisect.core.ExitException;
import dev.authbisect.history.GitRepos;
import dev.authbisect.scaffold.ClientFinding.FoundCall;
import dev.authbisect.scaffold.ClientFinding.Language;
import dev.authbisect.venue.SourceHints;
import dev.authbisect.venue.Venue;
import dev.authbisect.venue.Venues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code authbisect init}: reads a repository's HEAD without asking anything, finds the client that
 * signs the venue's requests (HMAC plus the venue's method names or hosts), its class and call
 * methods and the environment variables it reads for key, secret and base URL, and writes a
 * config, a probe and a simulator scenario with a generated test key that run as written:
 * {@code Scaffold.of(repo).dir(dir).call()}.
 */
public final class Scaffold {
    /** The label of the generated key in the scenario, and the config's {@code scenario_key}. */
    public static final String KEY_LABEL = "test key";
    static final String SCENARIO = "test-exchange";
    private static final Pattern HMAC = Pattern.compile("hmac", Pattern.CASE_INSENSITIVE);
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final Path repo;
    private Path dir = Path.of("harness-config");
    private String venueId = "crypto-com-exchange-v1";
    private boolean force;
    private RandomGenerator random = new SecureRandom();

    private Scaffold(Path repo) {
        this.repo = repo;
    }

    public static Scaffold of(Path repo) {
        return new Scaffold(repo);
    }

    /** Where to write {@code authbisect.yaml}, {@code probes/} and {@code sim/} (default {@code harness-config}). */
    public Scaffold dir(Path d) {
        this.dir = d;
        return this;
    }

    public Scaffold venue(String id) {
        this.venueId = id;
        return this;
    }

    /** Overwrite files that exist (default: refuse). */
    public Scaffold force(boolean f) {
        this.force = f;
        return this;
    }

    /** The randomness of the generated test key (tests pass a seeded one). */
    public Scaffold random(RandomGenerator r) {
        this.random = r;
        return this;
    }

    public ScaffoldResult call() {
        Venue venue = Venues.require(venueId);
        SourceHints hints = venue.sourceHints().orElseThrow(() -> ExitException.usage(
                "--venue " + venueId + ": init cannot recognize client code for this venue yet; copy harness-config/demo.yaml instead"));
        RepoFiles files;
        try (Repository r = openRepo()) {
            files = RepoFiles.head(r, repo.toString());
        }
        ClientFinding client = find(files, hints).orElseThrow(() -> ExitException.usage("--repo " + repo
                + ": found no file that signs " + venueId + " requests (looked for HMAC together with method names such as "
                + "private/get-open-orders or the hosts " + String.join(", ", hints.hosts()) + " in the "
                + files.sources().size() + " Python and JavaScript files at HEAD); copy harness-config/demo.yaml and edit it"));
        Path config = dir.resolve("authbisect.yaml");
        Path probe = dir.resolve("probes").resolve(client.language() == Language.PYTHON ? "generic_probe.py" : "generic_probe.mjs");
        Path scenario = dir.resolve("sim").resolve(SCENARIO + ".yaml");
        for (Path p : List.of(config, probe, scenario)) {
            if (Files.exists(p) && !force) {
                throw ExitException.usage(p + ": exists already (pass --force to overwrite it, or --dir for another folder)");
            }
        }
        String repoRef = repoReference();
        List<String> missing = missing(client, hints);
        List<String> support = SupportScan.of(client, files);
        write(config, ConfigText.render(client, support, venueId, hints, repoRef, SCENARIO, KEY_LABEL, missing, config.toString()));
        write(probe, resource(probe.getFileName().toString()));
        probe.toFile().setExecutable(true, false);
        write(scenario, ScenarioText.render(venueId, KEY_LABEL, token(22), token(32)));
        List<String> next = List.of("authbisect check --config " + config + " --probe", "authbisect run --config " + config);
        List<String> found = new ArrayList<>(found(client));
        if (!support.isEmpty()) {
            found.add(1, "support: " + String.join(", ", support) + " (the module imports " + (support.size() == 1 ? "it" : "them")
                    + " from outside its paths: materialized beside it, not part of its version)");
        }
        return new ScaffoldResult(found, missing, List.of(config, probe, scenario), config, next);
    }

    private Repository openRepo() {
        try {
            return GitRepos.open(repo.toAbsolutePath().toString(), null);
        } catch (ExitException e) {
            throw ExitException.usage("--repo " + repo + ": " + e.getMessage().replaceFirst("^target\\.repo: ", ""));
        }
    }

    /** The repository as the config names it: relative to the config's folder. */
    private String repoReference() {
        Path from = dir.toAbsolutePath().normalize();
        Path to = repo.toAbsolutePath().normalize();
        try {
            String rel = from.relativize(to).toString();
            return rel.isEmpty() ? "." : rel;
        } catch (IllegalArgumentException e) {
            return to.toString();
        }
    }

    /** The best client among the source files that mention the venue and sign (themselves or beside them). */
    static Optional<ClientFinding> find(RepoFiles files, SourceHints hints) {
        List<Scored> found = new ArrayList<>();
        for (Map.Entry<String, String> e : files.sources().entrySet()) {
            String path = e.getKey();
            String text = e.getValue();
            boolean mentions = hints.hosts().stream().anyMatch(text::contains)
                    || SourceText.firstInLiterals(text, hints.methodPattern()).isPresent();
            if (!mentions) {
                continue;
            }
            Optional<ClientFinding> f = path.endsWith(".py") ? PythonScan.scan(path, text, files, hints)
                    : NodeScan.scan(path, text, files, hints);
            if (f.isEmpty()) {
                continue;
            }
            boolean signsHere = HMAC.matcher(text).find();
            boolean signsBeside = files.sources().entrySet().stream()
                    .anyMatch(o -> PythonScan.inModule(o.getKey(), f.get().modulePath()) && HMAC.matcher(o.getValue()).find());
            if (!signsHere && !signsBeside) {
                continue;
            }
            boolean test = path.toLowerCase(Locale.ROOT).matches("(.*/)?(tests?|spec|__tests__)/.*|.*(^|/)(test_[^/]*|[^/]*_test\\.py|[^/]*\\.(test|spec)\\.[cm]?js)");
            int score = f.get().calls().size() * 10 + f.get().needArguments().size() * 3 + (signsHere ? 5 : 0)
                    + f.get().envVars().size() - (test ? 100 : 0);
            found.add(new Scored(f.get(), score));
        }
        return found.stream().max(Comparator.comparingInt(Scored::score)).map(Scored::finding);
    }

    private record Scored(ClientFinding finding, int score) {
    }

    private static List<String> found(ClientFinding c) {
        List<String> out = new ArrayList<>();
        out.add("module: " + c.modulePath() + " (" + (c.language() == Language.PYTHON ? "Python" : "JavaScript") + ", the client is "
                + c.file() + ")");
        out.add("client class: " + c.className() + (c.language() == Language.PYTHON ? " in " + c.moduleName() : ""));
        for (FoundCall call : c.calls()) {
            out.add("call: " + call.name() + "() sends " + call.venueMethod());
        }
        for (Role role : Role.values()) {
            if (c.envVars().containsKey(role)) {
                out.add(role.words + ": environment variable " + c.envVars().get(role));
            } else if (c.constructorArgs().containsKey(role)) {
                out.add(role.words + ": constructor parameter " + c.constructorArgs().get(role));
            }
        }
        return out;
    }

    private static List<String> missing(ClientFinding c, SourceHints hints) {
        List<String> out = new ArrayList<>();
        for (Role role : Role.values()) {
            if (!c.envVars().containsKey(role) && !c.constructorArgs().containsKey(role)) {
                String hint = role == Role.BASE_URL && !c.hardCodedHosts().isEmpty()
                        ? " (the code names " + String.join(", ", c.hardCodedHosts()) + " itself); make it read its base URL from a"
                        + " variable, then map that variable to \"{{relay.url}}\" under probe.env"
                        : "; add the variable your code reads under probe.env: NAME: \"" + role.template + "\"";
                out.add(role.words + ": no environment variable or constructor parameter found" + hint);
            }
        }
        for (String m : c.needArguments()) {
            out.add("call " + m + " needs arguments: it is listed commented out in calls; set PROBE_ARGS_"
                    + m.substring(0, m.indexOf('(')).toUpperCase(Locale.ROOT) + " (JSON) under probe.env to include it");
        }
        for (String p : c.unmappedConstructorArgs()) {
            out.add("constructor parameter " + p + " has no default and authbisect cannot fill it: set PROBE_INIT_"
                    + p.toUpperCase(Locale.ROOT) + " under probe.env");
        }
        if (!c.otherEnvVars().isEmpty()) {
            out.add("the code also reads " + String.join(", ", c.otherEnvVars())
                    + ": not set for the probe (add them under probe.env if the code needs them)");
        }
        return out;
    }

    private String token(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return b.toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw ExitException.usage(file + ": cannot write (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static String resource(String name) {
        try (InputStream in = Scaffold.class.getResourceAsStream("probes/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev/authbisect/scaffold/probes/" + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
