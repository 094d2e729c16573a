package dev.authbisect.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code authbisect completion}: prints a bash/zsh completion script (picocli's AutoComplete). */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash and zsh.",
                "bash:  source <(authbisect completion)        (or save it under ~/.local/share/bash-completion/completions/authbisect)",
                "zsh:   autoload -U +X bashcompinit && bashcompinit && source <(authbisect completion)"})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(AutoComplete.bash("authbisect", spec.root().commandLine()));
        out.flush();
        return 0;
    }
}
