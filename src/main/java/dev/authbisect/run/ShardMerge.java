package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.VerdictAnalyzer;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Outcome;
import dev.authbisect.report.ResultJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code authbisect merge}: joins the {@code result.json} of every shard of one run ({@code run --shard K/N})
 * into the result the unsharded run would have written — the same rows in the same order, the same cells,
 * verdicts computed again over all of them. Refuses shards of different configs, ranges or selections, and
 * names missing, duplicate and unfinished shards. The reference row ran in every shard: where the shards
 * disagree on one of its cells, the merged cell is FLAKY and the result says so.
 */
public final class ShardMerge {
    private ShardMerge() {
    }

    /**
     * Reads and merges the shard results and writes the whole report suite into {@code out} (the same
     * {@code --out} rules as a run), with the shards' probe and build logs copied into {@code out/logs}.
     * {@code notes} is told what was cleared from {@code out}.
     */
    public static RunOutcome mergeInto(List<Path> files, Path out, FailOn failOn, java.util.function.Consumer<String> notes) {
        List<Part> parts = read(files);
        RunResult merged = merge(parts, failOn);
        Path dir = out.toAbsolutePath().normalize();
        for (Path f : files) {
            if (f.toAbsolutePath().normalize().getParent().equals(dir)) {
                throw ExitException.usage("merge --out " + out + ": is the folder of " + f + "; choose a new folder for the merged report");
            }
        }
        OutputFolder.forNewRun(dir, "--out").ifPresent(notes);
        for (Part p : parts) {
            copyLogs(p.file().toAbsolutePath().getParent().resolve("logs"), dir.resolve("logs"));
        }
        return RunOutcome.write(merged, dir);
    }

