package dev.authbisect.cli;

import dev.authbisect.bisect.BisectListener;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code authbisect bisect}: the first bad commit for one environment × call, git's algorithm over module versions. */
@Command(name = "bisect", mixinStandardHelpOptions = true,
        description = "Find the first bad commit for one environment × call, like git bisect but testing each module version once.")
public final class BisectCommand implements Callable<Integer> {
    @ParentCommand
    AuthBisect root;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    ConfigOptions options;

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
            description = "Only these outcome classes are bad (e.g. AUTH_REJECTED); other decisive classes are good. Default: any failure.")
    String badOn;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: reports/bisect-<run-id>).")
    Path out;

    @Override
    public Integer call() {
        HarnessConfig cfg = options.load(root);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        BisectRun run = BisectRun.of(cfg).good(good).bad(bad).env(env).call(call).firstParent(firstParent).badOn(badOn)
                .redactorSink(r -> root.redactor(r))
                .listener(new BisectListener() {
                    private boolean started;

                    @Override
                    public void stepped(Step step) {
                        if (!started) { // once the premises hold and probes run (usage errors stay one line)
                            started = true;
                            err.println("authbisect: containment: " + dev.authbisect.probe.Containment.detected().describe());
                        }
                        err.println(root.redactor().redact(BisectText.line(step)));
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
            stdout.println("    author: " + f.author());
            stdout.println("    module paths changed: " + (f.changedModulePaths().isEmpty() ? "(none)" : String.join(", ", f.changedModulePaths())));
        } else {
            stdout.println(root.redactor().redact(BisectText.conclusion(outcome.result())));
        }
        stdout.println("bisect: " + outcome.dir().resolve("bisect.html"));
        stdout.flush();
        return outcome.exitCode();
    }
}
