package dev.authbisect.run;

import dev.authbisect.config.CommitSelection;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.core.ExitException;
import dev.authbisect.history.CommitNode;
import dev.authbisect.history.CommitRange;
import dev.authbisect.history.GitRepos;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.Repository;

/** Opens the target repository and resolves its commits, placing errors at the config's line:column. */
final class TargetHistory {
    private TargetHistory() {
    }

    static Repository open(HarnessConfig config, Path cache) {
        try {
            return GitRepos.open(config.target().repo(), cache);
        } catch (ExitException e) {
            throw config.error("/target/repo", e.getMessage());
        }
    }

    /** The selected commits; {@code fromOption} names the option a selection came from ("--range"), or null for the config. */
    static List<CommitNode> commits(Repository repo, HarnessConfig config, CommitSelection selection, String fromOption) {
        try {
            return CommitRange.resolve(repo, selection).commits();
        } catch (ExitException e) {
            if (fromOption != null) {
                throw ExitException.usage(e.getMessage().replaceFirst("^commits\\.range", fromOption));
            }
            throw config.error(selection.range().isPresent() ? "/commits/range" : "/commits/revs", e.getMessage());
        }
    }
}
