package dev.authbisect.bisect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.bisect.BisectStart.CommitLabel;
import java.util.List;

/**
 * {@code bisect.json}, schema {@code authbisect.bisect/1}: how the bisection started, every step and
 * the conclusion. A pure function of the result; write the string with any writer.
 */
public final class BisectJson {
    public static final String SCHEMA = "authbisect.bisect/1";
    /** The {@code $id} of bisect.json's JSON Schema ({@code schemas/bisect-1.schema.json}), written as its {@code $schema}. */
    public static final String SCHEMA_ID = "urn:authbisect:schema:bisect:1";

    private BisectJson() {
    }

    public static String render(BisectResult result) {
        try {
            return dev.authbisect.core.Json.mapper().writeValueAsString(tree(result)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode tree(BisectResult result) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("$schema", SCHEMA_ID);
        root.put("schema", SCHEMA);
        root.put("status", status(result));
        root.put("conclusion", BisectText.conclusion(result));
        BisectStart s = result.start();
        ObjectNode start = root.putObject("start");
        start.set("bad", commit(s.bad()));
        start.set("goods", commits(s.goods()));
        start.put("first_parent", s.firstParent());
        ArrayNode badOn = start.putArray("bad_on");
        s.badOn().stream().map(Enum::name).sorted().forEach(badOn::add);
        start.put("candidate_commits", s.candidateCommits());
        start.put("module_versions", s.moduleVersionCount());
        start.put("repeat", s.repeat());
        if (s.reference().isPresent()) {
            TrialOutcome ref = s.reference().get();
            ObjectNode r = root.putObject("reference");
            r.put("outcome", ref.outcome().name());
            r.put("detail", ref.detail());
            r.put("diagnosis", ref.diagnosis());
        } else {
            root.putNull("reference");
        }

        root.putNull("first_bad");
        root.putNull("last_good");
        root.putNull("premise");
        root.putArray("possible_first_bad");
        root.putNull("merge_base");
        if (result instanceof BisectResult.Found found) {
            ObjectNode fb = commit(found.commit());
            fb.put("module_version", found.moduleVersion());
            found.firstBad().ifPresent(e -> evidence(fb, e));
            root.set("first_bad", fb);
            found.lastGood().ifPresent(e -> {
                ObjectNode lg = commit(e.commit());
                evidence(lg, e);
                root.set("last_good", lg);
            });
        } else if (result instanceof BisectResult.PremiseFailed p) {
            ObjectNode n = root.putObject("premise");
            n.put("kind", p.premise().name().toLowerCase(java.util.Locale.ROOT));
            n.set("commit", commit(p.commit()));
            n.put("reason", p.reason());
        } else if (result instanceof BisectResult.OnlySkippedLeft left) {
            root.set("possible_first_bad", commits(left.candidates()));
        } else if (result instanceof BisectResult.MergeBaseBad mb) {
            root.set("merge_base", commit(mb.mergeBase()));
        }
        root.put("tests_run", result.testsRun());
        root.put("points_agreed", result.pointsAgreed());
        ArrayNode steps = root.putArray("steps");
        for (Step step : result.steps()) {
            Trial t = step.trial();
            ObjectNode n = steps.addObject();
            n.put("number", t.number());
            n.put("kind", t.kind().name().toLowerCase(java.util.Locale.ROOT));
            n.put("commit", t.commit());
            n.put("short", t.shortId());
            n.put("subject", t.subject());
            n.put("module_version", t.moduleVersion());
            n.put("module_version_ordinal", t.moduleVersionOrdinal());
            n.put("module_version_count", t.moduleVersionCount());
            n.put("revisions_left", t.revisionsLeft());
            n.put("steps_left", t.stepsLeft());
            n.put("source", step.source().name().toLowerCase(java.util.Locale.ROOT));
            if (step.outcome().isPresent()) {
                n.put("outcome", step.outcome().get().name());
            } else {
                n.putNull("outcome");
            }
            n.put("detail", step.detail());
            n.put("diagnosis", step.diagnosis());
            n.put("repetitions", step.repetitions());
            n.put("agreed", step.agreed());
            n.put("term", step.term().word());
            if (step.reusedFrom().isPresent()) {
                n.put("reused_from", step.reusedFrom().get());
            } else {
                n.putNull("reused_from");
            }
        }
        ArrayNode warnings = root.putArray("warnings");
        result.warnings().forEach(warnings::add);
        return root;
    }

    /** {@code found}, {@code premise_failed}, {@code only_skipped_left}, {@code merge_base_bad} or {@code no_testable_commit}. */
    public static String status(BisectResult result) {
        if (result instanceof BisectResult.Found) {
            return "found";
        }
        if (result instanceof BisectResult.PremiseFailed) {
            return "premise_failed";
        }
        if (result instanceof BisectResult.OnlySkippedLeft) {
            return "only_skipped_left";
        }
        if (result instanceof BisectResult.MergeBaseBad) {
            return "merge_base_bad";
        }
        return "no_testable_commit";
    }

    private static void evidence(ObjectNode n, BisectResult.Evidence e) {
        n.put("outcome", e.outcome());
        n.put("diagnosis", e.diagnosis());
        n.put("tested_at", e.testedAt());
    }

    private static ObjectNode commit(CommitLabel c) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", c.id());
        n.put("short", c.shortId());
        n.put("subject", c.subject());
        return n;
    }

    private static ArrayNode commits(List<CommitLabel> labels) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        labels.forEach(c -> a.add(commit(c)));
        return a;
    }
}
