package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.Row;
import dev.authbisect.core.Redactor;
import dev.authbisect.history.ModuleVersion;
import dev.authbisect.workspace.WorktreeModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Words about the working-tree row: which files changed, and where its cells differ from HEAD's. */
final class Worktrees {
    static final int LISTED = 5;
    /** How the result's warning about untested uncommitted changes ends. */
    static final String UNTESTED_NOTE_END = "; they are not tested: run with --worktree to add them as a row.";

    private Worktrees() {
    }

    /** "3 files: a.py, b.py, c.py" (at most {@link #LISTED} named). */
    static String list(List<String> paths) {
        String named = String.join(", ", paths.subList(0, Math.min(LISTED, paths.size())));
        return paths.size() + (paths.size() == 1 ? " file: " : " files: ") + named
                + (paths.size() > LISTED ? ", …" : "");
    }

    /** One sentence per cell where the working tree's outcome differs from the HEAD commit's module version. */
    static List<String> differences(WorktreeModule.State tree, List<ModuleVersion> versions, Map<String, String> rowIds,
                                    List<Cell> cells, Redactor redactor) {
        List<String> out = new ArrayList<>();
        out.add("Row worktree is the uncommitted working tree (" + list(tree.changed()) + " changed since HEAD "
                + tree.head().name().substring(0, 7) + "); it is not part of the verdicts.");
        Optional<String> headRow = versions.stream().filter(v -> v.commits().stream().anyMatch(c -> c.id().equals(tree.head())))
                .findFirst().map(v -> rowIds.get(v.id()));
        if (headRow.isEmpty()) {
            return out;
        }
        for (Cell w : cells) {
            if (!w.row().equals(Row.WORKTREE_ID)) {
                continue;
            }
            cells.stream().filter(c -> c.row().equals(headRow.get()) && c.env().equals(w.env()) && c.call().equals(w.call()))
                    .findFirst()
                    .filter(h -> h.outcome() != w.outcome() || !h.codeLabel().equals(w.codeLabel()))
                    .ifPresent(h -> out.add(redactor.redact("The working tree gets " + w.codeLabel() + " for " + w.call()
                            + " under " + w.env() + " where HEAD " + tree.head().name().substring(0, 7) + " (" + headRow.get()
                            + ") gets " + h.codeLabel() + ".")));
        }
        return out;
    }
}
