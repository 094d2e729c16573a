package dev.authbisect.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every command that reads a harness config has ({@code run}, {@code bisect}, {@code drift}, {@code check}):
 * the root command (redactor, {@code --stacktrace}), its own spec (the out/err writers) and the config options.
 */
abstract class ConfigCommand {
    @ParentCommand
    AuthBisect root;

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOptions options;
}
