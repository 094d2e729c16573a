package dev.authbisect.run;

import dev.authbisect.relay.Refusal;
import dev.authbisect.relay.TrialRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Protocol problems the relay saw across a run's trials, one warning per kind of problem (not
 * per trial): a call announced that the config does not have, requests refused for leaving the
 * upstream's base path. They go to the run output and to {@code result.json}'s {@code warnings}.
 * Thread-safe; messages are built from the relay's one-line refusals and redacted by the caller.
 */
final class TrialWarnings {
    private final Map<String, String> messages = new LinkedHashMap<>();
    private final Map<String, List<String>> trials = new LinkedHashMap<>();

    /** Notes what {@code record} (of trial {@code trialId}) shows. */
    synchronized void note(String trialId, TrialRecord record, List<String> configCalls) {
        for (String unknown : record.unknownCalls()) {
            add("unknown:" + unknown, "the probe announced call '" + unknown + "', which the config does not have (its calls: "
                    + String.join(", ", configCalls) + "); the relay answered 400 and attributed the requests after it by venue method",
                    trialId);
        }
        List<Refusal> paths = record.refused().stream().filter(r -> r.kind() == Refusal.Kind.BAD_PATH).toList();
        if (!paths.isEmpty()) {
            add("path", "the relay refused requests whose path would leave the upstream's base path and did not forward them, e.g. "
                    + paths.get(0).describe(), trialId);
        }
    }

    private void add(String key, String message, String trialId) {
        messages.putIfAbsent(key, message);
        List<String> where = trials.computeIfAbsent(key, k -> new ArrayList<>());
        if (!where.contains(trialId)) {
            where.add(trialId);
        }
    }

    /** One problem seen in one trial, as the journal keeps it (so {@code run --resume} reports it too). */
    record Entry(String key, String message, String trial) {
    }

    /** What the trials of {@code row} × {@code env} raised (its repetitions and retries included). */
    synchronized List<Entry> entriesOf(String row, String env) {
        String id = row + "×" + env;
        List<Entry> out = new ArrayList<>();
        trials.forEach((key, where) -> where.stream()
                .filter(t -> t.equals(id) || t.startsWith(id + "#") || t.startsWith(id + "-retry"))
                .forEach(t -> out.add(new Entry(key, messages.get(key), t))));
        return out;
    }

    /** Adds what an earlier part of the run raised (read back from its journal). */
    synchronized void restore(Entry e) {
        add(e.key(), e.message(), e.trial());
    }

    /** One line per problem, naming the first trial and how many more showed it. */
    synchronized List<String> list() {
        List<String> out = new ArrayList<>();
        messages.forEach((key, message) -> {
            List<String> where = trials.get(key);
            String first = where.get(0).replace('×', '@');
            out.add(message + " (trial " + first + (where.size() > 1 ? " and " + (where.size() - 1) + " more" : "") + ")");
        });
        return out;
    }
}
