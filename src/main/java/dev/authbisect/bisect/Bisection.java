package dev.authbisect.bisect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * git's bisection on a commit DAG, testing module versions instead of commits.
 *
 * <pre>{@code
 * BisectResult r = Bisection.on(graph)
 *         .bad(badId).good(goodId)
 *         .moduleVersions(index::moduleVersionOf)
 *         .terms(BisectTerms.parse("AUTH_REJECTED"))
 *         .listener(progress)
 *         .run((commit, moduleVersion) -> probe(commit));
 * }</pre>
 *
 * <p>Candidates are the commits reachable from bad and from no good; each step tests the commit git
 * would pick ({@link FindBisection}), goods that are not ancestors of bad have their merge bases
 * tested first, skips move away like git's {@code skip_away}. Two things make it cheaper than git:
 * a commit that keeps a parent's module version is never chosen (like a git pathspec over the
 * module), and a commit whose module version already has a result (tested, or the module version
 * of a {@code --good}/{@code --bad} commit) takes it without running the tester. When every commit
 * changes the module version, the steps are exactly git's.
 */
public final class Bisection {
    private final BisectGraph graph;
    private String bad;
    private final List<String> goods = new ArrayList<>();
    private boolean firstParent;
    private BisectTerms terms = BisectTerms.defaults();
    private Function<String, String> moduleVersionOf = Function.identity();
    private BisectListener listener = BisectListener.NONE;
    private java.util.function.Supplier<TrialOutcome> reference;
    private String env = "";
    private String call = "";
    private int repeat = 1;

    private Bisection(BisectGraph graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    public static Bisection on(BisectGraph graph) {
        return new Bisection(graph);
    }

    public Bisection bad(String commit) {
        this.bad = commit;
        return this;
    }

    public Bisection good(String... commits) {
        return goods(List.of(commits));
    }

    public Bisection goods(Collection<String> commits) {
        for (String c : commits) {
            if (!goods.contains(c)) {
                goods.add(c);
            }
        }
        return this;
    }

    /** Follow only first parents, like {@code git bisect start --first-parent}. */
    public Bisection firstParent(boolean firstParent) {
        this.firstParent = firstParent;
        return this;
    }

    public Bisection terms(BisectTerms terms) {
        this.terms = Objects.requireNonNull(terms, "terms");
        return this;
    }

    /** The module version of each commit; defaults to the commit id (every commit its own version). */
    public Bisection moduleVersions(Function<String, String> moduleVersionOf) {
        this.moduleVersionOf = Objects.requireNonNull(moduleVersionOf, "moduleVersionOf");
        return this;
    }

    /**
     * Check the premises before bisecting (what {@code authbisect bisect} does; git does not): {@code --bad}
     * is tested and must be bad, every {@code --good} is tested (once per module version) and must be good,
     * and {@code reference} (the reference client in the same environment × call) decides what a bad good
     * commit means: the environment when it is bad the same way, otherwise a range that starts too late.
     * The test set-up explaining a good commit's failure ({@link TrialOutcome#setup()}) comes first.
     */
    public Bisection premises(java.util.function.Supplier<TrialOutcome> reference) {
        this.reference = Objects.requireNonNull(reference, "reference");
        return this;
    }

    /** Names for the premise sentences, and how many times the tester runs each point. */
    public Bisection scope(String env, String call, int repeat) {
        this.env = Objects.requireNonNull(env, "env");
        this.call = Objects.requireNonNull(call, "call");
        this.repeat = Math.max(1, repeat);
        return this;
    }

    public Bisection listener(BisectListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Runs the bisection, calling {@code tester} at most once per module version.
     *
     * @throws dev.authbisect.core.ExitException (usage, exit 2) for input git would refuse, see {@link BisectChecks#validate}
     */
    public BisectResult run(BisectTester tester) {
        Objects.requireNonNull(tester, "tester");
        BisectChecks.validate(graph, bad, goods);
        return new BisectSession(graph, bad, goods, firstParent, terms, moduleVersionOf, listener, tester, reference,
                new BisectSession.Scope(env, call, repeat)).run();
    }
}
