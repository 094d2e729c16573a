package dev.authbisect.cli;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.demo.Demo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code authbisect demo}: the seed incident reproduced end to end on the embedded simulator. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Reproduce the Crypto.com 40101 incident end to end: build a 14-commit history, run the matrix "
                + "against the embedded simulator, print the verdicts and the report's path.")
public final class DemoCommand implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand
    AuthBisect root;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write the demo (default: reports/demo-<time>).")
    Path out;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache of builds (default: $AUTHBISECT_CACHE, else $XDG_CACHE_HOME/authbisect, else ~/.cache/authbisect).")
    Path cache;

    @Override
    public Integer call() {
        Path dir = out != null ? out : Path.of("reports", "demo-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        PrintWriter stdout = spec.commandLine().getOut();
        ConsoleProgress progress = ConsoleProgress.create(spec.commandLine().getErr(), root.terminal());
        Demo demo = Demo.in(dir, System.getenv()).listener(progress);
        if (cache != null) {
            demo.cacheDir(cache);
        }
        Demo.Result result = demo.call();
        progress.finished();
        Verdicts.print(stdout, result.run().result());
        stdout.println("report: " + result.run().indexHtml());
        Path top = result.history().dir().getParent();
        stdout.println("demo: wrote " + top.resolve("harness-config") + "/ (demo.yaml, probe, scenario) and "
                + result.history().dir() + "/ (the story's git history)");
        stdout.println("demo: to run it yourself, set DEMO_LOCAL_API_KEY, DEMO_LOCAL_API_SECRET, DEMO_PROD_API_KEY and"
                + " DEMO_PROD_API_SECRET to the two demo keys of harness-config/sim/seed-rca.yaml, then:"
                + " authbisect run --config " + top.resolve("harness-config/demo.yaml"));
        if (!result.asExpected()) {
            result.unexpected().forEach(p -> stdout.println("unexpected: " + p));
            stdout.flush();
            return ExitCodes.FAILURES;
        }
        stdout.println("demo: the verdicts are the expected ones (environment, code, mixed)");
        stdout.flush();
        return ExitCodes.OK;
    }
}
