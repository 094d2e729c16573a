package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import dev.authbisect.config.CredentialSource;
import dev.authbisect.config.EnvironmentSpec;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.config.Upstream;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.Redactor;
import dev.authbisect.core.Secret;
import dev.authbisect.history.CommitNode;
import dev.authbisect.history.ModuleVersions;
import dev.authbisect.relay.Relay;
import dev.authbisect.simulator.MethodPolicy;
import dev.authbisect.simulator.Permission;
import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.ScenarioClock;
import dev.authbisect.simulator.SimKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Repository;

/**
 * What {@code authbisect check --probe} does: materialize (and build) the module version of the
 * range's newest commit, run the probe once against a throwaway simulator with a freshly generated
 * key, and return what reached the relay — the same pieces {@link MatrixRun} uses (workspace,
 * relay, probe runner, cell builder), so a probe that works here works in a run. No configured
 * upstream is contacted: live environments stay untouched.
 */
public final class ProbeTryout {
    /** The environment (column) name of the tryout. */
    public static final String ENV = "tryout";
    static final String SCENARIO = "throwaway";
    static final String ROW = "head";

    private final HarnessConfig config;
    private final Map<String, String> processEnv;
    private final Path cacheDir;
    private final Path out;

    private ProbeTryout(HarnessConfig config, Map<String, String> processEnv, Path cacheDir, Path out) {
        this.config = config;
        this.processEnv = Map.copyOf(processEnv);
        this.cacheDir = cacheDir;
        this.out = out;
    }

    /** A tryout writing its journal and logs to {@code out} ({@code logs/probe-head@tryout.log}). */
    public static ProbeTryout of(HarnessConfig config, Map<String, String> processEnv, Path cacheDir, Path out) {
        return new ProbeTryout(config, processEnv, cacheDir, out);
    }

    /**
     * The result of a tryout.
     *
     * @param commit        the commit whose module version was probed
     * @param moduleVersion its module version id
     * @param cells         one cell per configured call (redacted)
     * @param log           the probe's log file
     * @param dir           the folder with the journal and logs
     */
    public record Result(CommitNode commit, String moduleVersion, List<Cell> cells, Optional<Path> log, Path dir) {
        public Result {
            cells = List.copyOf(cells);
        }

        /** 0 when every call got OK, 3 when the simulator rejected a call, 4 when a call was not decided. */
        public int exitCode() {
            if (cells.stream().anyMatch(c -> !c.outcome().decisive())) {
                return ExitCodes.INCOMPLETE;
            }
            return cells.stream().allMatch(c -> c.outcome() == Outcome.OK) ? ExitCodes.OK : ExitCodes.FAILURES;
        }
    }

    public Result call() {
        RunSetup configured = RunSetup.prepare(config, processEnv, cacheDir, List.of(), List.of());
        SecureRandom random = new SecureRandom();
        String apiKey = "tryout" + HexFormat.of().formatHex(random.generateSeed(8));
        String secret = HexFormat.of().formatHex(random.generateSeed(16));
        Scenario scenario = new Scenario("authbisect check --probe", Scenario.VENUE, new ScenarioClock.Real(),
                Scenario.DEFAULT_NONCE_WINDOW, 40103,
                List.of(new SimKey("throwaway key", apiKey, Secret.of(secret), Set.of(Permission.READ, Permission.TRADE),
                        List.of(), Optional.empty(), Optional.empty())),
                Map.<String, MethodPolicy>of(), Optional.empty(), List.of(), List.of());
        Credentials credentials = new Credentials(Secret.of(apiKey), Secret.of(secret));
        EnvironmentSpec env = new EnvironmentSpec(ENV, new CredentialSource.ScenarioKey("throwaway key", "check --probe"),
                new Upstream.Sim(SCENARIO), Optional.empty(), Optional.empty(), null, null, null);
        Redactor redactor = configured.redactor().with(credentials);
        RunSetup setup = new RunSetup(config, List.of(env), configured.calls(), configured.venue(), configured.cache(),
                Map.of(ENV, credentials), redactor, processEnv, Map.of(SCENARIO, scenario));
        Path dir = OutputFolder.create(out.toAbsolutePath().normalize(), "--out", true);
        try (Repository repo = TargetHistory.open(config, setup.cache())) {
            List<CommitNode> commits = TargetHistory.commits(repo, config, config.commits(), null);
            CommitNode head = commits.get(commits.size() - 1);
            String version = ModuleVersions.versionOf(repo, head.id(), config.target().module());
            java.util.concurrent.atomic.AtomicReference<Optional<Path>> log = new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
            RunListener capture = new RunListener() {
                @Override
                public void trialFinished(String what, List<Cell> cells, Optional<Path> trialLog) {
                    log.set(trialLog);
                }
            };
            List<Cell> cells;
            try (RunJournal journal = new RunJournal(dir.resolve("journal.jsonl"), redactor);
                 Upstreams upstreams = Upstreams.start(setup);
                 Relay relay = Relay.start(setup.venue())) {
                journal.event("tryout_started", Map.of("commit", head.id().name(), "module_version", version,
                        "started", Instant.now().toString()));
                TrialContext ctx = new TrialContext(config, setup.venue(), relay, upstreams, setup.credentials(), setup.calls(),
                        redactor, journal, capture, dir.resolve("logs"), setup.cache(), repo);
                cells = new ModuleTrials(ctx).run(new ModuleTrials.Target(ROW, head.id(), version), env, 1);
            }
            return new Result(head, version, cells, log.get(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
