package dev.authbisect.cli;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.Verdict;
import java.io.PrintWriter;

/** Prints a result's verdicts on stdout, one block per call. */
final class Verdicts {
    private Verdicts() {
    }

    static void print(PrintWriter out, RunResult result) {
        out.println("range " + dev.authbisect.analysis.ResolvedRange.of(result).text(false));
        for (Verdict v : result.verdicts()) {
            out.println(v.call() + ": " + v.verdict() + (v.provisional() ? " (provisional)" : ""));
            for (String s : v.sentences()) {
                out.println("  " + s);
            }
        }
        out.flush();
    }
}
