package dev.authbisect.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.ClockCheck;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The phrase builder over every verdict shape, property-style: each environment of a generated run
 * takes one of the patterns below (every version passes, fails alike, fails on the host's clock, never
 * reaches the relay, sends another key, is skipped by the probe, changes along history, has gaps …) and
 * the reference row one of its states; every sentence of every verdict must read right and the verdict
 * must agree with its causes. Exhaustive over two environments, then seeded random runs with one to
 * three environments and one to five module versions.
 */
class VerdictSentencesTest {
    private static final String CALL = "get_open_orders";
    private static final long SIM = Instant.parse("2025-12-19T08:00:00Z").toEpochMilli();
    private static final long HOST = Instant.parse("2026-12-02T01:00:00Z").toEpochMilli();

    /** What every module version of one environment does. */
    enum Pattern0 {
        ALL_OK, ALL_40101, ALL_40101_SIG, ALL_40002, MIXED_CODES, HOST_CLOCK_FIXED_SIM, LIVE_SKEW, NONCE_WRONG,
        NOT_SENT, NOT_SENT_CONNECT, WRONG_KEY, NO_API_KEY, SKIP_125, SKIP_BUILD, SKIP_UNKNOWN, BREAKS, FIXED, CHANGES_CODE,
        GAP_IN_PASS, GAP_IN_FAIL, GAP_IN_WINDOW, ALL_GAPS, FLIPS
    }

    /** The reference row's cell in one environment. */
    enum Ref { NONE, OK, SAME, OTHER_AUTH, API_ERROR, TRANSPORT }

    @Test
    void everySentenceReadsRightForEveryPairOfEnvironmentShapes() {
        int runs = 0;
        for (Pattern0 a : Pattern0.values()) {
            for (Pattern0 b : Pattern0.values()) {
                for (Ref ra : List.of(Ref.NONE, Ref.OK, Ref.SAME, Ref.API_ERROR)) {
                    for (Ref rb : List.of(Ref.NONE, Ref.OK, Ref.TRANSPORT)) {
                        boolean withRef = ra != Ref.NONE || rb != Ref.NONE;
                        check(build(3, withRef, List.of("local", "prod"), List.of(a, b), List.of(ra, rb), new Random(runs)),
                                a + "/" + ra + " × " + b + "/" + rb);
                        runs++;
                    }
                }
            }
        }
        assertTrue(runs > 6_000, runs + " runs");
    }

    @Test
    void everySentenceReadsRightOnRandomRuns() {
        Random random = new Random(20251219);
        List<String> names = List.of("local", "prod", "staging");
        for (int i = 0; i < 1_500; i++) {
            int versions = 1 + random.nextInt(5);
            int envCount = 1 + random.nextInt(3);
            List<Pattern0> patterns = new ArrayList<>();
            List<Ref> refs = new ArrayList<>();
            for (int e = 0; e < envCount; e++) {
                patterns.add(Pattern0.values()[random.nextInt(Pattern0.values().length)]);
                refs.add(Ref.values()[random.nextInt(Ref.values().length)]);
            }
            boolean withRef = random.nextInt(4) != 0;
            check(build(versions, withRef, names.subList(0, envCount), patterns, refs, random),
                    "seed run " + i + ": " + versions + " versions, " + patterns + " " + refs + " ref=" + withRef);
        }
    }

    // ---- generation -------------------------------------------------------------------------------

    private static RunResult build(int versions, boolean withRef, List<String> envs, List<Pattern0> patterns, List<Ref> refs,
                                   Random random) {
        RunFixture f = RunFixture.linear(versions, 1 + random.nextInt(3)).envs(envs.toArray(String[]::new)).calls(CALL);
        if (withRef) {
            f.withReference();
        }
        for (int e = 0; e < envs.size(); e++) {
            String env = envs.get(e);
            apply(f, versions, env, patterns.get(e), random);
            if (withRef) {
                reference(f, env, refs.get(e));
            }
        }
        return f.build();
    }