    /** Copies the regular files of a shard's logs folder (links are not followed; names never collide: row ids differ). */
    private static void copyLogs(Path from, Path to) {
        if (!java.nio.file.Files.isDirectory(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var files = java.nio.file.Files.list(from)) {
            for (Path f : files.toList()) {
                if (java.nio.file.Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && !java.nio.file.Files.exists(to.resolve(f.getFileName().toString()))) {
                    java.nio.file.Files.copy(f, to.resolve(f.getFileName().toString()), java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot copy the logs of " + from, e);
        }
    }

    /** A shard result and the file it was read from (for messages and its logs). */
    public record Part(Path file, RunResult result) {
    }

    /** Reads the files (usage errors name the file). */
    public static List<Part> read(List<Path> files) {
        if (files.isEmpty()) {
            throw ExitException.usage("merge: expected the result.json of every shard (e.g. shard-1/result.json shard-2/result.json)");
        }
        return files.stream().map(f -> new Part(f, ResultJson.read(f))).toList();
    }

    /** The merged result; {@code failOn} decides the exit code as {@code run --fail-on} would. */
    public static RunResult merge(List<Part> parts, FailOn failOn) {
        for (Part p : parts) {
            if (p.result().shard() == null) {
                throw ExitException.usage("merge: " + p.file() + " is not a shard's result (it was written by a run without --shard K/N)");
            }
            if (!p.result().isComplete()) {
                throw ExitException.usage("merge: " + p.file() + " (shard " + shardName(p) + ") is incomplete: finish it with "
                        + (p.result().interruption() == null ? "'authbisect run --resume'" : "'" + p.result().interruption().resume() + "'")
                        + " first");
            }
        }
        Part first = parts.get(0);
        int count = first.result().shard().count();
        for (Part p : parts) {
            same(first, p, "config digest", r -> r.configDigest(), "shards of different configs cannot be merged");
            same(first, p, "shard count", r -> r.shard().count(), "they split the range differently");
            same(first, p, "range", r -> r.target().range() + " " + r.target().modulePaths(), "shards of different ranges cannot be merged");
            same(first, p, "module versions", r -> r.shard().moduleVersions(),
                    "the range resolved to other module versions (a branch moved between the shards' runs): run the shards again");
            same(first, p, "environments", r -> r.environments().stream().map(e -> e.name() + "=" + e.keyId()).toList(),
                    "the shards ran other environments or keys (--env)");
            same(first, p, "calls", r -> r.calls().stream().map(RunResult.Call::name).toList(), "the shards ran other calls (--call)");
            same(first, p, "reference row", r -> r.rows().stream().anyMatch(Row::isReference), "some shards ran --no-reference");
        }
        Map<Integer, Part> byIndex = new TreeMap<>();
        for (Part p : parts) {
            Part twice = byIndex.putIfAbsent(p.result().shard().index(), p);
            if (twice != null) {
                throw ExitException.usage("merge: shard " + shardName(p) + " given twice (" + twice.file() + " and " + p.file() + ")");
            }
        }
        List<String> missing = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            if (!byIndex.containsKey(k)) {
                missing.add(k + "/" + count);
            }
        }
        if (!missing.isEmpty()) {
            throw ExitException.usage("merge: shard" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + " missing (given: "
                    + String.join(", ", byIndex.values().stream().map(ShardMerge::shardName).toList()) + ")");
        }
        List<Part> ordered = List.copyOf(byIndex.values());
        RunResult head = ordered.get(0).result();

        List<String> order = head.shard().moduleVersions();
        List<Row> rows = new ArrayList<>();
        head.rows().stream().filter(Row::isReference).findFirst().ifPresent(rows::add);
        Map<String, Row> versionRows = new LinkedHashMap<>();
        ordered.forEach(p -> p.result().rows().stream().filter(r -> !r.isReference()).forEach(r -> versionRows.putIfAbsent(r.id(), r)));
        order.stream().filter(versionRows::containsKey).forEach(id -> rows.add(versionRows.get(id)));

        List<String> disagreements = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        for (Cell ref : head.cells().stream().filter(c -> c.row().equals(Row.reference().id())).toList()) {
            cells.add(referenceCell(ref, ordered, disagreements));
        }
        ordered.forEach(p -> p.result().cells().stream().filter(c -> !c.row().equals(Row.reference().id())).forEach(cells::add));
        Map<String, Integer> rowOrder = positions(rows.stream().map(Row::id).toList());
        Map<String, Integer> envOrder = positions(head.environments().stream().map(RunResult.Environment::name).toList());
        Map<String, Integer> callOrder = positions(head.calls().stream().map(RunResult.Call::name).toList());
        cells.sort(Comparator.comparingInt((Cell c) -> rowOrder.getOrDefault(c.row(), Integer.MAX_VALUE))
                .thenComparingInt(c -> envOrder.getOrDefault(c.env(), Integer.MAX_VALUE))
                .thenComparingInt(c -> callOrder.getOrDefault(c.call(), Integer.MAX_VALUE)));

        LinkedHashSet<String> warnings = new LinkedHashSet<>(disagreements);
        ordered.forEach(p -> warnings.addAll(p.result().warnings()));
        String started = ordered.stream().map(p -> p.result().startedAt()).filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse("");
        String finished = ordered.stream().map(p -> p.result().finishedAt()).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse("");
        RunResult merged = new RunResult(head.schema(), head.toolVersion(), started, finished, head.configDigest(), 0, head.target(),
                head.environments(), head.calls(), rows, cells, List.of(), List.copyOf(warnings), true, null, null,
                new RunResult.Merge(count, disagreements));
        var verdicts = VerdictAnalyzer.analyze(merged);
        return merged.withVerdicts(verdicts, VerdictAnalyzer.exitCode(merged, verdicts, failOn::fails));
    }

    /** The reference cell as every shard saw it: the same → as it is; different → FLAKY, and a sentence saying so. */
    private static Cell referenceCell(Cell ref, List<Part> parts, List<String> disagreements) {
        Map<String, List<String>> seen = new LinkedHashMap<>();
        for (Part p : parts) {
            Cell c = p.result().cell(ref.row(), ref.env(), ref.call()).orElse(null);
            String label = c == null ? "no cell" : c.outcome() == Outcome.OK ? "OK" : c.codeLabel();
            seen.computeIfAbsent(label, k -> new ArrayList<>()).add(shardName(p));
        }
        if (seen.size() == 1) {
            return ref;
        }
        List<String> parts2 = new ArrayList<>();
        seen.forEach((label, shards) -> parts2.add(label + " in shard" + (shards.size() == 1 ? " " : "s ") + String.join(", ", shards)));
        String sentence = "The reference client's " + ref.call() + " under " + ref.env() + " differs between the shards ("
                + String.join("; ", parts2) + "): the environment changed while they ran, so the merged reference cell is FLAKY";
        disagreements.add(sentence);
        return ref.withRepetitions(Outcome.FLAKY, sentence, ref.timing().repetitions());
    }

    private static Map<String, Integer> positions(List<String> names) {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.putIfAbsent(names.get(i), i);
        }
        return out;
    }

    private static <T> void same(Part a, Part b, String what, java.util.function.Function<RunResult, T> f, String why) {
        if (!Objects.equals(f.apply(a.result()), f.apply(b.result()))) {
            throw ExitException.usage("merge: " + a.file() + " and " + b.file() + " differ in their " + what + " ("
                    + brief(f.apply(a.result())) + " vs " + brief(f.apply(b.result())) + "): " + why);
        }
    }

    private static String brief(Object o) {
        String s = String.valueOf(o);
        return s.length() > 60 ? s.substring(0, 59) + "…" : s;
    }

    private static String shardName(Part p) {
        return p.result().shard().index() + "/" + p.result().shard().count();
    }
}
