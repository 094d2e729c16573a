package dev.authbisect.cli;

import dev.authbisect.bisect.BisectListener;
import dev.authbisect.bisect.BisectResult;
import dev.authbisect.bisect.BisectStart;
import dev.authbisect.bisect.Term;
import dev.authbisect.bisect.TrialOutcome;
import dev.authbisect.bisect.BisectText;
import dev.authbisect.bisect.Step;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.run.BisectRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authbisect bisect}: the first bad commit for one environment × call, git's algorithm over module versions. */
@Command(name = "bisect", mixinStandardHelpOptions = true,
        description = "Find the first bad commit for one environment × call, like git bisect but testing each module version once.")
public final class BisectCommand extends ConfigCommand implements Callable<Integer> {
    @Option(names = "--good", required = true, paramLabel = "REV", description = "A good revision (repeatable).")
    List<String> good = new ArrayList<>();

    @Option(names = "--bad", required = true, paramLabel = "REV", description = "The bad revision.")
    String bad;

    @Option(names = "--env", required = true, paramLabel = "NAME", description = "The environment to test in.")
    String env;

    @Option(names = "--call", required = true, paramLabel = "NAME", description = "The call whose outcome decides good or bad.")
    String call;

    @Option(names = "--first-parent", description = "Follow only the first parent of merges (like git bisect --first-parent).")
    boolean firstParent;

    @Option(names = "--bad-on", paramLabel = "CLASS[,CLASS…]",
            description = "What the --bad commit shows: a commit is bad when its outcome is one of these classes "
                    + "(e.g. AUTH_REJECTED) and good when it is any other decisive class. --bad-on OK finds the commit "
                    + "that fixed the call (then --good names a failing commit). Default: bad = any failure, good = OK.")
    String badOn;

    @Option(names = "--repeat", paramLabel = "N",
            description = "Test each point N times; repetitions that disagree make the point a skip (default: 1).")
    int repeat = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports/bisect-<run-id>).")
    Path out;

    @Override
    public Integer call() {
        HarnessConfig cfg = options.load(root);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        BisectRun run = BisectRun.of(cfg).good(good).bad(bad).env(env).call(call).firstParent(firstParent).badOn(badOn)
                .repeat(repeat).redactorSink(r -> root.redactor(r))
                .listener(new BisectListener() {
                    private boolean started;

                    @Override
                    public void started(BisectStart start) {
                        err.println(root.redactor().redact(BisectText.start(start, env, call)));
                        err.flush();
                    }

                    @Override
                    public void stepped(Step step) {
                        if (!started) { // once the premises hold and probes run (usage errors stay one line)
                            started = true;
                            err.println(ConsoleProgress.containmentLine());
                        }
                        err.println(root.redactor().redact(BisectText.line(step)));
                        err.flush();
                    }

                    @Override
                    public void reference(TrialOutcome outcome, Term term) {
                        err.println(root.redactor().redact(BisectText.reference(outcome, term)));
                        err.flush();
                    }
                });
        if (out != null) {
            run.out(out);
        }
        if (options.cache != null) {
            run.cacheDir(options.cache);
        }
        BisectRun.Outcome outcome = run.call();
        if (outcome.firstBad().isPresent()) {
            BisectRun.FirstBad f = outcome.firstBad().get();
            stdout.println(f.id() + " is the first bad commit");
            stdout.println("    " + f.subject());
            String terms = BisectText.badOnWords(outcome.result().start(), call, env);
            if (!terms.isEmpty()) {
                stdout.println("    " + terms);
            }
            stdout.println("    author: " + f.author());
            stdout.println("    module paths changed: " + (f.changedModulePaths().isEmpty() ? "(none)" : String.join(", ", f.changedModulePaths())));
            for (String line : BisectText.evidence((BisectResult.Found) outcome.result())) {
                stdout.println("    " + root.redactor().redact(line));
            }
            stdout.println("    " + BisectText.testsAndSteps(outcome.result()));
        } else {
            stdout.println(root.redactor().redact(BisectText.conclusion(outcome.result())));
        }
        stdout.println("bisect: " + outcome.dir().resolve("bisect.html"));
        stdout.flush();
        return outcome.exitCode();
    }
}
