package dev.authbisect.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbisect.analysis.Cell;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an interrupted run's {@code journal.jsonl} says: the options it was started with
 * ({@code run_started}) and the trials that finished ({@code trial_done}, one line each, with their
 * cells). {@code run --resume} runs the rest with the same options and writes the report an
 * uninterrupted run would have written.
 */
record Resumption(Path dir, String runId, String startedAt, RunOptions options, String moduleVersionsDigest,
                  Map<String, Done> done) {

    /** The options that decide a run's result, as its journal records them. */
    record RunOptions(Optional<String> range, List<String> envs, List<String> calls, int repeat, boolean reference,
                      Optional<Shard> shard, Optional<String> simClock, boolean worktree, String failOn) {
        Map<String, Object> toJournal() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("range", range.orElse(null));
            m.put("envs", envs);
            m.put("calls", calls);
            m.put("repeat", repeat);
            m.put("reference", reference);
            m.put("shard", shard.map(Shard::toString).orElse(null));
            m.put("sim_clock", simClock.orElse(null));
            m.put("worktree", worktree);
            m.put("fail_on", failOn);
            return m;
        }

        static RunOptions fromJournal(JsonNode n) {
            return new RunOptions(text(n, "range"), strings(n.path("envs")), strings(n.path("calls")), n.path("repeat").asInt(1),
                    n.path("reference").asBoolean(true), text(n, "shard").map(Shard::parse), text(n, "sim_clock"),
                    n.path("worktree").asBoolean(false), text(n, "fail_on").orElse(FailOn.DEFAULT.text()));
        }
    }

    /**
     * A finished trial as journaled: a module version (or the reference row, or the working tree) under one
     * environment, its cells, its build status and the protocol warnings its trials raised.
     */
    record Done(String row, String env, String moduleVersion, String build, List<Cell> cells, List<TrialWarnings.Entry> warnings) {
    }

    /** The key of a trial in the journal: {@code <row>@<env>}. */
    static String key(String row, String env) {
        return row + "@" + env;
    }

    /** Reads the run in {@code dir}; refuses (exit 2, one line) what cannot be resumed, or a config that changed since. */
    static Resumption read(Path dir, HarnessConfig config) {
        String where = "--resume " + dir;
        Path file = dir.resolve("journal.jsonl");
        if (!Files.isRegularFile(file)) {
            throw ExitException.usage(where + ": no journal.jsonl there (expected the --out folder of an interrupted 'authbisect run')");
        }
        if (OutputFolder.RunState.of(dir) == OutputFolder.RunState.FINISHED) {
            throw ExitException.usage(where + ": that run finished (its result.json is complete); nothing to resume");
        }
        List<JsonNode> events;
        try {
            events = RunJournal.read(file);
        } catch (IOException e) {
            throw ExitException.usage(where + ": journal.jsonl is not readable (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode start = events.stream().filter(e -> "run_started".equals(e.path("event").asText())).findFirst()
                .orElseThrow(() -> ExitException.usage(where + ": journal.jsonl has no run_started line (not a run's journal)"));
        if (!start.hasNonNull("options") || !start.hasNonNull("config_digest")) {
            throw ExitException.usage(where + ": journal.jsonl was written by an authbisect without --resume; run again with a new --out");
        }
        String digest = start.path("config_digest").asText();
        if (!digest.equals(config.digest())) {
            throw ExitException.usage(where + ": the config " + config.file() + " changed since that run started (config digest "
                    + shortDigest(digest) + " then, " + shortDigest(config.digest()) + " now); resuming would mix two configs "
                    + "in one report: start a new run, or restore the config");
        }
        Map<String, Done> done = new LinkedHashMap<>();
        for (JsonNode e : events) {
            if (!"trial_done".equals(e.path("event").asText())) {
                continue;
            }
            try {
                List<Cell> cells = new ArrayList<>();
                for (JsonNode c : e.path("cells")) {
                    cells.add(Json.mapper().treeToValue(c, Cell.class));
                }
                List<TrialWarnings.Entry> warnings = new ArrayList<>();
                for (JsonNode w : e.path("warnings")) {
                    warnings.add(Json.mapper().treeToValue(w, TrialWarnings.Entry.class));
                }
                Done d = new Done(e.path("row").asText(), e.path("env").asText(), e.path("module_version").asText(""),
                        e.path("build").asText(""), cells, warnings);
                done.put(key(d.row(), d.env()), d);
            } catch (IOException | RuntimeException bad) {
                throw ExitException.usage(where + ": journal.jsonl has a trial line that is not readable (" + bad.getClass().getSimpleName()
                        + "); run again with a new --out");
            }
        }
        return new Resumption(dir, start.path("run_id").asText(), start.path("started_at").asText(),
                RunOptions.fromJournal(start.path("options")), start.path("module_versions_digest").asText(""), Map.copyOf(done));
    }

    private static String shortDigest(String d) {
        return d.length() > 12 ? d.substring(0, 12) : d;
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
