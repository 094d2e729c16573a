package dev.authbisect.cli;

import dev.authbisect.scaffold.Scaffold;
import dev.authbisect.scaffold.ScaffoldResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code authbisect init}: scaffold a config, a probe and a simulator scenario for a repository's client. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Find the client that signs venue requests in a repository (HEAD) and write a config, a probe and a "
                + "simulator scenario with a generated test key that run as written. Asks nothing.",
                "Then: authbisect check --config DIR/authbisect.yaml --probe"})
public final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--repo", required = true, paramLabel = "PATH", description = "The git repository with the client.")
    Path repo;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "harness-config",
            description = "Where to write authbisect.yaml, probes/ and sim/ (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--venue", paramLabel = "V", defaultValue = "crypto-com-exchange-v1",
            description = "The venue whose requests the client signs (default: ${DEFAULT-VALUE}).")
    String venue;

    @Option(names = "--force", description = "Overwrite files that exist.")
    boolean force;

    @Override
    public Integer call() {
        ScaffoldResult r = Scaffold.of(repo).dir(dir).venue(venue).force(force).call();
        PrintWriter out = spec.commandLine().getOut();
        out.println("found:");
        r.found().forEach(f -> out.println("  " + CellReasons.printable(f)));
        if (!r.missing().isEmpty()) {
            out.println("not found (the config marks these TODO):");
            r.missing().forEach(m -> out.println("  " + CellReasons.printable(m)));
        }
        out.println("wrote:");
        r.written().forEach(p -> out.println("  " + p));
        out.println("next:");
        r.next().forEach(n -> out.println("  " + n));
        out.flush();
        return 0;
    }
}
