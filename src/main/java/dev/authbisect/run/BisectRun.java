package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.CellEvidence;
import dev.authbisect.analysis.SetupDiagnosis;
import dev.authbisect.bisect.BisectChecks;
import dev.authbisect.bisect.BisectGraph;
import dev.authbisect.bisect.BisectListener;
import dev.authbisect.bisect.BisectResult;
import dev.authbisect.bisect.BisectTerms;
import dev.authbisect.bisect.Bisection;
import dev.authbisect.bisect.TrialOutcome;
import dev.authbisect.config.CommitSelection;
import dev.authbisect.config.EnvironmentSpec;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Redactor;
import dev.authbisect.history.CommitNode;
import dev.authbisect.history.CommitRange;
import dev.authbisect.history.GitRepos;
import dev.authbisect.history.ModuleVersionIndex;
import dev.authbisect.history.ModuleVersions;
import dev.authbisect.relay.Relay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code authbisect bisect}: git's bisection over module versions for one environment × call,
 * each test a real trial (build once, probe through the relay). Writes {@code bisect.json},
 * {@code bisect.log} and {@code bisect.html} into the output folder.
 */
public final class BisectRun {
    private final HarnessConfig config;
    private Map<String, String> processEnv = System.getenv();
    private final List<String> goods = new ArrayList<>();
    private String bad;
    private String env;
    private String call;
    private boolean firstParent;
    private int repeat = 1;
    private String badOn;
    private Path out;
    private Path reportsRoot = Path.of("reports");
    private Path cacheDir;
    private BisectListener listener = new BisectListener() {
    };
    private Consumer<Redactor> redactorSink = r -> {
    };

    private BisectRun(HarnessConfig config) {
        this.config = config;
    }

    public static BisectRun of(HarnessConfig config) {
        return new BisectRun(config);
    }

    public BisectRun processEnv(Map<String, String> e) {
        this.processEnv = Map.copyOf(e);
        return this;
    }

    public BisectRun good(List<String> revs) {
        goods.addAll(revs);
        return this;
    }

    public BisectRun bad(String rev) {
        this.bad = rev;
        return this;
    }

    public BisectRun env(String name) {
        this.env = name;
        return this;
    }

    public BisectRun call(String name) {
        this.call = name;
        return this;
    }

    public BisectRun firstParent(boolean on) {
        this.firstParent = on;
        return this;
    }

    /** How many times each tested point runs; repetitions that disagree make the point a skip. */
    public BisectRun repeat(int n) {
        if (n < 1) {
            throw ExitException.usage("--repeat " + n + ": expected a whole number of at least 1");
        }
        this.repeat = n;
        return this;
    }

    /** Comma-separated outcome classes that count as bad (default: every failing class). */
    public BisectRun badOn(String classes) {
        this.badOn = classes;
        return this;
    }

    public BisectRun out(Path dir) {
        this.out = dir;
        return this;
    }

    public BisectRun reportsRoot(Path dir) {
        this.reportsRoot = dir;
        return this;
    }

    public BisectRun cacheDir(Path dir) {
        this.cacheDir = dir;
        return this;
    }

    public BisectRun listener(BisectListener l) {
        this.listener = l;
        return this;
    }

    public BisectRun redactorSink(Consumer<Redactor> sink) {
        this.redactorSink = sink;
        return this;
    }

    /** The bisection's result and the folder its files went to. */
    public record Outcome(BisectResult result, Path dir, Optional<FirstBad> firstBad) {
        public int exitCode() {
            return result.exitCode();
        }
    }

    /** The first bad commit as the CLI prints it. */
    public record FirstBad(String id, String subject, String author, List<String> changedModulePaths) {
    }

