package dev.authbisect.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Combines one call's environment findings into its verdict and writes the sentences. */
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
        List<EnvFinding> envCause = with(EnvFinding.Cause.ENVIRONMENT);
        List<EnvFinding> codeCause = with(EnvFinding.Cause.CODE);
        List<EnvFinding> undetermined = with(EnvFinding.Cause.UNDETERMINED);
        List<EnvFinding> passing = findings.stream().filter(f -> f.shape() == EnvFinding.Shape.ALL_PASS).toList();
        List<EnvFinding> noData = findings.stream().filter(f -> f.shape() == EnvFinding.Shape.NO_DATA).toList();
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
        } else if (!undetermined.isEmpty()) {
            kind = Verdict.Kind.INCONCLUSIVE;
        } else {
            kind = Verdict.Kind.PASS;
        }

        List<String> s = new ArrayList<>();
        boolean mixed = kind == Verdict.Kind.MIXED;
        for (EnvFinding f : envCause) {
            s.add(environmentSentence(f, passing, mixed));
        }
        s.addAll(codeSentences(codeCause, mixed));
        if (kind == Verdict.Kind.PASS) {
            s.add(passSentence(passing));
        }
        for (EnvFinding f : undetermined) {
            s.add(undeterminedSentence(f));
        }
        for (EnvFinding f : noData) {
            s.add("No module version gave a decisive result for " + call + " under " + Phrases.name(f.env())
                    + " (" + Phrases.undecidedBreakdown(f.undecided()) + ").");
        }
        for (EnvFinding f : passing) {
            f.referenceState().filter(r -> !r.ok()).ifPresent(r -> s.add("The reference client fails " + call
                    + " under " + Phrases.name(f.env()) + " with " + r.label()
                    + " while every module version passes: check the call's reference method and params."));
        }
        s.add(conclusion(kind, envCause, codeCause, noData.size() == findings.size()));
        return new Verdict(analysis.call(), kind, s, transitions);
    }

    private List<EnvFinding> with(EnvFinding.Cause cause) {
        return findings.stream().filter(f -> f.cause() == cause).toList();
    }

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
        } else {
            sb.append(plural(f) ? " fail " : " fails ").append(call).append(" under ").append(env).append(" with ")
                    .append(f.failLabels()).append(", while ").append(passingCount(f)).append(" under ")
                    .append(Phrases.names(f.passElsewhere())).append(" (")
                    .append(referenceWords(f)).append(" under ").append(env).append(')')
                    .append(Phrases.undecidedTail(f.undecided()));
        }
        return sb.append(mixed ? ": this part tracks the ENVIRONMENT." : ".").toString();
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

    private static String referenceWords(EnvFinding f) {
        Optional<Cell> ref = f.reference();
        if (ref.isEmpty()) {
            return "no reference result";
        }
        Optional<CellState> s = f.referenceState();
        if (s.isEmpty()) {
            return "the reference client was not decided: " + ref.get().outcome().name();
        }
        return "the reference client fails differently: " + s.get().label();
    }

    private String undeterminedSentence(EnvFinding f) {
        String env = Phrases.name(f.env());
        String subject = Phrases.allVersions(f.decided().size(), f.decidedCommits(), f.undecidedCount());
        String signature = signatureOf(f, f.decided());
        return subject + (plural(f) ? " fail " : " fails ") + call + " under " + env + " with " + f.failState().label()
                + (signature.isEmpty() ? "" : " (signature: " + signature + ")")
                + Phrases.undecidedTail(f.undecided()) + ", but there is " + referenceWords(f) + " under " + env
                + " and no other environment where they pass: this alone does not tell code from environment.";
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
        String signature = signatureOf(f, f.decided());
        StringBuilder sb = new StringBuilder(Phrases.allVersions(f.decided().size(), f.decidedCommits(),
                f.undecidedCount()));
        sb.append(plural(f) ? " fail " : " fails ").append(call).append(" under ").append(env).append(" with ")
                .append(f.failState().label());
        if (!signature.isEmpty()) {
            sb.append(" (signature: ").append(signature).append(')');
        }
        sb.append(Phrases.undecidedTail(f.undecided()));
        sb.append(", while the reference client passes there");
        if (!f.passElsewhere().isEmpty()) {
            sb.append(" (the code passes under ").append(Phrases.names(f.passElsewhere()))
                    .append(", so it fails only in combination with ").append(env).append(')');
        }
        return sb.append(": the code has always been wrong").toString();
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
            return labels;
        }
        return (labels.isEmpty() ? "" : labels + ", ") + "signature: " + String.join("; ", signatures);
    }

    /** What the relay's signature check says about the failing cells of these rows, or empty. */
    private String signatureOf(EnvFinding f, List<Row> rowsToRead) {
        for (Row r : rowsToRead) {
            Optional<Cell> cell = analysis.cell(r.id(), f.env());
            if (cell.isPresent() && cell.get().outcome().failing()) {
                String words = SignatureText.describe(cell.get().signature());
                if (!words.isEmpty()) {
                    return words;
                }
            }
        }
        return "";
    }

    private static String conclusion(Verdict.Kind kind, List<EnvFinding> envCause, List<EnvFinding> codeCause,
                                     boolean nothingDecided) {
        return switch (kind) {
            case PASS -> "Nothing fails.";
            case TRACKS_ENVIRONMENT -> "The failure tracks the ENVIRONMENT.";
            case TRACKS_CODE -> "The failure tracks the CODE.";
            case MIXED -> "The failures are MIXED: the ENVIRONMENT under "
                    + Phrases.names(envCause.stream().map(EnvFinding::env).toList()) + ", the CODE under "
                    + Phrases.names(codeCause.stream().map(EnvFinding::env).toList()) + ".";
            case INCONCLUSIVE -> nothingDecided
                    ? "The verdict is INCONCLUSIVE: nothing was decided; fix what kept the module versions from being tested."
                    : "The verdict is INCONCLUSIVE: add the reference row or a second environment to tell code from environment.";
        };
    }
}
