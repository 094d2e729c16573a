package dev.authbisect.bisect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real {@code git bisect start --no-checkout … && git bisect run} with a script that
 * reads {@code module/state} at {@code BISECT_HEAD}, and reads back what git did from
 * {@code git bisect log} and its output. The repository is left in its bisect state (throw-away
 * repositories only).
 */
public final class GitBisect {
    /** The script: good → 0, skip → 125, anything else → 1. */
    public static final String SCRIPT = "s=$(git cat-file -p BISECT_HEAD:module/state 2>/dev/null); "
            + "case \"$s\" in good) exit 0;; skip) exit 125;; esac; exit 1";

    /**
     * What git did.
     *
     * @param steps          "term id" per tested commit, in order
     * @param firstBad       the first bad commit, when found
     * @param possible       the candidates when only skipped commits are left
     * @param badMergeBase   the merge base reported bad
     * @param output         everything git printed, for failure messages
     */
    public record Run(List<String> steps, Optional<String> firstBad, List<String> possible, Optional<String> badMergeBase,
               String output) {
    }

    private static final Pattern STEP = Pattern.compile("^git bisect (good|bad|skip) ([0-9a-f]{40})$");
    private static final Pattern FIRST_BAD = Pattern.compile("^# first bad commit: \\[([0-9a-f]{40})\\]");
    private static final Pattern MERGE_BASE_BAD = Pattern.compile("The merge base ([0-9a-f]{40}) is bad");

    private GitBisect() {
    }

    public static Run run(Path dir, String bad, List<String> goods, boolean firstParent, List<String> paths) {
        List<String> start = new ArrayList<>(List.of("bisect", "start", "--no-checkout"));
        if (firstParent) {
            start.add("--first-parent");
        }
        start.add(bad);
        start.addAll(goods);
        start.add("--");
        start.addAll(paths);
        StringBuilder out = new StringBuilder();
        {
            out.append(git(dir, start));
            if (!out.toString().contains("is the first bad commit") && !out.toString().contains("The merge base")) {
                out.append(git(dir, List.of("bisect", "run", "sh", "-c", SCRIPT)));
            }
            String log = git(dir, List.of("bisect", "log"));
            List<String> steps = new ArrayList<>();
            Optional<String> firstBad = Optional.empty();
            List<String> possible = new ArrayList<>();
            for (String line : log.lines().toList()) {
                Matcher m = STEP.matcher(line);
                if (m.matches()) {
                    steps.add(m.group(1) + " " + m.group(2));
                }
                m = FIRST_BAD.matcher(line);
                if (m.find()) {
                    firstBad = Optional.of(m.group(1));
                }
            }
            // git's own list (the log lists more: commits that keep the module as well)
            boolean inList = false;
            for (String line : out.toString().lines().toList()) {
                if (line.startsWith("The first bad commit could be any of:")) {
                    inList = true;
                } else if (inList && line.matches("[0-9a-f]{40}")) {
                    possible.add(line);
                } else {
                    inList = false;
                }
            }
            Matcher mb = MERGE_BASE_BAD.matcher(out);
            Optional<String> badMergeBase = mb.find() ? Optional.of(mb.group(1)) : Optional.empty();
            return new Run(steps, firstBad, possible, badMergeBase, out + "\n--- log ---\n" + log);
        }
    }

    private static String git(Path dir, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("LC_ALL", "C");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("git " + String.join(" ", args) + " timed out");
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