    private static void reference(RunFixture f, String env, Ref ref) {
        switch (ref) {
            case NONE -> f.remove("ref", env, CALL);
            case OK -> f.reference(env, CALL, Outcome.OK, 0, "");
            case SAME -> f.reference(env, CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED");
            case OTHER_AUTH -> f.reference(env, CALL, Outcome.AUTH_REJECTED, 40103, "IP_ILLEGAL");
            case API_ERROR -> f.reference(env, CALL, Outcome.API_ERROR, 40002, "METHOD_NOT_FOUND");
            case TRANSPORT -> f.reference(env, CALL, Outcome.TRANSPORT_ERROR, null, null);
        }
    }

    private static void apply(RunFixture f, int versions, String env, Pattern0 p, Random random) {
        for (int v = 1; v <= versions; v++) {
            String row = "mv" + v;
            boolean first = v == 1;
            boolean last = v == versions;
            boolean middle = !first && !last;
            switch (p) {
                case ALL_OK -> f.cell(row, env, CALL, Outcome.OK, 0, "");
                case ALL_40101 -> f.cell(row, env, CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED");
                case ALL_40101_SIG -> f.cell(row, env, CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                        .edit(row, env, CALL, c -> c.withSignature(SeedIncident.floatTimes()));
                case ALL_40002 -> f.cell(row, env, CALL, Outcome.API_ERROR, 40002, "METHOD_NOT_FOUND");
                case MIXED_CODES -> f.cell(row, env, CALL, Outcome.AUTH_REJECTED, v % 2 == 0 ? 40103 : 40101,
                        v % 2 == 0 ? "IP_ILLEGAL" : "UNAUTHORIZED");
                case HOST_CLOCK_FIXED_SIM -> nonce(f, row, env, ClockCheck.compare(ClockCheck.Clock.FIXED_SIMULATOR, "nonce",
                        HOST, SIM, HOST, 60_000));
                case LIVE_SKEW -> nonce(f, row, env, ClockCheck.compare(ClockCheck.Clock.DATE_HEADER, "nonce", HOST,
                        HOST + 300_000, HOST, 60_000));
                case NONCE_WRONG -> nonce(f, row, env, ClockCheck.compare(ClockCheck.Clock.FIXED_SIMULATOR, "nonce",
                        HOST / 1000, SIM, HOST, 60_000));
                case NOT_SENT -> f.cell(row, env, CALL, Outcome.NOT_SENT, null, null);
                case NOT_SENT_CONNECT -> f.cell(row, env, CALL, Outcome.NOT_SENT, null, null)
                        .edit(row, env, CALL, c -> c.withEgress(List.of("CONNECT api.crypto.com:443")));
                case WRONG_KEY, NO_API_KEY -> {
                    String sent = p == Pattern0.WRONG_KEY ? "z3HWF8…#a1c2" : "";
                    f.cell(row, env, CALL, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED").edit(row, env, CALL,
                            c -> c.withSignature(new SignatureCheck(SignatureCheck.Status.WRONG_KEY, "another key",
                                    List.of(new SignatureCheck.Finding("WRONG_KEY", "api_key", sent, "raHZAk…#3f2a")))));
                }
                case SKIP_125 -> skip(f, row, env, Cell.PROBE_CANNOT_TEST + ": cannot test this module version");
                case SKIP_BUILD -> skip(f, row, env, v % 2 == 0 ? Cell.BUILD_FAILED + ": exit 1"
                        : Cell.PROBE_CANNOT_TEST + ": cannot test this module version");
                case SKIP_UNKNOWN -> f.cell(row, env, CALL, Outcome.SKIPPED, null, null);
                case BREAKS -> f.cell(row, env, CALL, v * 2 > versions ? Outcome.AUTH_REJECTED : Outcome.OK,
                        v * 2 > versions ? 40101 : 0, v * 2 > versions ? "UNAUTHORIZED" : "");
                case FIXED -> f.cell(row, env, CALL, last ? Outcome.OK : Outcome.AUTH_REJECTED, last ? 0 : 40101,
                        last ? "" : "UNAUTHORIZED");
                case CHANGES_CODE -> f.cell(row, env, CALL, first ? Outcome.AUTH_REJECTED : Outcome.API_ERROR,
                        first ? 40101 : 40002, first ? "UNAUTHORIZED" : "METHOD_NOT_FOUND");
                case GAP_IN_PASS -> f.cell(row, env, CALL, middle ? Outcome.TRANSPORT_ERROR : Outcome.OK, middle ? null : Integer.valueOf(0), "");
                case GAP_IN_FAIL -> f.cell(row, env, CALL, middle ? Outcome.PROBE_ERROR : Outcome.AUTH_REJECTED,
                        middle ? null : Integer.valueOf(40101), middle ? null : "UNAUTHORIZED");
                case GAP_IN_WINDOW -> f.cell(row, env, CALL, first ? Outcome.OK : middle ? Outcome.FLAKY : Outcome.AUTH_REJECTED,
                        first ? Integer.valueOf(0) : middle ? null : Integer.valueOf(40101), first || middle ? null : "UNAUTHORIZED");
                case ALL_GAPS -> f.cell(row, env, CALL, v % 2 == 0 ? Outcome.TRANSPORT_ERROR : Outcome.PROBE_ERROR, null, null);
                case FLIPS -> f.cell(row, env, CALL, random.nextBoolean() ? Outcome.OK : Outcome.AUTH_REJECTED, null, null)
                        .edit(row, env, CALL, UnaryOperator.identity());
            }
        }
    }

    private static void nonce(RunFixture f, String row, String env, ClockCheck clock) {
        f.cell(row, env, CALL, Outcome.AUTH_REJECTED, 40102, "INVALID_NONCE").edit(row, env, CALL, c -> c.withClock(clock));
    }

    private static void skip(RunFixture f, String row, String env, String diagnosis) {
        f.cell(row, env, CALL, Outcome.SKIPPED, null, null).edit(row, env, CALL, c -> c.withDiagnosis(diagnosis));
    }

    // ---- properties -------------------------------------------------------------------------------

    private static final List<Pattern> BROKEN = List.of(
            Pattern.compile("there is the"), Pattern.compile("but there is"), Pattern.compile("\\bis the reference client\\b"),
            Pattern.compile("\\b(\\w+) \\1\\b"), Pattern.compile(" [,.;:]"), Pattern.compile("[,;:]{2}|\\.\\.|  "),
            Pattern.compile("\\( | \\)|\\(\\)"), Pattern.compile("\\bnull\\b|Optional|java\\.|\\[|\\]"),
            Pattern.compile("\\b1 (module versions|commits|versions|untested commits|transport errors|probe errors)\\b"),
            Pattern.compile("\\b([02-9]|\\d\\d+) (module version|commit|untested commit|transport error|probe error)\\b(?![s])"),
            Pattern.compile("\\bAll 1 |\\b0 of them|\\bany of the 1 "),
            Pattern.compile("module versions \\([^)]*\\) (fails|passes|signs|was)\\b"),
            Pattern.compile("module version \\([^)]*\\) (fail|pass|sign|were)\\b"),
            Pattern.compile("(^|[,;:] )[Tt]he reference client (fail|pass) "), Pattern.compile("(them|they) (fails|passes)\\b"),
            Pattern.compile("\\b(it) (fail|pass) "));

    private static void check(RunResult r, String what) {
        List<Verdict> verdicts = VerdictAnalyzer.analyze(r);
        assertEquals(1, verdicts.size(), what);
        Verdict v = verdicts.get(0);
        String all = String.join(" ", v.sentences());
        java.util.function.Supplier<String> context = () -> what + "\n" + v.verdict() + ": " + all;
        assertTrue(v.sentences().size() >= 2, context);
        for (String s : v.sentences()) {
            assertFalse(s.isBlank(), context);
            char c0 = s.charAt(0);
            assertTrue(Character.isUpperCase(c0) || c0 == '`', () -> "starts with a capital or a name: " + s + "\n" + context.get());
            assertTrue(s.endsWith("."), () -> "ends with a full stop: " + s + "\n" + context.get());
            assertEquals(0, s.chars().filter(ch -> ch == '`').count() % 2, () -> "paired backticks: " + s);
            assertFalse(s.contains("``") || s.contains("\n"), () -> s);
            assertBalanced(s, '(', ')', context);
            assertBalanced(s, '“', '”', context);
            String outsideNames = s.replaceAll("`[^`]*`", "`x`");
            for (Pattern p : BROKEN) {
                assertFalse(p.matcher(outsideNames).find(), () -> "'" + p + "' in: " + s + "\n" + context.get());
            }
        }
        String conclusion = v.sentences().get(v.sentences().size() - 1);
        String expected = switch (v.verdict()) {
            case PASS -> "Nothing fails";
            case TRACKS_ENVIRONMENT -> "The failure tracks the ENVIRONMENT.";
            case TRACKS_CODE -> "The failure tracks the CODE.";
            case MIXED -> "The failures are MIXED: ";
            case HARNESS -> "The verdict is HARNESS: ";
            case INCONCLUSIVE -> "The verdict is INCONCLUSIVE: ";
        };
        assertTrue(conclusion.startsWith(expected), context);
        // the verdict agrees with its causes
        List<Cause.Kind> kinds = v.causes().stream().map(Cause::kind).distinct().toList();
        boolean code = kinds.contains(Cause.Kind.CODE);
        boolean env = kinds.contains(Cause.Kind.ENVIRONMENT);
        boolean harness = kinds.contains(Cause.Kind.HARNESS);
        switch (v.verdict()) {
            case MIXED -> assertTrue(code && env, context);
            case TRACKS_CODE -> assertTrue(code && !env, context);
            case TRACKS_ENVIRONMENT -> assertTrue(env && !code, context);
            case HARNESS -> assertTrue(harness && !code && !env, context);
            case PASS, INCONCLUSIVE -> assertTrue(!code && !env && !harness, context);
        }
        assertEquals(v.causes().stream().map(Cause::env).distinct().count(), v.causes().size(),
                () -> "one cause per environment: " + context.get());
        assertTrue(!v.sentences().stream().anyMatch(s -> s.contains("the CODE") || s.contains("always been wrong")) || code, context);
        assertTrue(!all.contains("ENVIRONMENT") || env, context);
        assertEquals(v.provisional(), !v.undecided().isEmpty() || (harness && v.verdict() != Verdict.Kind.HARNESS), context);
        // the harness is never blamed on the code: an environment whose every version shows a set-up problem has no code cause
        for (Cause c : v.causes()) {
            if (c.kind() == Cause.Kind.HARNESS) {
                assertTrue(v.causes().stream().noneMatch(o -> o.env().equals(c.env()) && o.kind() != Cause.Kind.HARNESS), context);
            }
            assertEquals(c.reason().kind(), c.kind(), context);
        }
        int exit = VerdictAnalyzer.exitCode(r, verdicts);
        if (v.failing() && !v.provisional()) {
            assertEquals(ExitCodes.FAILURES, exit, context);
        } else if (v.provisional() || v.verdict() == Verdict.Kind.HARNESS || v.verdict() == Verdict.Kind.INCONCLUSIVE) {
            assertEquals(ExitCodes.INCOMPLETE, exit, context);
        }
    }

    private static void assertBalanced(String s, char open, char close, java.util.function.Supplier<String> context) {
        int depth = 0;
        for (char ch : s.toCharArray()) {
            depth += ch == open ? 1 : ch == close ? -1 : 0;
            if (depth < 0 || depth > 1) {
                throw new AssertionError("nested or unbalanced " + open + close + ": " + s + "\n" + context.get());
            }
        }
        assertEquals(0, depth, () -> "unbalanced " + open + close + ": " + s + "\n" + context.get());
    }
}
