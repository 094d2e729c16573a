package dev.authbisect.analysis;

import dev.authbisect.core.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Building blocks of verdict sentences. Sentences are plain text in which backticks delimit
 * names (calls, environments, commit ids): data placed inside a sentence never contains a
 * backtick or a line break, so renderers can split on backticks safely.
 */
final class Phrases {
    private Phrases() {
    }

    /** One line of data text: control characters and runs of white space become one space, backticks become ', bounded. */
    static String clean(String text, int max) {
        StringBuilder sb = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                space = sb.length() > 0;
                continue;
            }
            if (space) {
                sb.append(' ');
                space = false;
            }
            sb.appendCodePoint(cp == '`' ? '\'' : cp);
        }
        if (sb.codePointCount(0, sb.length()) > max) {
            return sb.substring(0, sb.offsetByCodePoints(0, max - 1)) + "…";
        }
        return sb.toString();
    }

    /** A name in backticks. */
    static String name(String name) {
        return "`" + clean(name, 80) + "`";
    }

    /** A commit as {@code `3f2a9c1` (“subject”)}. */
    static String commit(CommitRef c) {
        String subject = clean(c.subject(), 72);
        return "`" + clean(c.shortId(), 12) + "`" + (subject.isEmpty() ? "" : " (“" + subject + "”)");
    }

    static String commitId(CommitRef c) {
        return "`" + clean(c.shortId(), 12) + "`";
    }

    static String count(int n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    static String commits(int n) {
        return count(n, "commit", "commits");
    }

    static String versions(int n) {
        return count(n, "module version", "module versions");
    }

    /** "`a`", "`a` and `b`", "`a`, `b` and `c`". */
    static String names(List<String> names) {
        List<String> quoted = names.stream().map(Phrases::name).toList();
        return join(quoted);
    }

    static String join(List<String> parts) {
        if (parts.isEmpty()) {
            return "";
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    /** "under `local`", "under `local` and `prod`", or "in every environment" when that is all of them (and more than one). */
    static String where(List<String> envs, List<String> allEnvs) {
        if (allEnvs.size() > 1 && envs.size() == allEnvs.size() && envs.containsAll(allEnvs)) {
            return "in every environment";
        }
        return "under " + names(envs);
    }

    /**
     * The subject of an "every module version" sentence: "All 9 module versions (214 commits)",
     * "The only module version (3 commits)", "All 8 tested module versions (200 commits)".
     */
    static String allVersions(int decided, int commits, int undecided) {
        String tested = undecided > 0 ? "tested " : "";
        String head = decided == 1 ? (undecided > 0 ? "The one tested module version" : "The only module version")
                : "All " + decided + " " + tested + "module versions";
        return head + " (" + commits(commits) + ")";
    }

    /**
     * After "at": "any of the 6 module versions (12 commits)", "any of the 6 tested module versions (12 commits)",
     * "the only module version (3 commits)", "the one tested module version (3 commits)".
     */
    static String anyOfVersions(int decided, int commits, int undecided) {
        String tested = undecided > 0 ? "tested " : "";
        String head = decided == 1 ? (undecided > 0 ? "the one tested module version" : "the only module version")
                : "any of the " + decided + " " + tested + "module versions";
        return head + " (" + commits(commits) + ")";
    }

    /** "; 2 more module versions had no decisive result (1 skipped, 1 probe error)", or empty. */
    static String undecidedTail(Map<Outcome, Integer> undecided) {
        int total = undecided.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return "";
        }
        return "; " + total + " more " + (total == 1 ? "module version" : "module versions")
                + " had no decisive result (" + undecidedBreakdown(undecided) + ")";
    }

    static String undecidedBreakdown(Map<Outcome, Integer> undecided) {
        List<String> parts = new ArrayList<>();
        undecided.forEach((outcome, n) -> parts.add(n + " " + undecidedWord(outcome, n)));
        return String.join(", ", parts);
    }

    /** "skipped", "flaky", "probe error(s)", "transport error(s)", "not run"; any other class in words ("rate limited"). */
    static String undecidedWord(Outcome outcome, int n) {
        if (outcome == null) {
            return "not run";
        }
        return switch (outcome) {
            case SKIPPED -> "skipped";
            case FLAKY -> "flaky";
            case PROBE_ERROR -> n == 1 ? "probe error" : "probe errors";
            case TRANSPORT_ERROR -> n == 1 ? "transport error" : "transport errors";
            case RATE_LIMITED -> "rate limited";
            default -> outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
