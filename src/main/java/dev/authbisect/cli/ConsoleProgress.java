package dev.authbisect.cli;

import dev.authbisect.analysis.Cell;
import dev.authbisect.run.RunListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr: a bar on a terminal that allows ANSI, one line per trial otherwise (CI
 * logs, NO_COLOR, TERM=dumb, pipes). Counters print in order under {@code --jobs}. An undecided
 * cell (PROBE_ERROR, TRANSPORT_ERROR, NOT_SENT, SKIPPED) gets a line with its reason and the
 * trial's log file; {@link #finished()} counts them by reason.
 */
final class ConsoleProgress implements RunListener {
    private final PrintWriter err;
    private final boolean bar;
    private final Object lock = new Object();
    private int done;
    private int total;
    private ProgressBar progressBar;
    /** "OUTCOME: reason" → count and one log file. */
    private final Map<String, Group> undecided = new LinkedHashMap<>();

    private record Group(int count, Optional<Path> log) {
    }

    private ConsoleProgress(PrintWriter err, boolean bar) {
        this.err = err;
        this.bar = bar;
    }

    /** The line every command that runs probes prints before the first one: how probes are contained here. */
    static String containmentLine() {
        return "authbisect: containment: " + dev.authbisect.process.Containment.detected().describe();
    }

    static ConsoleProgress create(PrintWriter err, Terminal terminal) {
        return new ConsoleProgress(err, terminal.bar());
    }

    @Override
    public void planned(int moduleVersions, int commits, int trials) {
        synchronized (lock) {
            total = trials;
            err.println("authbisect: " + commits + (commits == 1 ? " commit → " : " commits → ") + moduleVersions
                    + (moduleVersions == 1 ? " module version; " : " module versions; ") + trials + " trials");
            err.println(containmentLine());
            err.flush();
            if (bar) {
                progressBar = new ProgressBarBuilder().setTaskName("trials").setInitialMax(trials)
                        .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).continuousUpdate().build();
            }
        }
    }

    @Override
    public void trialFinished(String what, List<Cell> cells, Optional<Path> log) {
        synchronized (lock) {
            int n = ++done;
            List<String> reasons = new ArrayList<>();
            for (Cell c : cells) {
                if (CellReasons.UNDECIDED.contains(c.outcome())) {
                    String line = c.outcome() + ": " + CellReasons.of(c);
                    undecided.merge(line, new Group(1, log), (a, b) -> new Group(a.count + 1, a.log.or(() -> b.log)));
                    if (CellReasons.EXPLAINED.contains(c.outcome()) && !reasons.contains(line)) {
                        reasons.add(line);
                    }
                }
            }
            if (progressBar != null) {
                progressBar.stepTo(n);
                progressBar.setExtraMessage(CellReasons.printable(what));
                if (n >= total) {
                    progressBar.close();
                    progressBar = null;
                }
                return;
            }
            String outcomes = cells.stream().map(c -> c.call() + "=" + c.codeLabel()).collect(Collectors.joining(", "));
            err.println("[" + n + "/" + total + "] " + CellReasons.printable(what) + ": " + outcomes);
            for (String r : reasons) {
                err.println("    " + r + log.map(p -> " (log: " + p + ")").orElse(""));
            }
            err.flush();
        }
    }

    @Override
    public void trialFinished(String what, List<Cell> cells) {
        trialFinished(what, cells, Optional.empty());
    }

    @Override
    public void uncommittedChanges(List<String> paths, boolean tested) {
        synchronized (lock) {
            String files = paths.size() + (paths.size() == 1 ? " file" : " files") + " under the module paths ("
                    + CellReasons.printable(String.join(", ", paths.subList(0, Math.min(5, paths.size())))) + (paths.size() > 5 ? ", …" : "") + ")" + (paths.size() == 1 ? " differs" : " differ") + " from HEAD";
            if (paths.isEmpty()) {
                err.println("authbisect: --worktree: the working tree has no uncommitted changes under the module paths; no worktree row");
            } else if (tested) {
                err.println("authbisect: testing the uncommitted working tree as row 'worktree': " + files);
            } else {
                err.println("authbisect: uncommitted changes are not tested: " + files + "; add --worktree to test them as a row");
            }
            err.flush();
        }
    }

    @Override
    public void note(String line) {
        synchronized (lock) {
            err.println("authbisect: " + CellReasons.printable(line));
            err.flush();
        }
    }

    /** Closes the bar and prints how many cells are undecided, by reason (nothing when every cell decided). */
    void finished() {
        synchronized (lock) {
            if (progressBar != null) {
                progressBar.close();
                progressBar = null;
            }
            if (undecided.isEmpty()) {
                return;
            }
            int cells = undecided.values().stream().mapToInt(Group::count).sum();
            err.println("authbisect: " + cells + (cells == 1 ? " cell" : " cells") + " undecided:");
            undecided.forEach((reason, g) -> err.println("  " + g.count + " × " + reason
                    + g.log.map(p -> " (e.g. " + p + ")").orElse("")));
            err.flush();
        }
    }
}
