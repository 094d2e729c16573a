package dev.authbisect.bisect;

import dev.authbisect.bisect.BisectStart.CommitLabel;
import dev.authbisect.core.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** The mutable state of one {@link Bisection#run}: git's refs/bisect/* plus the module-version results. */
final class BisectSession {
    /** A result known for a module version. */
    private record Known(String commit, Term term, Outcome outcome, String detail, boolean given) {
    }

    private final BisectGraph graph;
    private final boolean firstParent;
    private final BisectTerms terms;
    private final Function<String, String> moduleVersionOf;
    private final BisectListener listener;
    private final BisectTester tester;

    private String bad;
    private boolean badFromMergeBase;
    private final TreeSet<String> goods;
    private final TreeSet<String> skipped = new TreeSet<>();
    private final Map<String, String> moduleVersions = new HashMap<>();
    private final Map<String, Known> results = new HashMap<>();
    private final List<Step> steps = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private ModuleVersionOrdinals ordinals;
    private BisectStart start;

    BisectSession(BisectGraph graph, String bad, List<String> goods, boolean firstParent, BisectTerms terms,
                  Function<String, String> moduleVersionOf, BisectListener listener, BisectTester tester) {
        this.graph = graph;
        this.bad = bad;
        this.goods = new TreeSet<>(goods);
        this.firstParent = firstParent;
        this.terms = terms;
        this.moduleVersionOf = moduleVersionOf;
        this.listener = listener;
        this.tester = tester;
    }

    BisectResult run() {
        List<String> initial = candidates();
        List<String> mergeBases = someGoodIsNotAncestor() ? MergeBases.of(graph, bad, goods) : List.of();
        describeStart(initial, mergeBases);
        for (String good : goods) {
            if (mv(good).equals(mv(bad))) {
                return new BisectResult.NoTestableCommit(start, "--good " + BisectChecks.shortId(good) + " and --bad "
                        + BisectChecks.shortId(bad) + " have the same module version, so the difference does not come from the module",
                        steps, List.copyOf(warnings));
            }
        }
        results.put(mv(bad), new Known(bad, Term.BAD, null, "", true));
        for (String good : goods) {
            results.putIfAbsent(mv(good), new Known(good, Term.GOOD, null, "", true));
        }
        Optional<BisectResult> mergeBaseEnd = checkMergeBases();
        return mergeBaseEnd.orElseGet(this::bisect);
    }

    private void describeStart(List<String> initial, List<String> mergeBases) {
        List<String> ends = new ArrayList<>(goods);
        ends.addAll(mergeBases);
        ends.sort(Comparator.comparingLong(graph::time).thenComparing(Comparator.naturalOrder()));
        List<String> oldestFirst = new ArrayList<>();
        ends.forEach(c -> oldestFirst.add(mv(c)));
        initial.forEach(c -> oldestFirst.add(mv(c)));
        oldestFirst.add(mv(bad));
        ordinals = new ModuleVersionOrdinals(oldestFirst);
        start = new BisectStart(label(bad), goods.stream().map(this::label).toList(), firstParent, terms.badOn(),
                initial.size(), ordinals.count());
    }

    // ---- merge bases (git's check_good_are_ancestors_of_bad) --------------------------------------

    private boolean someGoodIsNotAncestor() {
        Set<String> fromBad = graph.ancestors(List.of(bad));
        return goods.stream().anyMatch(g -> !fromBad.contains(g));
    }

    private Optional<BisectResult> checkMergeBases() {
        while (someGoodIsNotAncestor()) {
            String toTest = null;
            for (String mb : MergeBases.of(graph, bad, goods)) {
                if (mb.equals(bad)) {
                    if (!badFromMergeBase) {
                        throw new IllegalStateException("bad " + bad + " is an ancestor of a good commit (validation missed it)");
                    }
                    return Optional.of(new BisectResult.MergeBaseBad(start, label(bad),
                            goods.stream().map(this::label).toList(), steps, List.copyOf(warnings)));
                }
                if (goods.contains(mb)) {
                    continue;
                }
                if (skipped.contains(mb)) {
                    warnings.add("the merge base between " + bad + " and [" + String.join(" ", goods) + "] must be skipped; "
                            + "so we cannot be sure the first bad commit is between " + mb + " and " + bad + "; we continue anyway");
                    continue;
                }
                toTest = mb;
                break;
            }
            if (toTest == null) {
                return Optional.empty();
            }
            List<String> current = candidates();
            int counted = (int) current.stream().filter(c -> !treesame(c)).count();
            Step step = evaluate(toTest, Trial.Kind.MERGE_BASE, counted, estimateSteps(counted));
            apply(step);
            badFromMergeBase = step.term() == Term.BAD;
        }
        return Optional.empty();
    }

    // ---- bisection (git's bisect_next_all) ----------------------------------------------------------

    private BisectResult bisect() {
        while (true) {
            List<String> list = candidates();
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                index.put(list.get(i), i);
            }
            int[][] parents = new int[list.size()][];
            boolean[] treesame = new boolean[list.size()];
            for (int i = 0; i < list.size(); i++) {
                String c = list.get(i);
                List<String> ps = graph.parents(c);
                if (firstParent && !ps.isEmpty()) {
                    ps = ps.subList(0, 1);
                }
                parents[i] = ps.stream().filter(index::containsKey).mapToInt(index::get).toArray();
                treesame[i] = treesame(c);
            }
            boolean all = !skipped.isEmpty();
            FindBisection.Choice choice = new FindBisection(list, parents, treesame, firstParent).choose(all);
            List<String> ordered = choice.ordered().stream().map(list::get).toList();

            List<String> tried = new ArrayList<>();
            String pick;
            if (skipped.isEmpty() || ordered.isEmpty() || !skipped.contains(ordered.get(0))) {
                pick = ordered.isEmpty() ? null : ordered.get(0);
            } else {
                List<String> filtered = new ArrayList<>();
                for (String c : ordered) {
                    (skipped.contains(c) ? tried : filtered).add(c);
                }
                pick = filtered.isEmpty() ? null : SkipAway.choose(filtered, bad);
            }
            if (pick == null) {
                return new BisectResult.OnlySkippedLeft(start, tried.stream().map(this::label).toList(), steps, List.copyOf(warnings));
            }
            if (choice.nr() == 0) {
                return new BisectResult.NoTestableCommit(start, "no commit between the good commits and " + BisectChecks.shortId(bad)
                        + " changes the module version, so the difference does not come from the module", steps, List.copyOf(warnings));
            }
            if (pick.equals(bad)) {
                if (!tried.isEmpty()) {
                    tried.add(bad);
                    return new BisectResult.OnlySkippedLeft(start, tried.stream().map(this::label).toList(), steps,
                            List.copyOf(warnings));
                }
                return new BisectResult.Found(start, label(bad), mv(bad), steps, List.copyOf(warnings));
            }
            int revisionsLeft = choice.nr() - choice.reaches() - 1;
            apply(evaluate(pick, Trial.Kind.BISECT, revisionsLeft, estimateSteps(choice.nr())));
        }
    }

    /** git's {@code estimate_bisect_steps}. */
    static int estimateSteps(int all) {
        if (all < 3) {
            return 0;
        }
        int n = 31 - Integer.numberOfLeadingZeros(all);
        int e = 1 << n;
        int x = all - e;
        return e < 3 * x ? n : n - 1;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private List<String> candidates() {
        return CandidateWalk.candidates(graph, bad, List.copyOf(goods), graph.ancestors(goods), firstParent);
    }

    /** Keeps a parent's module version (first parent only in first-parent mode); such commits are never chosen. */
    private boolean treesame(String commit) {
        List<String> ps = graph.parents(commit);
        String own = mv(commit);
        for (String p : firstParent && !ps.isEmpty() ? ps.subList(0, 1) : ps) {
            if (mv(p).equals(own)) {
                return true;
            }
        }
        return false;
    }

    private Step evaluate(String commit, Trial.Kind kind, int revisionsLeft, int stepsLeft) {
        String mv = mv(commit);
        Trial trial = new Trial(steps.size() + 1, kind, commit, graph.subject(commit), mv, ordinals.ordinal(mv),
                ordinals.count(), revisionsLeft, stepsLeft);
        Known known = results.get(mv);
        Step step;
        if (known != null) {
            step = new Step(trial, known.given() ? Step.Source.GIVEN : Step.Source.REUSED, known.term(),
                    Optional.ofNullable(known.outcome()), known.detail(), Optional.of(known.commit()));
        } else {
            listener.testing(trial);
            TrialOutcome outcome = Objects.requireNonNull(tester.test(commit, mv), "tester returned null");
            Term term = terms.termOf(outcome.outcome());
            results.put(mv, new Known(commit, term, outcome.outcome(), outcome.detail(), false));
            step = new Step(trial, Step.Source.TESTED, term, Optional.of(outcome.outcome()), outcome.detail(), Optional.empty());
        }
        steps.add(step);
        listener.stepped(step);
        return step;
    }

    private void apply(Step step) {
        String commit = step.trial().commit();
        switch (step.term()) {
            case GOOD -> goods.add(commit);
            case BAD -> bad = commit;
            case SKIP -> skipped.add(commit);
        }
    }

    private String mv(String commit) {
        return moduleVersions.computeIfAbsent(commit, c -> Objects.requireNonNull(moduleVersionOf.apply(c),
                () -> "no module version for commit " + c));
    }

    private CommitLabel label(String commit) {
        return new CommitLabel(commit, graph.subject(commit));
    }
}
