package dev.authbisect.cli;

import dev.authbisect.analysis.Cell;
import dev.authbisect.run.RunListener;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress on stderr: a bar on a terminal, one line per trial otherwise (CI logs). */
final class ConsoleProgress implements RunListener {
    private final PrintWriter err;
    private final boolean bar;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total;
    private volatile ProgressBar progressBar;

    private ConsoleProgress(PrintWriter err, boolean bar) {
        this.err = err;
        this.bar = bar;
    }

    static ConsoleProgress create(PrintWriter err) {
        return new ConsoleProgress(err, System.console() != null && System.getenv("CI") == null);
    }

    @Override
    public void planned(int moduleVersions, int commits, int trials) {
        total = trials;
        err.println("authbisect: " + commits + (commits == 1 ? " commit → " : " commits → ") + moduleVersions
                + (moduleVersions == 1 ? " module version; " : " module versions; ") + trials + " trials");
        err.println("authbisect: containment: " + dev.authbisect.probe.Containment.detected().describe());
        err.flush();
        if (bar) {
            ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("trials").setInitialMax(trials)
                    .setStyle(System.getenv("NO_COLOR") != null ? ProgressBarStyle.ASCII : ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .continuousUpdate();
            progressBar = b.build();
        }
    }

    @Override
    public void trialFinished(String what, List<Cell> cells) {
        int n = done.incrementAndGet();
        ProgressBar pb = progressBar;
        if (pb != null) {
            pb.stepTo(n);
            pb.setExtraMessage(what);
            if (n >= total) {
                pb.close();
            }
            return;
        }
        String outcomes = cells.stream().map(c -> c.call() + "=" + c.codeLabel()).collect(Collectors.joining(", "));
        synchronized (err) {
            err.println("[" + n + "/" + total + "] " + what + ": " + outcomes);
            err.flush();
        }
    }
}
