package dev.authbisect.demo;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.Transition;
import dev.authbisect.analysis.Verdict;
import dev.authbisect.config.ConfigLoader;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.core.ExitException;
import dev.authbisect.process.CommandCheck;
import dev.authbisect.run.MatrixRun;
import dev.authbisect.run.OutputFolder;
import dev.authbisect.run.RunListener;
import dev.authbisect.run.RunOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code authbisect demo}: the seed incident end to end on the embedded default. Writes the
 * demo's config, probe and scenario, builds the story's git repository beside them, runs the
 * matrix, and checks that the verdicts are the ones the incident calls for.
 */
public final class Demo {
    private final Path out;
    private final Map<String, String> processEnv;
    private Path cacheDir;
    private RunListener listener = RunListener.SILENT;

    private Demo(Path out, Map<String, String> processEnv) {
        this.out = out.toAbsolutePath().normalize();
        this.processEnv = processEnv;
    }

    public static Demo in(Path out, Map<String, String> processEnv) {
        return new Demo(out, processEnv);
    }

    public Demo cacheDir(Path dir) {
        this.cacheDir = dir;
        return this;
    }

    public Demo listener(RunListener l) {
        this.listener = l;
        return this;
    }

    /** What the demo found: the run, the story's commits, and what differs from the expected verdicts. */
    public record Result(RunOutcome run, DemoHistory history, List<String> unexpected) {
        public boolean asExpected() {
            return unexpected.isEmpty();
        }
    }

    public Result call() {
        CommandCheck.requireExecutable("authbisect demo", "python3 (the demo's broker module is Python)",
                List.of("python3"), processEnv.get("PATH"), Path.of("."));
        DemoHistory history;
        try {
            OutputFolder.create(out, "--out", false);
            try (var entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw ExitException.usage("--out " + out + ": folder is not empty (expected a new or empty folder for the demo)");
                }
            }
            DemoFiles.extract(out);
            history = DemoHistory.create(out.resolve(DemoFiles.REPO_FOLDER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>(processEnv);
        env.putAll(DemoFiles.CREDENTIAL_ENV);
        HarnessConfig config = ConfigLoader.withEnvironment(env).load(DemoFiles.configFile(out));
        MatrixRun run = MatrixRun.of(config).processEnv(env).out(out.resolve("report")).listener(listener);
        if (cacheDir != null) {
            run.cacheDir(cacheDir);
        }
        RunOutcome outcome = run.call();
        return new Result(outcome, history, check(outcome.result(), history));
    }

    /** The answer the seed incident calls for (see README, "The demo"). */
    static List<String> check(RunResult result, DemoHistory story) {
        List<String> problems = new ArrayList<>();
        expect(result, "get_open_orders", Verdict.Kind.TRACKS_ENVIRONMENT, problems);
        expect(result, "get_account_summary", Verdict.Kind.MIXED, problems);
        expect(result, "get_order_history", Verdict.Kind.TRACKS_CODE, problems).ifPresent(v -> {
            String floatCommit = story.commit("floatCommit");
            String fix = story.commit("integerFixCommit");
            for (String env : List.of("local", "prod")) {
                boolean broke = v.transitions().stream().anyMatch(t -> t.env().equals(env) && t.kind() == Transition.Kind.BROKE
                        && t.firstBad().equals(floatCommit));
                boolean fixed = v.transitions().stream().anyMatch(t -> t.env().equals(env) && t.kind() == Transition.Kind.FIXED
                        && t.firstBad().equals(fix));
                if (!broke || !fixed) {
                    problems.add("get_order_history under " + env + ": expected it to break at " + floatCommit.substring(0, 7)
                            + " and be fixed at " + fix.substring(0, 7) + ", got " + v.transitions());
                }
            }
        });
        return problems;
    }

    private static Optional<Verdict> expect(RunResult result, String call, Verdict.Kind kind, List<String> problems) {
        Optional<Verdict> v = result.verdicts().stream().filter(x -> x.call().equals(call)).findFirst();
        if (v.isEmpty()) {
            problems.add(call + ": no verdict");
        } else if (v.get().verdict() != kind) {
            problems.add(call + ": expected " + kind + ", got " + v.get().verdict());
        }
        return v;
    }
}
