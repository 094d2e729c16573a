package dev.authbisect.analysis;

import dev.authbisect.core.ClockCheck;
import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The harness is not the code (README "Outcomes and verdicts"): rules that recognise, from the cells of one call
 * in one environment, a problem every module version shows because of how the test is set up. Each
 * rule needs the same evidence at every decided module version; one version that differs makes it a
 * question of history again.
 *
 * <ol>
 *   <li>Every module version SKIPPED, each because the probe exited 125 or the build failed.</li>
 *   <li>Every decided request carries no api_key or another one than the environment's (WRONG_KEY).</li>
 *   <li>No request reached the relay at any decided version (NOT_SENT); refused egress attempts
 *       name the host the code called itself.</li>
 *   <li>Every decided version fails and every request's time follows this host's clock while missing the
 *       upstream's window: under a fixed simulator clock the probe did not follow
 *       {@code AUTHBISECT_FIXED_TIME_MS} (harness); against a live upstream this host's clock is skewed,
 *       under a skewed simulator the scenario's clock is (environment).</li>
 * </ol>
 */
final class SetupRules {
    static final String NOT_THE_CODE = "The harness set-up is wrong, not the code: ";

    private SetupRules() {
    }

    /**
     * @param env           the environment
     * @param rows          every module-version row, history order
     * @param cells         row id → this call's cell in {@code env}
     * @param decided       the rows with a decisive outcome
     * @param configuredKey the environment's key as reports show it ({@code raHZAk…#3f2a}), or empty
     */
    static Optional<SetupProblem> find(String env, List<Row> rows, Map<String, Cell> cells, List<Row> decided,
                                       String configuredKey) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (decided.isEmpty()) {
            return skippedEverywhere(rows, cells);
        }
        List<Cell> decidedCells = decided.stream().map(r -> cells.get(r.id())).toList();
        Optional<SetupProblem> p = wrongKey(env, decidedCells, configuredKey);
        if (p.isEmpty()) {
            p = nothingSent(decidedCells);
        }
        if (p.isEmpty()) {
            p = clock(decidedCells);
        }
        return p;
    }

    private static Optional<SetupProblem> skippedEverywhere(List<Row> rows, Map<String, Cell> cells) {
        int cannotTest = 0;
        int build = 0;
        for (Row r : rows) {
            Cell c = cells.get(r.id());
            if (c == null || c.outcome() != Outcome.SKIPPED) {
                return Optional.empty();
            }
            if (c.diagnosis().startsWith(Cell.PROBE_CANNOT_TEST)) {
                cannotTest++;
            } else if (c.diagnosis().startsWith(Cell.BUILD_FAILED)) {
                build++;
            } else {
                return Optional.empty(); // skipped for a reason the cells do not say
            }
        }
        String probeFix = "check how the probe loads the module (`AUTHBISECT_MODULE_DIR`, the import path it gets in"
                + " `probe.env`) and what it printed (logs/probe-*.log)";
        String buildFix = "check `target.build.command` and what it printed (logs/build-*.log)";
        if (build == 0) {
            return Optional.of(new SetupProblem(Cause.Reason.PROBE_CANNOT_TEST,
                    "the probe exited 125 (cannot test this module version) at every one of them",
                    NOT_THE_CODE + probeFix + ".", 0));
        }
        if (cannotTest == 0) {
            return Optional.of(new SetupProblem(Cause.Reason.BUILD_FAILS, "the build failed at every one of them",
                    NOT_THE_CODE + buildFix + ".", 0));
        }
        return Optional.of(new SetupProblem(Cause.Reason.NOTHING_TESTABLE,
                "every one of them was skipped: " + Phrases.count(cannotTest, "probe exit 125", "probe exits 125") + ", "
                        + Phrases.count(build, "failed build", "failed builds"),
                NOT_THE_CODE + probeFix + "; " + buildFix + ".", 0));
    }

    private static Optional<SetupProblem> wrongKey(String env, List<Cell> cells, String configuredKey) {
        Map<String, Integer> sent = new LinkedHashMap<>();
        String configured = configuredKey;
        for (Cell c : cells) {
            if (c.checks().signature().status() != SignatureCheck.Status.WRONG_KEY) {
                return Optional.empty();
            }
            Optional<SignatureCheck.Finding> f = c.checks().signature().findings().stream()
                    .filter(x -> x.kind().equals("WRONG_KEY")).findFirst();
            // "" = no api_key at all; null = the check does not say which key was sent
            sent.merge(f.map(SignatureCheck.Finding::client).orElse("\u0000unknown"), 1, Integer::sum);
            if (configured.isEmpty() && f.isPresent()) {
                configured = f.get().canonical();
            }
        }
        String most = sent.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        String conf = configured.isEmpty() ? "another key" : Phrases.clean(configured, 40);
        String evidence;
        if (most.isEmpty()) {
            evidence = "the code sent no api_key but " + Phrases.name(env) + " is configured with " + conf
                    + ": the code does not read the key it was given";
        } else if (most.startsWith("\u0000")) {
            evidence = "the code sent another key than " + Phrases.name(env) + "'s (" + conf
                    + "): the code reads its key from somewhere else";
        } else {
            evidence = "the code sent key " + Phrases.clean(most, 40) + " but " + Phrases.name(env) + " is configured with "
                    + conf + ": the code reads its key from somewhere else";
        }
        return Optional.of(new SetupProblem(Cause.Reason.WRONG_API_KEY, evidence, NOT_THE_CODE
                + "make the code read the key the harness gives it (map `{{credentials.api_key}}` onto the variable it"
                + " reads in `probe.env`) and look for a stale key file or default it falls back to (a `.env.local`).", 0));
    }

    private static Optional<SetupProblem> nothingSent(List<Cell> cells) {
        Map<String, String> attemptOf = new LinkedHashMap<>(); // host -> first attempt naming it
        Set<String> everywhere = null; // hosts every version that tried one tried: the base URL's stand-in, not a side call
        for (Cell c : cells) {
            if (c.outcome() != Outcome.NOT_SENT || c.relaySawRequests()) {
                return Optional.empty(); // requests reached the relay, only not for this call: not a base-URL problem
            }
            Set<String> here = new LinkedHashSet<>();
            for (String e : c.evidence().egress()) {
                host(e).ifPresent(h -> {
                    here.add(h);
                    attemptOf.putIfAbsent(h, Phrases.clean(e, 100));
                });
            }
            if (!here.isEmpty()) {
                if (everywhere == null) {
                    everywhere = here;
                } else {
                    everywhere.retainAll(here);
                }
            }
        }
        Set<String> hosts = everywhere == null || everywhere.isEmpty() ? attemptOf.keySet() : everywhere;
        List<String> attempts = hosts.stream().map(attemptOf::get).toList();
        if (hosts.isEmpty()) {
            return Optional.of(new SetupProblem(Cause.Reason.NO_REQUEST_REACHED_RELAY,
                    "the code does not use the base URL it was given",
                    NOT_THE_CODE + "map `{{relay.url}}` onto the variable the code reads its base URL from in `probe.env`.", 0));
        }
        List<String> hostNames = hosts.stream().limit(3).toList();
        List<String> shown = attempts.stream().limit(3).toList();
        String names = Phrases.join(hostNames.stream().map(h -> "`" + Phrases.clean(h, 80) + "`").toList());
        return Optional.of(new SetupProblem(Cause.Reason.CODE_CALLS_HOST_DIRECTLY,
                "the code calls " + names + " directly instead of the base URL it was given ("
                        + Phrases.join(shown.stream().map(a -> "`" + a + "`").toList()) + " refused: capture is off for "
                        + (hostNames.size() == 1 ? "it" : "them") + ")",
                NOT_THE_CODE + "map the variable the code reads its base URL from onto `{{relay.url}}` in `probe.env`, or let"
                        + " the relay capture " + (hostNames.size() == 1 ? "that host" : "those hosts") + " (list "
                        + (hostNames.size() == 1 ? "it" : "them") + " under the environment's `capture:`; the venue's own"
                        + " hosts are captured unless `capture: false`).", 0));
    }

    /** "CONNECT api.crypto.com:443" → api.crypto.com; "GET http://api.ipify.org/" → api.ipify.org. */
    static Optional<String> host(String attempt) {
        String[] parts = attempt.trim().split(" ", 2);
        if (parts.length < 2 || parts[1].isBlank()) {
            return Optional.empty();
        }
        String target = parts[1].trim();
        if (parts[0].equalsIgnoreCase("CONNECT")) {
            int colon = target.lastIndexOf(':');
            String h = colon > 0 && !target.endsWith("]") ? target.substring(0, colon) : target;
            return h.isEmpty() ? Optional.empty() : Optional.of(h);
        }
        try {
            return Optional.ofNullable(URI.create(target).getHost()).filter(h -> !h.isEmpty());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<SetupProblem> clock(List<Cell> cells) {
        List<ClockCheck> checks = new ArrayList<>();
        for (Cell c : cells) {
            if (!c.outcome().failing() || !c.checks().clock().followsHostClock()) {
                return Optional.empty();
            }
            checks.add(c.checks().clock());
        }
        ClockCheck.Clock kind = checks.get(0).clock();
        if (checks.stream().anyMatch(k -> k.clock() != kind)) {
            return Optional.empty();
        }
        ClockCheck shown = checks.get(0);
        long skew = shown.hostBehindMillis();
        return switch (kind) {
            case FIXED_SIMULATOR -> Optional.of(new SetupProblem(Cause.Reason.FIXED_CLOCK_NOT_FOLLOWED, shown.summary(),
                    NOT_THE_CODE + "the probe does not follow `AUTHBISECT_FIXED_TIME_MS`; make the code's clock read it,"
                            + " as the demo probe's `freeze_clock()` does.", skew));
            case DATE_HEADER -> Optional.of(new SetupProblem(Cause.Reason.HOST_CLOCK_SKEWED, shown.summary(), "", skew));
            case SIMULATOR -> Optional.of(new SetupProblem(Cause.Reason.SIMULATOR_CLOCK_SKEWED, shown.summary(), "", skew));
            case NONE -> Optional.empty();
        };
    }
}
