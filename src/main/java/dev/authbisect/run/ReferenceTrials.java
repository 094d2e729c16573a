package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import dev.authbisect.analysis.Row;
import dev.authbisect.config.EnvironmentSpec;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Outcome;
import dev.authbisect.relay.TrialRecord;
import dev.authbisect.relay.TrialSession;
import dev.authbisect.venue.ReferenceClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reference control row: the harness's own signer makes each configured call through the
 * same relay and environment as the code under test — code from the repo plays no part in it.
 */
final class ReferenceTrials {
    private final TrialContext ctx;

    ReferenceTrials(TrialContext ctx) {
        this.ctx = ctx;
    }

    /** All calls of {@code env}, each {@code repetitions} times. */
    List<Cell> run(EnvironmentSpec env, int repetitions) {
        List<Cell> out = new ArrayList<>();
        try (ReferenceClient client = new ReferenceClient(new ReferenceClient.Options(Optional.empty(),
                Duration.ofSeconds(5),
                // longer than the relay's own budget for the upstream (connect + 2 × read), so the relay answers first
                env.connectTimeout().plus(env.readTimeout().multipliedBy(2)).plusSeconds(5), Map.of()))) {
            for (CallSpec call : ctx.calls()) {
                List<List<Cell>> reps = new ArrayList<>();
                for (int i = 1; i <= repetitions; i++) {
                    reps.add(List.of(once(client, env, call, i, 0)));
                }
                List<Cell> cells = Repetitions.aggregate(reps);
                ctx.listener().trialFinished("reference × " + env.name() + " × " + call.name(), cells);
                out.addAll(cells);
            }
        }
        return out;
    }

    private Cell once(ReferenceClient client, EnvironmentSpec env, CallSpec call, int rep, int retry) {
        String trialId = "ref×" + env.name() + "×" + call.name() + (rep > 1 ? "#" + rep : "");
        TrialRecord record;
        try (TrialSession session = ctx.relay().open(ctx.upstreams().target(env.name(), trialId))) {
            session.announce(call.name());
            client.call(session.relayUrl(), ctx.venue(), call, ctx.credentials().get(env.name()),
                    ctx.upstreams().referenceNow(env.name()));
            record = session.finish();
        }
        Cell cell = new CellBuilder(CellBuilder.knowingSentKeys(ctx.redactor(), ctx.venue(), record))
                .cell(Row.reference().id(), env.name(), call, record, new TrialEnd.Reference(), "");
        // only a call that never reached the upstream is made again: a second send could act twice
        if (cell.outcome() == Outcome.TRANSPORT_ERROR && record.repeatable() && retry < ModuleTrials.TRANSPORT_RETRIES) {
            return once(client, env, call, rep, retry + 1);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("trial", trialId);
        f.put("env", env.name());
        f.put("call", call.name());
        f.put("outcome", cell.outcome() + (cell.answer().venueCode() == null ? "" : " " + cell.answer().venueCode()));
        f.put("upstream_reached", record.upstreamReached());
        ctx.journal().event("reference", f);
        return cell;
    }
}
