package dev.authbisect.bisect;

import dev.authbisect.core.ExitException;
import java.util.Collection;
import java.util.List;

/**
 * One-line usage errors (exit 2) for bisection input. {@link Bisection#run} applies
 * {@link #validate}; the command layer can use the name checks for {@code --env}/{@code --call}.
 */
public final class BisectChecks {
    private BisectChecks() {
    }

    /** Requires {@code id} to be a commit of {@code graph}; {@code option} names where it came from. */
    public static void requireCommit(BisectGraph graph, String id, String option) {
        if (id == null || id.isBlank()) {
            throw ExitException.usage(option + ": missing; expected a commit (id, branch or tag)");
        }
        if (!graph.contains(id)) {
            throw ExitException.usage(option + " " + id + ": not a commit in the loaded history");
        }
    }

    /** Requires {@code given} to be one of {@code known}, e.g. {@code --env local} among the configured environments. */
    public static void requireName(String option, String what, String given, Collection<String> known) {
        if (given == null || !known.contains(given)) {
            throw ExitException.usage(option + " '" + given + "': unknown " + what + "; expected one of: "
                    + String.join(", ", known));
        }
    }

    /**
     * The checks git makes before bisecting, as usage errors: good and bad are commits of the graph,
     * no good is the bad commit, the bad commit is not an ancestor of a good one, and every good that
     * is not an ancestor of bad shares history with it (a merge base to test).
     */
    public static void validate(BisectGraph graph, String bad, List<String> goods) {
        requireCommit(graph, bad, "--bad");
        for (String good : goods) {
            requireCommit(graph, good, "--good");
        }
        var badAncestors = graph.ancestors(List.of(bad));
        for (String good : goods) {
            if (good.equals(bad)) {
                throw ExitException.usage("--good and --bad are the same commit " + shortId(bad)
                        + "; expected a good commit older than the bad one");
            }
            if (badAncestors.contains(good)) {
                continue;
            }
            if (graph.isAncestor(bad, good)) {
                throw ExitException.usage("--good " + shortId(good) + " is a descendant of --bad " + shortId(bad)
                        + "; expected the good commit before the bad one (are --good and --bad swapped?)");
            }
            if (MergeBases.of(graph, bad, List.of(good)).isEmpty()) {
                throw ExitException.usage("--good " + shortId(good) + " is not an ancestor of --bad " + shortId(bad)
                        + " and they share no history; expected a good commit on the history of the bad one");
            }
        }
    }

    static String shortId(String id) {
        return id.substring(0, Math.min(7, id.length()));
    }
}
