package dev.authbisect.analysis;

import dev.authbisect.core.ClockCheck;
import dev.authbisect.core.Outcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Combines one call's environment findings into its verdict and writes the sentences.
 *
 * <p>Sentence rules: every sentence starts with a capital letter or a name and ends with a full stop;
 * names (calls, environments, commit ids, variables) are in backticks; data never brings a backtick
 * or a line break (see {@link Phrases#clean}). {@code VerdictSentencesTest} checks them over generated
 * runs of every shape.
 */
final class VerdictWriter {
    private final CallAnalysis analysis;
    private final List<EnvFinding> findings;
    private final String call;

    VerdictWriter(CallAnalysis analysis, List<EnvFinding> findings) {
        this.analysis = analysis;
        this.findings = findings;
        this.call = Phrases.name(analysis.call());
    }

    Verdict verdict() {
        List<EnvFinding> envCause = with(EnvFinding.Blame.ENVIRONMENT);
        List<EnvFinding> codeCause = with(EnvFinding.Blame.CODE);
        List<EnvFinding> harness = with(EnvFinding.Blame.HARNESS);
        List<EnvFinding> undetermined = with(EnvFinding.Blame.UNDETERMINED);
        List<EnvFinding> passing = findings.stream()
                .filter(f -> f.shape() == EnvFinding.Shape.ALL_PASS && f.blame() == EnvFinding.Blame.NONE).toList();
        List<EnvFinding> noData = findings.stream()
                .filter(f -> f.shape() == EnvFinding.Shape.NO_DATA && f.blame() == EnvFinding.Blame.NONE).toList();
        List<Transition> transitions = codeCause.stream().flatMap(f -> f.transitions().stream()).toList();

        Verdict.Kind kind;
        if (findings.isEmpty() || noData.size() == findings.size()) {
            kind = Verdict.Kind.INCONCLUSIVE;
        } else if (!envCause.isEmpty() && !codeCause.isEmpty()) {
            kind = Verdict.Kind.MIXED;
        } else if (!envCause.isEmpty()) {
            kind = Verdict.Kind.TRACKS_ENVIRONMENT;
        } else if (!codeCause.isEmpty()) {
            kind = Verdict.Kind.TRACKS_CODE;
        } else if (!harness.isEmpty()) {
            kind = Verdict.Kind.HARNESS;
        } else if (!undetermined.isEmpty()) {
            kind = Verdict.Kind.INCONCLUSIVE;
        } else {
            kind = Verdict.Kind.PASS;
        }
        List<EnvFinding> gapped = findings.stream().filter(EnvFinding::provisional).toList();
        boolean harnessElsewhere = !harness.isEmpty() && kind != Verdict.Kind.HARNESS;
        boolean provisional = !gapped.isEmpty() || harnessElsewhere;

        List<String> s = new ArrayList<>();
        boolean mixed = kind == Verdict.Kind.MIXED;
        for (EnvFinding f : envCause) {
            s.add(environmentSentence(f, passing, mixed));
        }
        s.addAll(codeSentences(codeCause, mixed));
        Set<String> fixes = new LinkedHashSet<>();
        for (EnvFinding f : harness) {
            s.add(harnessSentence(f));
            f.setup().map(SetupProblem::fix).filter(x -> !x.isEmpty()).ifPresent(fixes::add);
        }
        s.addAll(fixes); // one fix sentence for the environments that share it
        if (kind == Verdict.Kind.PASS || (!passing.isEmpty() && kind != Verdict.Kind.TRACKS_ENVIRONMENT
                && kind != Verdict.Kind.MIXED && kind != Verdict.Kind.TRACKS_CODE)) {
            s.add(passSentence(passing));
        }
        for (EnvFinding f : undetermined) {
            s.add(undeterminedSentence(f));
        }
        for (EnvFinding f : noData) {
            s.add("No module version gave a decisive result for " + call + " under " + Phrases.name(f.env())
                    + " (" + Phrases.undecidedBreakdown(f.undecided()) + ").");
        }
        for (EnvFinding f : gapped) {
            s.add(provisionalSentence(f));
        }
        for (EnvFinding f : passing) {
            f.referenceState().filter(r -> !r.ok()).ifPresent(r -> s.add("The reference client fails " + call
                    + " under " + Phrases.name(f.env()) + " with " + r.label()
                    + " while every module version passes: check the call's reference method and params."));
        }
        s.add(conclusion(kind, envCause, codeCause, harness, noData.size() == findings.size(), provisional));
        return new Verdict(analysis.call(), kind, s, transitions, causes(), provisional, undecided(gapped));
    }

    private List<EnvFinding> with(EnvFinding.Blame blame) {
        return findings.stream().filter(f -> f.blame() == blame).toList();
    }

    // ---- machine-readable causes ------------------------------------------------------------------

    private List<Cause> causes() {
        List<Cause> out = new ArrayList<>();
        for (EnvFinding f : findings) {
            Optional<Cause> c = cause(f);
            c.ifPresent(out::add);
        }
        return out;
    }

    private Optional<Cause> cause(EnvFinding f) {
        Optional<Cause> c;
        if (f.setup().isPresent()) {
            SetupProblem p = f.setup().get();
            c = Optional.of(new Cause(p.reason().kind(), f.env(), p.reason(), plain(p.evidence()), plain(p.fix()), List.of()));
        } else {
            c = switch (f.blame()) {
                case CODE -> Optional.of(f.shape() == EnvFinding.Shape.CHANGES
                        ? new Cause(Cause.Kind.CODE, f.env(), Cause.Reason.CHANGES_ALONG_HISTORY, "", "", f.transitions())
                        : new Cause(Cause.Kind.CODE, f.env(), Cause.Reason.REFERENCE_PASSES,
                        plain(evidenceWords(f, f.decided(), false)), "", List.of()));
                case ENVIRONMENT -> Optional.of(new Cause(Cause.Kind.ENVIRONMENT, f.env(),
                        f.evidence() == EnvFinding.Evidence.REFERENCE_FAILS_ALIKE ? Cause.Reason.REFERENCE_FAILS_ALIKE
                                : Cause.Reason.PASSES_ELSEWHERE,
                        f.evidence() == EnvFinding.Evidence.REFERENCE_FAILS_ALIKE
                                ? "the reference client fails with " + f.referenceState().map(CellState::label).orElse("")
                                : "the same module versions pass under " + String.join(", ", f.passElsewhere()),
                        "", List.of(), null, null, f.passElsewhere()));
                default -> Optional.empty();
            };
        }
        return c.map(cause -> failing(f).map(st -> cause.failing(st.outcome(), st.venueCode())).orElse(cause));
    }

    /**
     * What every module version fails with in this environment, when they all fail (the most common state when
     * they differ), or the one undecided class they all share when none decided (NOT_SENT, SKIPPED …).
     */
    private static Optional<CellState> failing(EnvFinding f) {
        if (f.shape() == EnvFinding.Shape.CHANGES) {
            return Optional.empty();
        }
        if (f.allFail()) {
            return Optional.of(f.failState());
        }
        if (f.states().isEmpty() && f.undecided().size() == 1 && f.undecided().keySet().iterator().next() != null) {
            dev.authbisect.core.Outcome only = f.undecided().keySet().iterator().next();
            return Optional.of(new CellState(only, only.name(), null));
        }
        return Optional.empty();
    }

    /** A sentence part without the backticks that mark names (for result.json's detail fields). */
    private static String plain(String text) {
        return text.replace("`", "");
    }

    private List<Verdict.Undecided> undecided(List<EnvFinding> gapped) {
        List<Verdict.Undecided> out = new ArrayList<>();
        for (EnvFinding f : gapped) {
            for (Row r : f.gaps()) {
                out.add(new Verdict.Undecided(f.env(), r.id(), r.commits().isEmpty() ? "" : r.commits().get(0).id(),
                        analysis.cell(r.id(), f.env()).map(Cell::outcome).orElse(null)));
            }
        }
        return out;
    }

    // ---- environment ------------------------------------------------------------------------------

    private String environmentSentence(EnvFinding f, List<EnvFinding> passing, boolean mixed) {
        CellState fail = f.failState();
        String env = Phrases.name(f.env());
        String subject = Phrases.allVersions(f.decided().size(), f.decidedCommits(), f.undecidedCount());
        StringBuilder sb = new StringBuilder(subject);
        if (f.evidence() == EnvFinding.Evidence.REFERENCE_FAILS_ALIKE) {
            CellState ref = f.referenceState().orElseThrow();
            sb.append(" and the reference client fail ").append(call).append(" under ").append(env)
                    .append(" with ").append(f.failLabels());
            if (!ref.label().equals(fail.label())) {
                sb.append(" (the reference client with ").append(ref.label()).append(')');
            }
            sb.append(Phrases.undecidedTail(f.undecided()));
            List<String> passEnvs = passing.stream().map(EnvFinding::env).toList();
            if (!passEnvs.isEmpty() && !mixed) {
                sb.append("; all pass under ").append(Phrases.names(passEnvs));
            } else if (!f.passElsewhere().isEmpty()) {
                sb.append("; ").append(passingCount(f)).append(" under ").append(Phrases.names(f.passElsewhere()));
            }
        } else if (f.evidence() == EnvFinding.Evidence.SETUP) {
            SetupProblem p = f.setup().orElseThrow();
            sb.append(plural(f) ? " fail " : " fails ").append(call).append(" under ").append(env).append(" with ")
                    .append(f.failLabels()).append(" because ").append(clockSkewWords(p)).append(": ").append(p.evidence())
                    .append(Phrases.undecidedTail(f.undecided()));
        } else {
            sb.append(plural(f) ? " fail " : " fails ").append(call).append(" under ").append(env).append(" with ")
                    .append(f.failLabels()).append(", while ").append(passingCount(f)).append(" under ")
                    .append(Phrases.names(f.passElsewhere())).append(" (").append(referenceNote(f)).append(')')
                    .append(Phrases.undecidedTail(f.undecided()));
        }
        return sb.append(mixed ? ": this part tracks the ENVIRONMENT." : ".").toString();
    }

    /** "this host's clock is 5 min behind the upstream's", "the simulator's clock runs 5 min ahead of this host's". */
    private static String clockSkewWords(SetupProblem p) {
        String span = ClockCheck.span(p.skewMs());
        if (p.reason() == Cause.Reason.HOST_CLOCK_SKEWED) {
            return "this host's clock is " + span + (p.skewMs() >= 0 ? " behind" : " ahead of") + " the upstream's";
        }
        return "the simulator's clock runs " + span + (p.skewMs() >= 0 ? " ahead of" : " behind")
                + " this host's (the scenario's clock skew)";
    }

    private static boolean plural(EnvFinding f) {
        return f.decided().size() != 1;
    }

    /** "all of them pass", "3 of them pass", "it passes". */
    private String passingCount(EnvFinding f) {
        if (f.decided().size() == 1) {
            return "it passes";
        }
        long best = 0;
        for (EnvFinding other : findings) {
            if (f.passElsewhere().contains(other.env())) {
                best = Math.max(best, f.decided().stream().filter(r -> Optional.ofNullable(other.states().get(r.id()))
                        .map(CellState::ok).orElse(false)).count());
            }
        }
        return (best == f.decided().size() ? "all of them" : best + " of them") + " pass";
    }

    /** For a parenthesis: "no reference result under `local`", "the reference client fails differently under `local`: 40002 …". */
    private static String referenceNote(EnvFinding f) {
        String env = Phrases.name(f.env());
        Optional<Cell> ref = f.reference();
        if (ref.isEmpty()) {
            return "no reference result under " + env;
        }
        Optional<CellState> s = f.referenceState();
        if (s.isEmpty()) {
            return "the reference client was not decided under " + env + ": " + ref.get().outcome().name();
        }
        return "the reference client " + (s.get().ok() ? "passes" : "fails differently") + " under " + env + ": "
                + s.get().label();
    }

    /** As a clause: "there is no reference result under `local`", "the reference client fails differently under `local` (40002 …)". */
    private static String referenceClause(EnvFinding f) {
        String env = Phrases.name(f.env());
        Optional<Cell> ref = f.reference();
        if (ref.isEmpty()) {
            return "there is no reference result under " + env;
        }
        Optional<CellState> s = f.referenceState();
        if (s.isEmpty()) {
            return "the reference client was not decided under " + env + " (" + ref.get().outcome().name() + ")";
        }
        return "the reference client " + (s.get().ok() ? "passes" : "fails differently") + " under " + env + " ("
                + s.get().label() + ")";
    }

    private String undeterminedSentence(EnvFinding f) {
        String env = Phrases.name(f.env());
        String subject = Phrases.allVersions(f.decided().size(), f.decidedCommits(), f.undecidedCount());
        return subject + (plural(f) ? " fail " : " fails ") + call + " under " + env + " with " + f.failLabels()
                + evidenceWords(f, f.decided(), true) + Phrases.undecidedTail(f.undecided()) + "; " + referenceClause(f)
                + " and no other environment shows " + (plural(f) ? "them" : "it")
                + " passing: this alone does not tell code from environment.";
    }

    private String passSentence(List<EnvFinding> passing) {
        int decided = passing.stream().mapToInt(f -> f.decided().size()).max().orElse(0);
        int commits = passing.stream().mapToInt(EnvFinding::decidedCommits).max().orElse(0);
        int undecided = passing.stream().mapToInt(EnvFinding::undecidedCount).max().orElse(0);
        boolean refPasses = !passing.isEmpty() && passing.stream()
                .allMatch(f -> f.referenceState().map(CellState::ok).orElse(false));
        String subject = Phrases.allVersions(decided, commits, undecided);
        List<String> envs = passing.stream().map(EnvFinding::env).toList();
        return subject + (refPasses ? " and the reference client pass " : decided == 1 ? " passes " : " pass ")
                + call + " " + Phrases.where(envs, analysis.envs()) + ".";
    }

    // ---- harness ----------------------------------------------------------------------------------

    private String harnessSentence(EnvFinding f) {
        SetupProblem p = f.setup().orElseThrow();
        String env = Phrases.name(f.env());
        String subject = Phrases.allVersions(f.decided().size(), f.decidedCommits(), f.undecidedCount());
        String first = switch (p.reason()) {
            case FIXED_CLOCK_NOT_FOLLOWED -> subject + (plural(f) ? " fail " : " fails ") + call + " under " + env
                    + " with " + f.failLabels() + ": " + (plural(f) ? "their nonces follow" : "its nonce follows")
                    + " this host's clock, not the simulator's fixed clock; " + p.evidence() + referenceTail(f)
                    + alsoSignature(f) + Phrases.undecidedTail(f.undecided()) + ".";
            case WRONG_API_KEY -> subject + (plural(f) ? " sign " : " signs ") + call + " under " + env
                    + " with another api_key than the environment's: " + p.evidence()
                    + (f.allFail() ? "; " + (plural(f) ? "they fail" : "it fails") + " with " + f.failLabels() : "")
                    + Phrases.undecidedTail(f.undecided()) + ".";
            case NO_REQUEST_REACHED_RELAY, CODE_CALLS_HOST_DIRECTLY -> "No request for " + call + " reached the relay at "
                    + Phrases.anyOfVersions(f.decided().size(), f.decidedCommits(), f.undecidedCount()) + " under " + env
                    + ": " + p.evidence() + Phrases.undecidedTail(f.undecided()) + ".";
            case PROBE_CANNOT_TEST, BUILD_FAILS, NOTHING_TESTABLE -> {
                List<Row> rows = analysis.rows();
                int commits = rows.stream().mapToInt(r -> r.commits().size()).sum();
                yield Phrases.allVersions(rows.size(), commits, 0) + (rows.size() == 1 ? " was" : " were")
                        + " skipped for " + call + " under " + env + ": " + p.evidence() + ".";
            }
            default -> subject + (plural(f) ? " fail " : " fails ") + call + " under " + env + ": " + p.evidence() + ".";
        };
        return first;
    }

    /** ", while the reference client passes there", "; the reference client fails there with 40101 …", or empty. */
    private static String referenceTail(EnvFinding f) {
        Optional<CellState> ref = f.referenceState();
        if (ref.isEmpty()) {
            return "";
        }
        return ref.get().ok() ? ", while the reference client passes there"
                : "; the reference client fails there with " + ref.get().label();
    }

    /** "; 2 of them also fail the signature check (start_time, end_time rendered differently)", or empty. */
    private String alsoSignature(EnvFinding f) {
        int n = 0;
        String words = "";
        for (Row r : f.decided()) {
            Optional<Cell> c = analysis.cell(r.id(), f.env());
            String w = c.map(x -> SignatureText.describe(x.checks().signature())).orElse("");
            if (!w.isEmpty()) {
                n++;
                words = words.isEmpty() ? w : words;
            }
        }
        if (n == 0) {
            return "";
        }
        String who;
        if (n == f.decided().size()) {
            who = plural(f) ? "all of them also fail" : "it also fails";
        } else {
            who = n + " of them also " + (n == 1 ? "fails" : "fail");
        }
        return "; " + who + " the signature check (" + words + ")";
    }

    // ---- provisional ------------------------------------------------------------------------------

    static final int MAX_UNDECIDED_NAMED = 4;

    private String provisionalSentence(EnvFinding f) {
        History history = analysis.history();
        List<String> items = new ArrayList<>();
        for (Row r : f.gaps().stream().limit(MAX_UNDECIDED_NAMED).toList()) {
            Outcome o = analysis.cell(r.id(), f.env()).map(Cell::outcome).orElse(null);
            String what = Phrases.undecidedWord(o, 1);
            if (r.commits().isEmpty()) {
                items.add(Phrases.name(r.id()) + " (" + what + ")");
            } else {
                CommitRef c = history.commit(r.commits().get(0).id()).orElse(r.commits().get(0));
                String subject = Phrases.clean(c.subject(), 72);
                items.add(Phrases.commitId(c) + " (" + (subject.isEmpty() ? "" : "“" + subject + "”; ") + what + ")");
            }
        }
        int more = f.gaps().size() - items.size();
        if (more > 0) {
            items.add(Phrases.count(more, "more", "more"));
        }
        int n = f.gaps().size();
        return "Under " + Phrases.name(f.env()) + ", " + (n == 1 ? "1 module version is" : n + " module versions are")
                + " undecided for " + call + ": " + Phrases.join(items) + "; this part of the verdict is provisional until "
                + (n == 1 ? "it is" : "they are") + " tested again.";
    }

    // ---- code ----------------------------------------------------------------------------------------

    private List<String> codeSentences(List<EnvFinding> codeCause, boolean mixed) {
        List<String> out = new ArrayList<>();
        String end = mixed ? ": this part tracks the CODE." : ".";
        for (EnvFinding f : codeCause) {
            if (f.shape() == EnvFinding.Shape.ALL_FAIL) {
                out.add(alwaysWrongSentence(f) + end);
            } else if (f.transitions().isEmpty()) {
                out.add(changesWithoutHistory(f) + end);
            }
        }
        for (String sentence : transitionSentences(codeCause.stream()
                .filter(f -> f.shape() == EnvFinding.Shape.CHANGES).toList())) {
            out.add(sentence + end);
        }
        return out;
    }

    private String alwaysWrongSentence(EnvFinding f) {
        String env = Phrases.name(f.env());
        StringBuilder sb = new StringBuilder(Phrases.allVersions(f.decided().size(), f.decidedCommits(),
                f.undecidedCount()));
        sb.append(plural(f) ? " fail " : " fails ").append(call).append(" under ").append(env).append(" with ")
                .append(f.failState().label());
        sb.append(evidenceWords(f, f.decided(), true));
        sb.append(Phrases.undecidedTail(f.undecided()));
        sb.append(", while the reference client passes there");
        if (!f.passElsewhere().isEmpty()) {
            sb.append(" (the code passes under ").append(Phrases.names(f.passElsewhere()))
                    .append(", so it fails only in combination with ").append(env).append(')');
        }
        return sb.append(": the code has always been wrong").toString();
    }

    /**
     * What the relay's checks say about the failing cells of these rows: " (signature: …)" or, when the
     * signature is fine, "; nonce … is … before the simulator's clock … (window 60 s)"; empty when neither
     * tells anything. Without {@code asTail}: the bare words.
     */
    private String evidenceWords(EnvFinding f, List<Row> rowsToRead, boolean asTail) {
        String signature = signatureOf(f, rowsToRead);
        if (!signature.isEmpty()) {
            return asTail ? " (signature: " + signature + ")" : "signature: " + signature;
        }
        Optional<ClockCheck> clock = clockOf(f, rowsToRead);
        if (clock.isPresent()) {
            return asTail ? "; " + clock.get().summary() : clock.get().summary();
        }
        return "";
    }

    private Optional<ClockCheck> clockOf(EnvFinding f, List<Row> rowsToRead) {
        for (Row r : rowsToRead) {
            Optional<Cell> cell = analysis.cell(r.id(), f.env());
            if (cell.isPresent() && cell.get().outcome().failing() && cell.get().checks().clock().outside()) {
                return Optional.of(cell.get().checks().clock());
            }
        }
        return Optional.empty();
    }

    private String changesWithoutHistory(EnvFinding f) {
        long ok = f.states().values().stream().filter(CellState::ok).count();
        Set<String> failLabels = new LinkedHashSet<>();
        f.states().values().stream().filter(s -> !s.ok()).forEach(s -> failLabels.add(s.label()));
        return "Under " + Phrases.name(f.env()) + ", " + ok + " of " + Phrases.versions(f.decided().size()) + " pass "
                + call + " and the others fail with " + String.join(", ", failLabels)
                + ": the outcome changes with the module version";
    }

    /** One change of the call at one commit, across the environments where it happens. */
    private record Change(Transition.Kind kind, String lastGood, String firstBad, Map<String, Transition> byEnv) {
    }

    private List<String> transitionSentences(List<EnvFinding> changing) {
        History history = analysis.history();
        Map<String, Change> changes = new LinkedHashMap<>();
        for (EnvFinding f : changing) {
            for (Transition t : f.transitions()) {
                changes.computeIfAbsent(t.kind() + " " + t.firstBad(),
                        k -> new Change(t.kind(), t.lastGood(), t.firstBad(), new LinkedHashMap<>()))
                        .byEnv().put(t.env(), t);
            }
        }
        Map<Set<String>, List<Change>> byEnvSet = new LinkedHashMap<>();
        for (Change c : changes.values()) {
            byEnvSet.computeIfAbsent(new LinkedHashSet<>(c.byEnv().keySet()), k -> new ArrayList<>()).add(c);
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<Set<String>, List<Change>> e : byEnvSet.entrySet()) {
            List<Change> list = new ArrayList<>(e.getValue());
            list.sort(Comparator.comparingInt(c -> history.position(c.firstBad())));
            out.add(story(new ArrayList<>(e.getKey()), list, changing));
        }
        return out;
    }

    /** Changes told one by one in a sentence; more make a summary sentence (the transitions list has them all). */
    static final int MAX_TOLD = 6;

    private String story(List<String> envs, List<Change> changes, List<EnvFinding> changing) {
        History history = analysis.history();
        String where = Phrases.where(envs, analysis.envs());
        if (changes.size() > MAX_TOLD) {
            Change first = changes.get(0);
            Change last = changes.get(changes.size() - 1);
            return call + " changes " + changes.size() + " times along history " + where + ": first at "
                    + Phrases.commit(history.commit(first.firstBad()).orElseThrow()) + " (" + labels(first, true) + " → "
                    + labels(first, false) + "), last at " + Phrases.commit(history.commit(last.firstBad()).orElseThrow())
                    + " (" + labels(last, true) + " → " + labels(last, false) + "); see the transitions";
        }
        List<String> parts = new ArrayList<>();
        boolean brokeBefore = false;
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            CommitRef at = history.commit(c.firstBad()).orElseThrow();
            CommitRef before = history.commit(c.lastGood()).orElseThrow();
            String detail = detail(c, changing, c.kind() == Transition.Kind.BROKE);
            String part = switch (c.kind()) {
                case BROKE -> (brokeBefore ? "broke again at " : "broke at ") + Phrases.commitId(at)
                        + subjectAndLastGood(at, before, untestedBetween(c, changing));
                case FIXED -> i == 0
                        ? "failed with " + labels(c, true) + " up to " + Phrases.commitId(before) + " and was fixed at "
                        + Phrases.commit(at)
                        : "was fixed at " + Phrases.commit(at);
                case CHANGED -> "changed from " + labels(c, true) + " to " + labels(c, false) + " at "
                        + Phrases.commit(at);
            };
            if (c.kind() == Transition.Kind.BROKE) {
                brokeBefore = true;
            }
            if (i == 0) {
                part += " " + where;
            }
            if (c.kind() != Transition.Kind.FIXED && !detail.isEmpty()) {
                part += " (" + detail + ")";
            }
            parts.add(part);
        }
        Change last = changes.get(changes.size() - 1);
        if (last.kind() != Transition.Kind.FIXED) {
            parts.add("still fails at the newest commit tested");
        }
        return call + " " + Phrases.join(parts);
    }

    private static String subjectAndLastGood(CommitRef at, CommitRef before, int untested) {
        String subject = Phrases.clean(at.subject(), 72);
        return " (" + (subject.isEmpty() ? "" : "“" + subject + "”; ") + "last good " + Phrases.commitId(before)
                + (untested > 0 ? ", " + Phrases.count(untested, "untested commit", "untested commits") + " in between"
                : "") + ")";
    }

    /** Commits placed between the last good and the first bad commit whose row had no decisive result (most in any env). */
    private int untestedBetween(Change c, List<EnvFinding> changing) {
        History history = analysis.history();
        int from = history.position(c.lastGood());
        int to = history.position(c.firstBad());
        int most = 0;
        for (EnvFinding f : changing) {
            if (!c.byEnv().containsKey(f.env())) {
                continue;
            }
            int n = 0;
            for (int p = from + 1; p < to; p++) {
                String rowId = history.rowOf(history.commits().get(p).id()).map(Row::id).orElse("");
                if (!f.states().containsKey(rowId)) {
                    n++;
                }
            }
            most = Math.max(most, n);
        }
        return most;
    }

    /** The labels after (or before) a change, naming environments only when they differ. */
    private static String labels(Change c, boolean from) {
        Map<String, List<String>> envsByLabel = new LinkedHashMap<>();
        c.byEnv().forEach((env, t) -> envsByLabel.computeIfAbsent(from ? t.from() : t.to(), k -> new ArrayList<>())
                .add(env));
        if (envsByLabel.size() == 1) {
            return envsByLabel.keySet().iterator().next();
        }
        List<String> parts = new ArrayList<>();
        envsByLabel.forEach((label, envs) -> parts.add(label + " under " + Phrases.names(envs)));
        return String.join(", ", parts);
    }

    /** "40101 UNAUTHORIZED, signature: start_time, end_time rendered differently". */
    private String detail(Change c, List<EnvFinding> changing, boolean withLabels) {
        String labels = withLabels ? labels(c, false) : "";
        Row row = analysis.history().rowOf(c.firstBad()).orElseThrow();
        Set<String> signatures = new LinkedHashSet<>();
        for (EnvFinding f : changing) {
            if (c.byEnv().containsKey(f.env())) {
                String s = signatureOf(f, List.of(row));
                if (!s.isEmpty()) {
                    signatures.add(s);
                }
            }
        }
        if (signatures.isEmpty()) {
            for (EnvFinding f : changing) {
                if (c.byEnv().containsKey(f.env())) {
                    Optional<ClockCheck> clock = clockOf(f, List.of(row));
                    if (clock.isPresent()) {
                        return (labels.isEmpty() ? "" : labels + ", ") + compact(clock.get());
                    }
                }
            }
            return labels;
        }
        return (labels.isEmpty() ? "" : labels + ", ") + "signature: " + String.join("; ", signatures);
    }

    /** A clock check without its parenthesis: "nonce … is 55 years before the simulator's clock …, outside its 60 s window". */
    static String compact(ClockCheck clock) {
        String window = " (window " + ClockCheck.span(clock.windowMillis()) + ")";
        String summary = clock.summary();
        return summary.endsWith(window)
                ? summary.substring(0, summary.length() - window.length()) + ", outside its "
                + ClockCheck.span(clock.windowMillis()) + " window"
                : summary.replace('(', ',').replace(")", "");
    }

    /** What the relay's signature check says about the failing cells of these rows, or empty. */
    private String signatureOf(EnvFinding f, List<Row> rowsToRead) {
        for (Row r : rowsToRead) {
            Optional<Cell> cell = analysis.cell(r.id(), f.env());
            if (cell.isPresent() && cell.get().outcome().failing()) {
                String words = SignatureText.describe(cell.get().checks().signature());
                if (!words.isEmpty()) {
                    return words;
                }
            }
        }
        return "";
    }

    private static String conclusion(Verdict.Kind kind, List<EnvFinding> envCause, List<EnvFinding> codeCause,
                                     List<EnvFinding> harness, boolean nothingDecided, boolean provisional) {
        String base = switch (kind) {
            case PASS -> provisional ? "Nothing fails where a result was decided." : "Nothing fails.";
            case TRACKS_ENVIRONMENT -> "The failure tracks the ENVIRONMENT.";
            case TRACKS_CODE -> "The failure tracks the CODE.";
            case MIXED -> "The failures are MIXED: the ENVIRONMENT under "
                    + Phrases.names(envCause.stream().map(EnvFinding::env).toList()) + ", the CODE under "
                    + Phrases.names(codeCause.stream().map(EnvFinding::env).toList()) + ".";
            case HARNESS -> "The verdict is HARNESS: the test set-up under "
                    + Phrases.names(harness.stream().map(EnvFinding::env).toList())
                    + ", not the code or the environment, explains it; fix the set-up and run again (no commit is to blame).";
            case INCONCLUSIVE -> nothingDecided
                    ? "The verdict is INCONCLUSIVE: nothing was decided; fix what kept the module versions from being tested."
                    : "The verdict is INCONCLUSIVE: add the reference row or a second environment to tell code from environment.";
        };
        if (!harness.isEmpty() && kind != Verdict.Kind.HARNESS) {
            return base + " Under " + Phrases.names(harness.stream().map(EnvFinding::env).toList())
                    + " the set-up must be fixed first, so the verdict is provisional.";
        }
        if (provisional && kind != Verdict.Kind.INCONCLUSIVE) {
            return base + " It is provisional until the undecided module versions are tested again.";
        }
        return base;
    }
}
