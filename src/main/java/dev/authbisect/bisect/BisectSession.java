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
    private record Known(String commit, Term term, Outcome outcome, String detail, boolean given, TrialOutcome tested) {
    }

    private final BisectGraph graph;
    private final boolean firstParent;
    private final BisectTerms terms;
    private final Function<String, String> moduleVersionOf;
    private final BisectListener listener;
    private final BisectTester tester;
    /** The reference client's test when premises are checked; null when they are not (git's behaviour). */
    private final java.util.function.Supplier<TrialOutcome> reference;
    private final Scope scope;

    /**
     * What the bisection is about, for the premise sentences.
     *
     * @param env    the environment's name
     * @param call   the call's name
     * @param repeat how many times the tester runs each point
     */
    record Scope(String env, String call, int repeat) {
    }

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
                  Function<String, String> moduleVersionOf, BisectListener listener, BisectTester tester,
                  java.util.function.Supplier<TrialOutcome> reference, Scope scope) {
        this.reference = reference;
        this.scope = scope;
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
        listener.started(start);
        for (String good : goods) {
            if (mv(good).equals(mv(bad))) {
                return new BisectResult.NoTestableCommit(start, "--good " + BisectChecks.shortId(good) + " and --bad "
                        + BisectChecks.shortId(bad) + " have the same module version, so the difference does not come from the module",
                        steps, List.copyOf(warnings));
            }
        }
        if (reference != null) {
            Optional<BisectResult> premiseEnd = checkPremises();
            if (premiseEnd.isPresent()) {
                return premiseEnd.get();
            }
        } else {
            results.put(mv(bad), new Known(bad, Term.BAD, null, "", true, null));
            for (String good : goods) {
                results.putIfAbsent(mv(good), new Known(good, Term.GOOD, null, "", true, null));
            }
        }
        Optional<BisectResult> mergeBaseEnd = checkMergeBases();
        return mergeBaseEnd.orElseGet(this::bisect);
    }

    // ---- premises: --bad is bad, every --good is good, and what the reference client says -----------

    private Optional<BisectResult> checkPremises() {
        List<String> current = candidates();
        int counted = (int) current.stream().filter(c -> !treesame(c)).count();
        Step badStep = evaluate(bad, Trial.Kind.PREMISE, counted, estimateSteps(counted));
        List<String> givenGoods = List.copyOf(goods);
        List<Step> goodSteps = new ArrayList<>();
        if (badStep.term() == Term.BAD) {
            for (String good : givenGoods) {
                goodSteps.add(evaluate(good, Trial.Kind.PREMISE, counted, estimateSteps(counted)));
            }
        }
        TrialOutcome ref = Objects.requireNonNull(reference.get(), "reference returned null");
        listener.reference(ref, terms.termOf(ref.outcome()));
        start = new BisectStart(start.bad(), start.goods(), start.firstParent(), start.badOn(), start.candidateCommits(),
                start.moduleVersionCount(), scope.repeat(), Optional.of(ref), start.env(), start.call());
        String where = scope.env().isEmpty() ? "in its environment" : "under " + scope.env();
        if (badStep.term() == Term.SKIP) {
            return premise(BisectResult.Premise.BAD_UNTESTED, bad, "Cannot bisect: --bad " + describe(bad) + " could not be"
                    + " tested (" + outcomeWords(badStep) + "); test it again or give another bad commit.");
        }
        if (badStep.term() == Term.GOOD) {
            return premise(BisectResult.Premise.BAD_PASSES, bad, "Nothing to bisect: --bad " + describe(bad) + " is not bad "
                    + where + ": it answers " + outcomeWords(badStep) + (terms.isDefault() ? ", which passes."
                    : ", which --bad-on " + terms.badOn().stream().map(Enum::name).sorted()
                    .collect(java.util.stream.Collectors.joining(",")) + " counts as good."));
        }
        for (int i = 0; i < goodSteps.size(); i++) {
            Step g = goodSteps.get(i);
            String good = givenGoods.get(i);
            if (g.term() == Term.SKIP) {
                return premise(BisectResult.Premise.GOOD_UNTESTED, good, "Cannot check --good " + describe(good) + ": it could"
                        + " not be tested (" + outcomeWords(g) + "), so it cannot be trusted as good; give a good commit"
                        + " the probe can test.");
            }
            if (g.term() != Term.BAD) {
                continue;
            }
            TrialOutcome tested = results.get(mv(good)).tested();
            String refWords = "the reference client " + (ref.outcome() == Outcome.OK ? "passes" : "gives " + ref.label())
                    + " " + where;
            if (!tested.setup().isEmpty()) {
                return premise(BisectResult.Premise.GOOD_FAILS_HARNESS, good, "The good commit " + describe(good) + " is bad"
                        + " too (" + outcomeWords(g) + ") and the test set-up explains it, not the code: " + tested.setup()
                        + " (" + refWords + "); fix the set-up and bisect again: no commit is to blame yet.");
            }
            if (terms.termOf(ref.outcome()) == Term.BAD && ref.outcome() == tested.outcome()) {
                String how = terms.isDefault() ? "fails" : "is bad";
                return premise(BisectResult.Premise.GOOD_FAILS_IN_ENVIRONMENT, good, "The good commit " + describe(good)
                        + " " + how + " too (" + outcomeWords(g) + "), so the failure tracks the environment: the reference"
                        + " client " + how + " the same way " + where + " (" + ref.label() + "); no commit is to blame.");
            }
            Term refTerm = terms.termOf(ref.outcome());
            if (refTerm == Term.GOOD) {
                return premise(BisectResult.Premise.GOOD_FAILS, good, "The good commit " + describe(good) + " is bad too ("
                        + outcomeWords(g) + ") while " + refWords + ": the regression is older than the range; widen it"
                        + " (give an older --good).");
            }
            String refState = refTerm == Term.SKIP ? "could not be tested " + where + " (" + ref.label() + ")"
                    : "is bad differently " + where + " (" + ref.label() + ")";
            return premise(BisectResult.Premise.GOOD_FAILS_UNDETERMINED, good, "The good commit " + describe(good)
                    + " is bad too (" + outcomeWords(g) + ") and the reference client " + refState + ": this does not tell"
                    + " the environment from an older regression; test again, or widen the range (give an older --good).");
        }
        return Optional.empty();
    }

    private Optional<BisectResult> premise(BisectResult.Premise which, String commit, String reason) {
        return Optional.of(new BisectResult.PremiseFailed(start, which, label(commit), reason, steps, List.copyOf(warnings)));
    }

    /** "a1b2c3d (“Add Crypto.com trade client”)". */
    private String describe(String commit) {
        String subject = graph.subject(commit);
        return BisectChecks.shortId(commit) + (subject.isEmpty() ? "" : " (“" + subject.replaceAll("\\s+", " ") + "”)");
    }

    /** "AUTH_REJECTED 40101 UNAUTHORIZED", with the diagnosis when there is one. */
    private static String outcomeWords(Step step) {
        String o = step.outcome().map(Enum::name).orElse(step.term().word());
        String d = step.detail().isEmpty() || step.detail().equals(o) ? "" : " " + step.detail();
        return o + d + (step.diagnosis().isEmpty() ? "" : ": " + step.diagnosis());
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
                initial.size(), ordinals.count(), scope.repeat(), Optional.empty(), scope.env(), scope.call());
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
                return new BisectResult.Found(start, label(bad), mv(bad), steps, List.copyOf(warnings), evidence(bad),
                        lastGood(bad));
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
            TrialOutcome t = known.tested();
            step = new Step(trial, known.given() ? Step.Source.GIVEN : Step.Source.REUSED, known.term(),
                    Optional.ofNullable(known.outcome()), known.detail(), Optional.of(known.commit()),
                    t == null ? "" : t.diagnosis(), t == null ? 1 : t.repetitions(), t == null || t.agreed());
        } else {
            listener.testing(trial);
            TrialOutcome outcome = Objects.requireNonNull(tester.test(commit, mv), "tester returned null");
            Term term = outcome.agreed() ? terms.termOf(outcome.outcome()) : Term.SKIP;
            results.put(mv, new Known(commit, term, outcome.outcome(), outcome.detail(), false, outcome));
            step = new Step(trial, Step.Source.TESTED, term, Optional.of(outcome.outcome()), outcome.detail(), Optional.empty(),
                    outcome.diagnosis(), outcome.repetitions(), outcome.agreed());
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

    /** What the module version of {@code commit} showed, when it was tested. */
    private Optional<BisectResult.Evidence> evidence(String commit) {
        Known k = results.get(mv(commit));
        if (k == null || k.tested() == null) {
            return Optional.empty();
        }
        return Optional.of(new BisectResult.Evidence(label(commit), k.tested().label(), k.tested().diagnosis(), k.commit()));
    }

    /** The parent of the first bad commit it was found against: the first one whose module version tested good. */
    private Optional<BisectResult.Evidence> lastGood(String firstBad) {
        List<String> parents = graph.parents(firstBad);
        for (String p : firstParent && !parents.isEmpty() ? parents.subList(0, 1) : parents) {
            Known k = results.get(mv(p));
            if (k != null && k.term() == Term.GOOD) {
                return k.tested() == null ? Optional.of(new BisectResult.Evidence(label(p), "good (given)", "", k.commit()))
                        : evidence(p);
            }
        }
        return Optional.empty();
    }

    private String mv(String commit) {
        return moduleVersions.computeIfAbsent(commit, c -> Objects.requireNonNull(moduleVersionOf.apply(c),
                () -> "no module version for commit " + c));
    }

    private CommitLabel label(String commit) {
        return new CommitLabel(commit, graph.subject(commit));
    }
}
