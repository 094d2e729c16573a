package dev.authbisect.analysis;

import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A hand-built run for tests: rows of module versions over a linear history (or rows given
 * explicitly), environments, calls, and every cell OK until a test says otherwise.
 */
public final class RunFixture {
    private static final Instant T0 = Instant.parse("2025-12-01T09:00:00Z");

    private final List<Row> rows = new ArrayList<>();
    private final List<String> envs = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Cell> cells = new LinkedHashMap<>();
    private final Map<String, String> subjects = new LinkedHashMap<>();
    private boolean reference;

    private RunFixture() {
    }

    /** A deterministic 40-hex commit id for a name. */
    public static String id(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A commit named {@code name} at minute {@code minute} with the given parents (names). */
    public static CommitRef commit(String name, String subject, int minute, String... parents) {
        return new CommitRef(id(name), null, subject, "Dev Eloper", T0.plusSeconds(60L * minute).toString(),
                java.util.Arrays.stream(parents).map(RunFixture::id).toList());
    }

    /**
     * Module versions mv1..mvN on a linear history; version i has {@code commitsPer[i]} commits
     * (the last value repeats). Commits are named c1, c2 … in history order.
     */
    public static RunFixture linear(int versions, int... commitsPer) {
        RunFixture f = new RunFixture();
        int n = 0;
        for (int v = 1; v <= versions; v++) {
            int count = commitsPer.length == 0 ? 1 : commitsPer[Math.min(v - 1, commitsPer.length - 1)];
            List<CommitRef> commits = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                n++;
                commits.add(commit("c" + n, "commit " + n, n, n == 1 ? new String[0] : new String[] {"c" + (n - 1)}));
            }
            f.rows.add(new Row("mv" + v, Row.Kind.MODULE_VERSION, "mvhash" + v, commits, "OK"));
        }
        return f;
    }

    /** Rows given explicitly (for branchy histories). */
    public static RunFixture rows(Row... given) {
        RunFixture f = new RunFixture();
        f.rows.addAll(List.of(given));
        return f;
    }

    public static Row row(String id, CommitRef... commits) {
        return new Row(id, Row.Kind.MODULE_VERSION, "hash-" + id, List.of(commits), "OK");
    }

    public RunFixture envs(String... names) {
        envs.addAll(List.of(names));
        return this;
    }

    public RunFixture calls(String... names) {
        calls.addAll(List.of(names));
        return this;
    }

    public RunFixture withReference() {
        reference = true;
        return this;
    }

    /** Renames the subject of the commit named {@code name}. */
    public RunFixture subject(String name, String subject) {
        subjects.put(id(name), subject);
        return this;
    }

    /** The first commit of a module version row (1-based). */
    public String firstCommitOf(int version) {
        return rows.get(version - 1).commits().get(0).id();
    }

    public String lastCommitOf(int version) {
        List<CommitRef> c = rows.get(version - 1).commits();
        return c.get(c.size() - 1).id();
    }

    private static String key(String row, String env, String call) {
        return row + "|" + env + "|" + call;
    }

    public RunFixture cell(String row, String env, String call, Outcome outcome, Integer code, String name) {
        cells.put(key(row, env, call), Cell.of(row, env, call, outcome, code, name));
        return this;
    }

    public RunFixture edit(String row, String env, String call, UnaryOperator<Cell> edit) {
        cells.put(key(row, env, call), edit.apply(cells.getOrDefault(key(row, env, call), ok(row, env, call))));
        return this;
    }

    public RunFixture remove(String row, String env, String call) {
        cells.put(key(row, env, call), null);
        return this;
    }

    /** Sets module versions {@code from..to} (1-based, inclusive). */
    public RunFixture versions(int from, int to, String env, String call, Outcome outcome, Integer code, String name) {
        for (int v = from; v <= to; v++) {
            cell("mv" + v, env, call, outcome, code, name);
        }
        return this;
    }

    public RunFixture allVersions(String env, String call, Outcome outcome, Integer code, String name) {
        for (Row r : rows) {
            cell(r.id(), env, call, outcome, code, name);
        }
        return this;
    }

    public RunFixture reference(String env, String call, Outcome outcome, Integer code, String name) {
        return cell("ref", env, call, outcome, code, name);
    }

    public RunFixture signature(int fromVersion, int toVersion, String env, String call, SignatureCheck check) {
        for (int v = fromVersion; v <= toVersion; v++) {
            edit("mv" + v, env, call, c -> withSignature(c, check));
        }
        return this;
    }

    static Cell withSignature(Cell c, SignatureCheck s) {
        return c.withSignature(s);
    }

    private static Cell ok(String row, String env, String call) {
        return Cell.of(row, env, call, Outcome.OK, 0, "");
    }

    public RunResult build() {
        List<Row> allRows = new ArrayList<>();
        if (reference) {
            allRows.add(Row.reference());
        }
        for (Row r : rows) {
            allRows.add(new Row(r.id(), r.kind(), r.moduleVersion(), r.commits().stream()
                    .map(c -> new CommitRef(c.id(), c.shortId(), subjects.getOrDefault(c.id(), c.subject()), c.author(),
                            c.time(), c.parents())).toList(), r.build()));
        }
        List<Cell> out = new ArrayList<>();
        for (Row r : allRows) {
            for (String env : envs) {
                for (String call : calls) {
                    String k = key(r.id(), env, call);
                    if (cells.containsKey(k)) {
                        if (cells.get(k) != null) {
                            out.add(cells.get(k));
                        }
                    } else {
                        out.add(ok(r.id(), env, call));
                    }
                }
            }
        }
        return new RunResult(null, "test", "2025-12-19T08:00:00Z", "2025-12-19T08:05:00Z", "sha256:test", 0,
                new RunResult.Target("../my-bot", List.of("backend/app/"), "v1.4.0..HEAD"),
                envs.stream().map(e -> new RunResult.Environment(e, e.equals("prod") ? "live" : "sim",
                        "raHZAk…#3f2a", e.equals("prod") ? "https://api.crypto.com/exchange/v1" : "sim:seed-rca",
                        e.equals("prod") ? "" : "203.0.113.7")).toList(),
                calls.stream().map(c -> new RunResult.Call(c, "private/" + c.replace('_', '-'))).toList(),
                allRows, out, List.of(), List.of());
    }
}
