package dev.authbisect.cli;

import dev.authbisect.config.ConfigLoader;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.run.ConfigCheck;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code authbisect check}: validate a config and print it resolved, secrets redacted. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a config (credentials, repository, range) and print it resolved, with secrets redacted.")
public final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    AuthBisect root;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The harness config (YAML, version 1).")
    Path config;

    @Option(names = "--cache", paramLabel = "DIR", description = "Cache of clones (default: $AUTHBISECT_CACHE, else $XDG_CACHE_HOME/authbisect, else ~/.cache/authbisect).")
    Path cache;

    @Override
    public Integer call() {
        HarnessConfig cfg = ConfigLoader.withEnvironment(System.getenv()).load(config);
        String text = ConfigCheck.of(cfg, System.getenv(), cache, r -> root.redactor(r)).describe();
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
