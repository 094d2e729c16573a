package dev.authbisect.drift;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.CommitRef;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.Outcome;
import java.util.ArrayList;
import java.util.List;

/** A small builder of results as drift compares them: environments, calls, rows and cells. */
final class Results {
    private String schema = RunResult.SCHEMA;
    private String startedAt = "2025-11-30T02:00:00Z";
    private String digest = "cfg1";
    private final List<RunResult.Environment> envs = new ArrayList<>();
    private final List<RunResult.Call> calls = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<Cell> cells = new ArrayList<>();

    static Results result() {
        return new Results();
    }

    /** Two environments (local, prod) and two calls, the reference row and a head row {@code mv} at commit {@code head}. */
    static Results standard(String mv, String... commits) {
        return result().env("local", "z3HWF8…#d5a8").env("prod", "raHZAk…#3f2a").call("get_open_orders").call("get_order_history")
                .reference().version(mv, commits);
    }

    Results schema(String s) {
        this.schema = s;
        return this;
    }

    Results startedAt(String s) {
        this.startedAt = s;
        return this;
    }

    Results digest(String d) {
        this.digest = d;
        return this;
    }

    Results env(String name, String keyId) {
        envs.add(new RunResult.Environment(name, "sim", keyId, "sim:seed", ""));
        return this;
    }

    Results call(String name) {
        calls.add(new RunResult.Call(name, "private/" + name));
        return this;
    }

    Results reference() {
        rows.add(Row.reference());
        return this;
    }

    /** A module-version row with id = the first 8 of {@code mv}, on a linear history of {@code commits} (ids, oldest first). */
    Results version(String mv, String... commits) {
        return versionWithId(mv.substring(0, Math.min(8, mv.length())), mv, commits);
    }

    Results versionWithId(String rowId, String mv, String... commits) {
        List<CommitRef> refs = new ArrayList<>();
        for (String c : commits) {
            int n = Integer.parseInt(c.substring(1));
            refs.add(new CommitRef(full(c), c, "subject " + c, "a", String.format("2025-12-%02dT10:00:00Z", n), parents(c)));
        }
        rows.add(new Row(rowId, Row.Kind.MODULE_VERSION, mv, refs, "OK"));
        return this;
    }

    /** Commits are named c1, c2, …: each has the previous one as parent. */
    private static List<String> parents(String c) {
        int n = Integer.parseInt(c.substring(1));
        return n <= 1 ? List.of() : List.of(full("c" + (n - 1)));
    }

    static String full(String c) {
        return (c + "0000000000000000000000000000000000000000").substring(0, 40);
    }

    Results cell(String row, String env, String call, Outcome o, Integer code) {
        cells.add(Cell.of(row, env, call, o, code, code == null ? "" : "X"));
        return this;
    }

    /** The same cells for every environment and call given, on the reference and head rows. */
    Results all(String headRow, Outcome o, Integer code) {
        for (RunResult.Environment e : envs) {
            for (RunResult.Call c : calls) {
                cell("ref", e.name(), c.name(), o, code);
                cell(headRow, e.name(), c.name(), o, code);
            }
        }
        return this;
    }

    Results set(String row, String env, String call, Outcome o, Integer code) {
        cells.removeIf(c -> c.row().equals(row) && c.env().equals(env) && c.call().equals(call));
        return cell(row, env, call, o, code);
    }

    Results latency(String row, String env, String call, long ms) {
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            if (c.row().equals(row) && c.env().equals(env) && c.call().equals(call)) {
                cells.set(i, new Cell(c.row(), c.env(), c.call(), c.outcome(), "",
                        new Cell.Answer(c.answer().venueCode(), c.answer().venueName(), 200, null), null, new Cell.Timing(ms, null), null));
            }
        }
        return this;
    }

    RunResult build() {
        return new RunResult(schema, "test", startedAt, startedAt, digest, 0,
                new RunResult.Target("repo", List.of("app/"), "HEAD"), envs, calls, rows, cells, List.of(), List.of());
    }
}
