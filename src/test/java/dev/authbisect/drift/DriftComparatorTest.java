package dev.authbisect.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.Outcome;
import dev.authbisect.drift.DriftReport.Finding;
import dev.authbisect.drift.DriftReport.Kind;
import dev.authbisect.drift.DriftReport.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftComparatorTest {
    static final String MV1 = "1a2b3c4d5e6f";
    static final String MV2 = "9f8e7d6c5b4a";

    private static DriftReport compare(RunResult base, RunResult now, RowPins pins, Integer commits) {
        return DriftComparator.compare(new DriftComparator.Input(base, "baseline.json", now, pins, commits,
                "2025-12-21T02:00:00Z", ""));
    }

    private static DriftReport compare(RunResult base, RunResult now) {
        return compare(base, now, RowPins.DEFAULT, 0);
    }

    private static Finding finding(DriftReport r, String env, String call) {
        return r.findings().stream().filter(f -> f.env().equals(env) && f.call().equals(call)).findFirst().orElseThrow();
    }

    private static Results okWorld(String mv, String... commits) {
        return Results.standard(mv, commits).all(mv.substring(0, 8), Outcome.OK, 0);
    }

    @Test
    void anUnchangedWorldIsNoDriftAndExitZero() {
        DriftReport r = compare(okWorld(MV1, "c1", "c2").build(), okWorld(MV1, "c1", "c2").startedAt("2025-12-21T02:00:00Z").build());
        assertEquals(0, r.exitCode());
        assertTrue(r.cells().stream().allMatch(c -> c.status() == Status.UNCHANGED), r.cells()::toString);
        assertEquals(8, r.cells().size(), "reference and HEAD × 2 environments × 2 calls");
        assertTrue(r.findings().stream().allMatch(f -> f.kind() == Kind.NONE));
        assertEquals("No drift since the baseline of 2025-11-30: all 8 compared cells (the reference client, the module at HEAD) are unchanged.",
                r.summary());
        assertTrue(r.keys().stream().allMatch(k -> k.status().equals("unchanged")), r.keys()::toString);
    }

    @Test
    void theReferenceChangingTheSameWayAsHeadIsEnvironmentDrift() {
        RunResult base = okWorld(MV1, "c1", "c2").build();
        RunResult now = okWorld(MV1, "c1", "c2").set("ref", "prod", "get_open_orders", Outcome.AUTH_REJECTED, 40101)
                .set("1a2b3c4d", "prod", "get_open_orders", Outcome.AUTH_REJECTED, 40101).build();
        DriftReport r = compare(base, now);
        assertEquals(3, r.exitCode());
        Finding f = finding(r, "prod", "get_open_orders");
        assertEquals(Kind.ENVIRONMENT, f.kind());
        assertEquals("`prod` × `get_open_orders`: OK → AUTH_REJECTED 40101 since the baseline of 2025-11-30 (key raHZAk…#3f2a "
                + "unchanged); the reference client changed the same way and the module at HEAD is the same module version as in "
                + "the baseline: ENVIRONMENT drift.", f.sentence());
        assertEquals(Kind.NONE, finding(r, "local", "get_open_orders").kind());
        assertTrue(r.summary().startsWith("Drift since the baseline of 2025-11-30: 1 of 4 environment × call pairs changed (1 ENVIRONMENT drift)"),
                r.summary());
    }

    @Test
    void theModuleAtHeadChangingWhileTheReferenceDoesNotIsACodeChange() {
        RunResult base = okWorld(MV1, "c1", "c2").build();
        RunResult now = okWorld(MV2, "c3", "c4", "c5").set("9f8e7d6c", "prod", "get_order_history", Outcome.AUTH_REJECTED, 40101).build();
        DriftReport r = compare(base, now, RowPins.DEFAULT, 3);
        assertEquals(3, r.exitCode());
        assertTrue(r.headChanged());
        Finding f = finding(r, "prod", "get_order_history");
        assertEquals(Kind.CODE, f.kind());
        assertEquals("`prod` × `get_order_history`: OK → AUTH_REJECTED 40101 since the baseline of 2025-11-30 (key raHZAk…#3f2a "
                + "unchanged); the module at HEAD changed (3 commits since the baseline) and the reference did not: CODE change.",
                f.sentence());
        assertEquals("c2", r.baseline().headCommit().substring(0, 2));
        assertEquals(Results.full("c5"), r.current().headCommit());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("1a2b3c4d (c2) → 9f8e7d6c (c5), 3 commits since the baseline")), r.notes()::toString);
    }

    @Test
    void theReferenceAndTheHeadChangingDifferentlyAfterACodeChangeIsBoth() {
        RunResult base = okWorld(MV1, "c1").build();
        RunResult now = okWorld(MV2, "c2").set("ref", "prod", "get_open_orders", Outcome.AUTH_REJECTED, 40101)
                .set("9f8e7d6c", "prod", "get_open_orders", Outcome.API_ERROR, 40002).build();
        Finding f = finding(compare(base, now, RowPins.DEFAULT, 1), "prod", "get_open_orders");
        assertEquals(Kind.BOTH, f.kind());
        assertTrue(f.sentence().contains("OK → API_ERROR 40002"), f.sentence());
        assertTrue(f.sentence().contains("the reference client changed too (OK → AUTH_REJECTED 40101) and the module at HEAD changed "
                + "(1 commit since the baseline): both ENVIRONMENT drift and a CODE change."), f.sentence());
    }

    @Test
    void aCodeChangeHiddenBehindTheSameEnvironmentFailureIsEnvironment() {
        RunResult base = okWorld(MV1, "c1").build();
        RunResult now = okWorld(MV2, "c2").set("ref", "prod", "get_open_orders", Outcome.AUTH_REJECTED, 40101)
                .set("9f8e7d6c", "prod", "get_open_orders", Outcome.AUTH_REJECTED, 40101).build();
        Finding f = finding(compare(base, now, RowPins.DEFAULT, 1), "prod", "get_open_orders");
        assertEquals(Kind.ENVIRONMENT, f.kind());
        assertTrue(f.sentence().contains("the reference client changed the same way (the module at HEAD changed too, 1 commit since "
                + "the baseline, but the reference explains it): ENVIRONMENT drift."), f.sentence());
    }

    @Test
    void onlyTheReferenceChangingIsEnvironmentDriftSeenByTheReferenceOnly() {
        RunResult now = okWorld(MV1, "c1").set("ref", "local", "get_order_history", Outcome.AUTH_REJECTED, 40103).build();
        Finding f = finding(compare(okWorld(MV1, "c1").build(), now), "local", "get_order_history");
        assertEquals(Kind.ENVIRONMENT, f.kind());
        assertTrue(f.sentence().startsWith("`local` × `get_order_history`: the reference client went OK → AUTH_REJECTED 40103"), f.sentence());
        assertTrue(f.sentence().endsWith("the module at HEAD did not change (OK): ENVIRONMENT drift seen by the reference client only."),
                f.sentence());
    }

    @Test
    void latencyIsIgnoredButAnotherVenueCodeOfTheSameClassIsDrift() {
        RunResult base = okWorld(MV1, "c1").set("ref", "local", "get_open_orders", Outcome.AUTH_REJECTED, 40101)
                .set("1a2b3c4d", "local", "get_open_orders", Outcome.AUTH_REJECTED, 40101).latency("ref", "prod", "get_open_orders", 12).build();
        RunResult sameButSlow = okWorld(MV1, "c1").set("ref", "local", "get_open_orders", Outcome.AUTH_REJECTED, 40101)
                .set("1a2b3c4d", "local", "get_open_orders", Outcome.AUTH_REJECTED, 40101).latency("ref", "prod", "get_open_orders", 4000).build();
        assertEquals(0, compare(base, sameButSlow).exitCode());
        RunResult otherCode = okWorld(MV1, "c1").set("ref", "local", "get_open_orders", Outcome.AUTH_REJECTED, 40103)
                .set("1a2b3c4d", "local", "get_open_orders", Outcome.AUTH_REJECTED, 40103).build();
        DriftReport r = compare(base, otherCode);
        assertEquals(3, r.exitCode());
        assertTrue(finding(r, "local", "get_open_orders").sentence().contains("AUTH_REJECTED 40101 → AUTH_REJECTED 40103"));
    }

    @Test
    void aCellThatIsNoAuthResultOnOneSideIsUndecidedAndExitFour() {
        RunResult now = okWorld(MV1, "c1").set("1a2b3c4d", "prod", "get_open_orders", Outcome.TRANSPORT_ERROR, null).build();
        DriftReport r = compare(okWorld(MV1, "c1").build(), now);
        assertEquals(4, r.exitCode());
        Finding f = finding(r, "prod", "get_open_orders");
        assertEquals(Kind.UNDECIDED, f.kind());
        assertEquals("`prod` × `get_open_orders`: the module at HEAD was OK in the baseline of 2025-11-30 and is TRANSPORT_ERROR now: "
                + "undecided (not an auth result on one side).", f.sentence());
        assertTrue(r.summary().startsWith("Undecided since the baseline of 2025-11-30: 1 cell"), r.summary());
    }

    @Test
    void aNewCallIsReportedOnOneSideButIsNoDrift() {
        RunResult now = okWorld(MV1, "c1").call("get_account_summary").cell("ref", "prod", "get_account_summary", Outcome.OK, 0).build();
        DriftReport r = compare(okWorld(MV1, "c1").build(), now);
        assertEquals(0, r.exitCode());
        Finding f = finding(r, "prod", "get_account_summary");
        assertEquals(Kind.ONE_SIDE, f.kind());
        assertEquals("`prod` × `get_account_summary`: the reference client is new since the baseline (OK): not compared.", f.sentence());
        assertTrue(r.cells().stream().anyMatch(c -> c.status() == Status.ONLY_NOW));
    }

    @Test
    void withoutTheReferenceAHeadChangeCannotBeToldApartFromTheEnvironment() {
        RunResult base = okWorld(MV1, "c1").build();
        RunResult now = okWorld(MV2, "c2").set("9f8e7d6c", "prod", "get_open_orders", Outcome.AUTH_REJECTED, 40101).build();
        DriftReport r = compare(base, now, RowPins.parse("head"), 1);
        Finding f = finding(r, "prod", "get_open_orders");
        assertEquals(Kind.UNDECIDED, f.kind());
        assertTrue(f.sentence().endsWith("but the reference client was not compared: cannot tell the code from the environment."), f.sentence());
        assertEquals(3, r.exitCode(), "an auth result changed");
        assertTrue(r.cells().stream().noneMatch(c -> c.row().equals("reference")));
    }

    @Test
    void rowsArePairedByRoleAndModuleVersionNeverByRowIdSoSchemaOneBaselinesCompare() {
        RunResult v1Fixed = Results.result().schema("authbisect.result/1").env("local", "z3HWF8…#0000").env("prod", "raHZAk…#1111")
                .call("get_open_orders").call("get_order_history").reference().versionWithId("mv2", MV1, "c1", "c2").all("mv2", Outcome.OK, 0).build();
        DriftReport r = compare(v1Fixed, okWorld(MV1, "c1", "c2").build());
        assertEquals(0, r.exitCode(), r.cells()::toString);
        assertEquals("mv2", r.cells().stream().filter(c -> c.row().equals("head")).findFirst().orElseThrow().baselineRow());
        assertTrue(r.keys().stream().allMatch(k -> k.status().equals("not comparable")), r.keys()::toString);
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("The baseline is schema authbisect.result/1")), r.notes()::toString);
    }

    @Test
    void theDemosSchemaOneResultIsABaselineForTheSameCellsUnderStableIds() throws Exception {
        RunResult old;
        try (var in = getClass().getResourceAsStream("/dev/authbisect/report/result-schema1.json")) {
            old = dev.authbisect.report.ResultJson.parse("result-schema1.json", in.readAllBytes());
        }
        assertEquals("authbisect.result/1", old.schema());
        java.util.Map<String, String> ids = new java.util.HashMap<>();
        old.rows().forEach(row -> ids.put(row.id(), row.isReference() ? "ref" : row.moduleVersion().substring(0, 8)));
        RunResult now = new RunResult(RunResult.SCHEMA, "t", "2026-12-01T02:00:00Z", "", old.configDigest(), 0, old.target(),
                old.environments(), old.calls(),
                old.rows().stream().map(row -> new dev.authbisect.analysis.Row(ids.get(row.id()), row.kind(), row.moduleVersion(),
                        row.commits(), row.build())).toList(),
                old.cells().stream().map(c -> new dev.authbisect.analysis.Cell(ids.get(c.row()), c.env(), c.call(), c.outcome(),
                        c.diagnosis(), c.answer(), new dev.authbisect.analysis.Cell.Checks(c.checks().signature(), null),
                        new dev.authbisect.analysis.Cell.Timing(c.timing().latencyMs() == null ? 1 : c.timing().latencyMs() + 7,
                                c.timing().repetitions()), c.evidence())).toList(),
                List.of(), List.of());
        DriftReport r = compare(old, now, RowPins.parse("all"), 0);
        assertEquals(0, r.exitCode(), r.summary());
        assertTrue(r.cells().size() >= 6 * 7, r.cells().size() + " cells: reference, HEAD and the other module versions");
        assertTrue(r.summary().startsWith("No drift since the baseline of 2026-11-29"), r.summary());
    }

    @Test
    void aRotatedKeyShowsBothIdsInTheSentence() {
        RunResult base = okWorld(MV1, "c1").build();
        RunResult now = Results.result().env("local", "z3HWF8…#d5a8").env("prod", "raHZAk…#9999").call("get_open_orders")
                .call("get_order_history").reference().version(MV1, "c1").all("1a2b3c4d", Outcome.OK, 0)
                .set("ref", "prod", "get_open_orders", Outcome.AUTH_REJECTED, 40101)
                .set("1a2b3c4d", "prod", "get_open_orders", Outcome.AUTH_REJECTED, 40101).build();
        DriftReport r = compare(base, now);
        assertTrue(finding(r, "prod", "get_open_orders").sentence()
                .contains("(key raHZAk…#3f2a → raHZAk…#9999: another key or secret than in the baseline)"));
        assertEquals("changed", r.keys().stream().filter(k -> k.env().equals("prod")).findFirst().orElseThrow().status());
    }

    @Test
    void withAllRowsAnUnchangedModuleVersionThatChangedIsEnvironmentDrift() {
        RunResult base = Results.standard(MV2, "c3").version(MV1, "c1", "c2").all("9f8e7d6c", Outcome.OK, 0)
                .cell("1a2b3c4d", "prod", "get_open_orders", Outcome.OK, 0).build();
        RunResult now = Results.standard(MV2, "c3").version(MV1, "c1", "c2").all("9f8e7d6c", Outcome.OK, 0)
                .cell("1a2b3c4d", "prod", "get_open_orders", Outcome.AUTH_REJECTED, 40103).build();
        DriftReport r = compare(base, now, RowPins.parse("all"), 0);
        Finding f = finding(r, "prod", "get_open_orders");
        assertEquals(Kind.ENVIRONMENT, f.kind());
        assertTrue(f.sentence().contains("1 module version that did not change since the baseline changed outcome (`1a2b3c4d` OK → "
                + "AUTH_REJECTED 40103)"), f.sentence());
        assertEquals("all", r.rows());
    }

    @Test
    void aConfigChangeIsNotedButIsNoDrift() {
        DriftReport r = compare(okWorld(MV1, "c1").digest("aaaa").build(), okWorld(MV1, "c1").digest("bbbb").build());
        assertEquals(0, r.exitCode());
        assertTrue(r.notes().contains("The config changed since the baseline (digest aaaa → bbbb)."), r.notes()::toString);
    }

    @Test
    void withoutABaselineTheRunBecomesTheFirstOne() {
        DriftReport r = DriftComparator.created(okWorld(MV1, "c1").build(), "git:b:x.json", RowPins.DEFAULT, "t", "");
        assertEquals(0, r.exitCode());
        assertFalse(r.drift());
        assertTrue(r.summary().startsWith("No baseline at git:b:x.json yet"), r.summary());
    }
}