    public Outcome call() {
        if (bad == null || goods.isEmpty()) {
            throw ExitException.usage("bisect: expected --bad REV and at least one --good REV");
        }
        BisectChecks.requireName("--env", "environment", env, config.environments().stream().map(EnvironmentSpec::name).toList());
        BisectChecks.requireName("--call", "call", call, config.calls().stream().map(c -> c.name()).toList());
        BisectTerms terms = BisectTerms.parse(badOn);
        RunSetup setup = RunSetup.prepare(config, processEnv, cacheDir, List.of(env), List.of(call));
        redactorSink.accept(setup.redactor());
        Instant started = Instant.now();
        Path dir = (out != null ? out : reportsRoot.resolve("bisect-" + MatrixRun.runId(started))).toAbsolutePath().normalize();
        try (Repository repo = TargetHistory.open(config, setup.cache())) {
            String badId = resolve(repo, "--bad", bad);
            List<String> goodIds = new ArrayList<>();
            for (String g : goods) {
                goodIds.add(resolve(repo, "--good", g));
            }
            List<CommitNode> commits = reachable(repo, badId, goodIds);
            BisectGraph graph = BisectGraph.of(commits.stream().map(n -> new BisectGraph.Node(n.id().name(),
                    n.parents().stream().map(ObjectId::name).toList(), n.time().getEpochSecond(), n.subject())).toList());
            BisectChecks.validate(graph, badId, goodIds);
            ModuleVersionIndex index = ModuleVersions.compute(repo, commits, config.target().module(), setup.cache());
            OutputFolder.create(dir, "--out", true);
            EnvironmentSpec environment = setup.envs().get(0);
            BisectResult result;
            try (RunJournal journal = new RunJournal(dir.resolve("journal.jsonl"), setup.redactor());
                 Upstreams upstreams = Upstreams.start(setup);
                 Relay relay = Relay.start(setup.venue())) {
                TrialContext ctx = new TrialContext(config, setup.venue(), relay, upstreams, setup.credentials(), setup.calls(),
                        setup.redactor(), journal, RunListener.SILENT, dir.resolve("logs"), setup.cache(), repo);
                ModuleTrials trials = new ModuleTrials(ctx);
                Map<String, String> rowIds = RowIds.of(index.versions());
                String keyId = setup.redactor().keyId(setup.credentials().get(env).apiKey().reveal());
                result = Bisection.on(graph).bad(badId).goods(goodIds).firstParent(firstParent)
                        .moduleVersions(c -> index.moduleVersionOf(ObjectId.fromString(c)).id())
                        .terms(terms).listener(listener).scope(env, call, repeat)
                        .premises(() -> outcome(new ReferenceTrials(ctx).run(environment, repeat).get(0), keyId))
                        .run((commit, mv) -> {
                            String row = rowIds.getOrDefault(mv, mv);
                            Cell cell = trials.run(new ModuleTrials.Target(row, ObjectId.fromString(commit), mv), environment,
                                    repeat).get(0);
                            return outcome(cell, keyId);
                        });
            }
            Optional<FirstBad> firstBad = Optional.empty();
            if (result instanceof BisectResult.Found f) {
                CommitNode node = commits.stream().filter(c -> c.id().name().equals(f.commit().id())).findFirst().orElseThrow();
                firstBad = Optional.of(new FirstBad(node.id().name(), node.subject(), node.authorName() + " <" + node.authorEmail() + ">",
                        ModuleVersions.changedPaths(repo, node, config.target().module())));
            }
            BisectFiles.write(result, dir, setup.redactor(), env, call, config.target().repo(), config.target().module());
            return new Outcome(result, dir, firstBad);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell as the bisection sees it: its class, code, the relay's evidence, the repetitions, a harness mistake it shows. */
    private TrialOutcome outcome(Cell cell, String keyId) {
        String code = cell.outcome() == dev.authbisect.core.Outcome.OK || cell.codeLabel().equals(cell.outcome().name())
                ? "" : cell.codeLabel();
        return new TrialOutcome(cell.outcome(), code, CellEvidence.describe(cell), Math.max(1, cell.timing().repetitions().size()),
                cell.outcome() != dev.authbisect.core.Outcome.FLAKY, SetupDiagnosis.harness(env, cell, keyId).orElse(""));
    }

    private static String resolve(Repository repo, String option, String rev) {
        try {
            ObjectId id = repo.resolve(rev + "^{commit}");
            if (id == null) {
                throw ExitException.usage(option + " '" + rev + "': unknown revision (expected a branch, tag or commit id)");
            }
            return id.name();
        } catch (IOException | org.eclipse.jgit.errors.RevisionSyntaxException e) {
            throw ExitException.usage(option + " '" + rev + "': unknown revision (expected a branch, tag or commit id)");
        }
    }

    /** Every commit reachable from bad and from the goods (they decide reachability and merge bases). */
    private static List<CommitNode> reachable(Repository repo, String bad, List<String> goods) {
        Map<String, CommitNode> all = new LinkedHashMap<>();
        List<String> tips = new ArrayList<>(goods);
        tips.add(0, bad);
        for (String tip : tips) {
            if (all.containsKey(tip)) {
                continue; // already reached from an earlier tip: so is all its history (a good below bad, as usual)
            }
            for (CommitNode n : CommitRange.resolve(repo, CommitSelection.range(tip)).commits()) {
                all.putIfAbsent(n.id().name(), n);
            }
        }
        return List.copyOf(all.values());
    }
}
