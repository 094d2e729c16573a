package dev.authbisect.report;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.CommitRef;
import dev.authbisect.analysis.Repetition;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.SeedIncident;
import dev.authbisect.analysis.VerdictAnalyzer;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import java.util.ArrayList;
import java.util.List;

/** Runs with the evidence a real run carries (requests, responses, probe output, simulator reasons). */
final class ReportFixtures {
    private ReportFixtures() {
    }

    /** The seed incident with realistic evidence in every cell, verdicts applied. */
    static RunResult seed() {
        return VerdictAnalyzer.apply(withEvidence(SeedIncident.result()));
    }

    static RunResult withEvidence(RunResult r) {
        List<Cell> cells = new ArrayList<>();
        int i = 0;
        for (Cell c : r.cells()) {
            cells.add(evidence(c, i++, "sim".equals(kindOf(r, c.env()))));
        }
        return new RunResult(r.schema(), r.toolVersion(), r.startedAt(), r.finishedAt(), r.configDigest(), r.exitCode(),
                r.target(), r.environments(), r.calls(), r.rows(), cells, r.verdicts(), r.warnings());
    }

    private static String kindOf(RunResult r, String env) {
        return r.environments().stream().filter(e -> e.name().equals(env)).map(RunResult.Environment::upstreamKind)
                .findFirst().orElse("");
    }

    static Cell evidence(Cell c, int seq, boolean sim) {
        String method = "private/" + c.call().replace("get_account_summary", "user-balance").replace('_', '-');
        boolean floats = c.checks().signature().status() == SignatureCheck.Status.INVALID;
        String params = c.call().equals("get_order_history")
                ? (floats ? "{\"end_time\":1764086400000.0,\"limit\":20,\"start_time\":1764000000000.0}"
                : "{\"end_time\":1764086400000,\"limit\":20,\"start_time\":1764000000000}")
                : "{}";
        String request = "POST /exchange/v1/" + method + "\ncontent-type: application/json\n\n{\"id\":" + (1000 + seq)
                + ",\"method\":\"" + method + "\",\"api_key\":\"raHZAk…#3f2a\",\"params\":" + params
                + ",\"nonce\":1766131200000,\"sig\":\"9f2c1ab0…\"}";
        Integer http = switch (c.outcome()) {
            case OK -> 200;
            case AUTH_REJECTED -> 401;
            case API_ERROR -> 400;
            default -> null;
        };
        String response = http == null ? "" : "HTTP " + http + "\n{\"id\":" + (1000 + seq) + ",\"method\":\"" + method
                + "\",\"code\":" + (c.answer().venueCode() == null ? 0 : c.answer().venueCode())
                + (c.outcome() == Outcome.OK ? ",\"result\":{\"data\":[]}}" : ",\"message\":\"" + c.answer().venueName() + "\"}");
        String simReason = !sim || c.outcome() == Outcome.OK ? ""
                : floats ? "signature mismatch: param start_time rendered '1764000000000.0', canonical '1764000000000'"
                : "api_key raHZAk…#3f2a: source IP 203.0.113.7 not in allowlist [47.130.143.159] (answered as 40101)";
        String diagnosis = switch (c.outcome()) {
            case OK -> "venue answered code 0";
            case AUTH_REJECTED, API_ERROR -> floats ? c.checks().signature().summary() : "venue answered " + c.codeLabel();
            default -> c.outcome().name();
        };
        String probe = "$ python3 probes/crypto_com_probe.py\nannounce " + c.call() + "\n"
                + (c.outcome() == Outcome.OK ? "ok: 0 items\n" : "ERROR crypto_com_trade: Authentication failure ("
                + c.answer().venueCode() + ")\nTraceback (most recent call last):\n  File \"crypto_com_trade.py\", line 212, in _post\n"
                + "    raise CryptoComError(body['code'], body.get('message'))\n");
        List<String> egress = sim && c.row().equals("mv2") ? List.of("GET http://api.ipify.org/ (refused: not the relay)")
                : List.of();
        List<Repetition> reps = List.of();
        return new Cell(c.row(), c.env(), c.call(), c.outcome(), diagnosis,
                new Cell.Answer(c.answer().venueCode(), c.answer().venueName(), http, simReason),
                new Cell.Checks(c.row().equals("ref") || c.outcome() == Outcome.OK ? SignatureCheck.valid() : c.checks().signature(), null),
                new Cell.Timing(40L + (seq * 37L) % 90, reps), new Cell.Evidence(request, response, egress, probe));
    }

