package dev.authbisect.bisect;

import dev.authbisect.core.Outcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a bisection started from, carried by every result so writers need nothing else.
 *
 * @param bad                the bad commit given
 * @param goods              the good commits given, sorted by id (git's order)
 * @param firstParent        whether only first parents were followed
 * @param badOn              the {@code --bad-on} classes; empty for the default terms
 * @param candidateCommits   commits reachable from bad and from no good
 * @param moduleVersionCount distinct module versions in the range (both ends included)
 * @param repeat             how many times each point is tested ({@code --repeat N})
 * @param reference          the reference client's result in the bisected environment × call, when premises were checked
 * @param env                the environment bisected in (for sentences), or empty
 * @param call               the call bisected (for sentences), or empty
 */
public record BisectStart(CommitLabel bad, List<CommitLabel> goods, boolean firstParent, Set<Outcome> badOn,
                          int candidateCommits, int moduleVersionCount, int repeat, Optional<TrialOutcome> reference,
                          String env, String call) {
    /** A commit id with its subject. */
    public record CommitLabel(String id, String subject) {
        public CommitLabel {
            Objects.requireNonNull(id, "id");
            subject = subject == null ? "" : subject;
        }

        public String shortId() {
            return id.substring(0, Math.min(7, id.length()));
        }
    }

    public BisectStart {
        Objects.requireNonNull(bad, "bad");
        goods = goods == null ? List.of() : List.copyOf(goods);
        badOn = badOn == null ? Set.of() : Set.copyOf(badOn);
        repeat = Math.max(1, repeat);
        reference = reference == null ? Optional.empty() : reference;
        env = env == null ? "" : env;
        call = call == null ? "" : call;
    }

    public BisectStart(CommitLabel bad, List<CommitLabel> goods, boolean firstParent, Set<Outcome> badOn,
                       int candidateCommits, int moduleVersionCount) {
        this(bad, goods, firstParent, badOn, candidateCommits, moduleVersionCount, 1, Optional.empty(), "", "");
    }
}
