package dev.authbisect.cli;

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

    @picocli.CommandLine.Mixin
    ConfigOptions options;

    @Override
    public Integer call() {
        HarnessConfig cfg = options.load(root);
        String text = ConfigCheck.of(cfg, System.getenv(), options.cache, r -> root.redactor(r)).describe();
        spec.commandLine().getOut().print(text);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