    /**
     * A big run: {@code versions} module versions of {@code commitsPer} commits, environments
     * local and prod, three calls, every outcome class somewhere, evidence in every cell.
     */
    static RunResult large(int versions, int commitsPer) {
        List<Row> rows = new ArrayList<>();
        rows.add(Row.reference());
        int n = 0;
        for (int v = 1; v <= versions; v++) {
            List<CommitRef> commits = new ArrayList<>();
            for (int k = 0; k < commitsPer; k++) {
                n++;
                String id = dev.authbisect.analysis.RunFixture.id("big" + n);
                String parent = n == 1 ? null : dev.authbisect.analysis.RunFixture.id("big" + (n - 1));
                commits.add(new CommitRef(id, null, "change number " + n + " in the signing module", "Dev " + (n % 7),
                        java.time.Instant.parse("2025-01-01T00:00:00Z").plusSeconds(600L * n).toString(),
                        parent == null ? List.of() : List.of(parent)));
            }
            rows.add(new Row("mv" + v, Row.Kind.MODULE_VERSION, "h" + v, commits, v % 97 == 0 ? "FAILED" : "OK"));
        }
        List<String> envs = List.of("local", "prod");
        List<String> calls = List.of("get_account_summary", "get_open_orders", "get_order_history");
        List<Cell> cells = new ArrayList<>();
        int seq = 0;
        for (Row row : rows) {
            int v = row.isReference() ? 0 : Integer.parseInt(row.id().substring(2));
            for (String env : envs) {
                for (String call : calls) {
                    Cell base;
                    if (v % 97 == 0 && v > 0) {
                        base = Cell.of(row.id(), env, call, Outcome.SKIPPED, null, null);
                    } else if (env.equals("local") && !call.equals("get_order_history")) {
                        base = Cell.of(row.id(), env, call, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED");
                    } else if (call.equals("get_order_history") && v >= versions / 3 && v < versions / 2) {
                        base = Cell.of(row.id(), env, call, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED");
                        base = new Cell(base.row(), env, call, base.outcome(), null, new Cell.Answer(40101, "UNAUTHORIZED", 401, null),
                                new Cell.Checks(SeedIncident.floatTimes(), null), null, null);
                    } else if (v % 50 == 7) {
                        base = new Cell(row.id(), env, call, Outcome.FLAKY, "repetitions disagree", null, null,
                                new Cell.Timing(null, List.of(new Repetition(Outcome.OK, 0, 200, 41L),
                                        new Repetition(Outcome.TRANSPORT_ERROR, null, null, 30000L))), null);
                    } else if (v % 61 == 5) {
                        base = Cell.of(row.id(), env, call, Outcome.TRANSPORT_ERROR, null, null);
                    } else if (v % 83 == 3) {
                        base = Cell.of(row.id(), env, call, v % 2 == 0 ? Outcome.PROBE_ERROR : Outcome.NOT_SENT, null, null);
                    } else if (call.equals("get_account_summary") && env.equals("prod") && v > versions - 20) {
                        base = Cell.of(row.id(), env, call, Outcome.API_ERROR, 40002, "METHOD_NOT_FOUND");
                    } else {
                        base = Cell.of(row.id(), env, call, Outcome.OK, 0, "");
                    }
                    cells.add(evidence(base, seq++, env.equals("local")));
                }
            }
        }
        RunResult r = new RunResult(null, "test", "2025-01-01T00:00:00Z", "2025-01-01T03:00:00Z", "sha256:big", 0,
                new RunResult.Target("git@example.invalid:big/bot.git", List.of("backend/app/"), "v1.0.0..HEAD"),
                List.of(new RunResult.Environment("local", "sim", "z3HWF8…#9c1d", "sim:seed-rca", "203.0.113.7"),
                        new RunResult.Environment("prod", "live", "raHZAk…#3f2a", "https://api.crypto.com/exchange/v1", "")),
                calls.stream().map(c -> new RunResult.Call(c, "private/" + c.replace('_', '-'))).toList(),
                rows, cells, List.of(), List.of("3 module versions failed to build"));
        return VerdictAnalyzer.apply(r);
    }
}
