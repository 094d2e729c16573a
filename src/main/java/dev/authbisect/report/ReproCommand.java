package dev.authbisect.report;

import dev.authbisect.analysis.CommitRef;
import dev.authbisect.analysis.Row;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command that runs one cell again: its row's commit alone ({@code <sha>^!}), its environment
 * and its call — {@code authbisect run --config F --range 3f2a9c1…^! --env prod --call get_open_orders}.
 * The working-tree row adds {@code --worktree}; the reference row runs alongside any commit.
 */
final class ReproCommand {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private ReproCommand() {
    }

    /**
     * @param config the config path from result.json (empty: a placeholder the reader replaces)
     * @param newest the newest commit of the run, for rows without commits of their own
     */
    static String of(String config, Row row, String newest, String env, String call) {
        List<CommitRef> commits = row.commits();
        String rev = row.isWorktree() ? "HEAD" : abbreviated(commits.isEmpty() ? (newest.isEmpty() ? "HEAD" : newest) : commits.get(0).id());
        return "authbisect run --config " + (config.isEmpty() ? "CONFIG.yaml" : quote(config)) + " --range " + quote(rev + "^!")
                + (row.isWorktree() ? " --worktree" : "") + " --env " + quote(env) + " --call " + quote(call);
    }

    /** 12 hex digits: unambiguous in any repository of a realistic size, and shorter in a page with thousands of cells. */
    private static String abbreviated(String id) {
        return id.matches("[0-9a-f]{40}") ? id.substring(0, 12) : id;
    }

    /** A POSIX shell word: as is when it is plain, else single-quoted. */
    static String quote(String word) {
        if (SAFE.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
