package dev.authbisect.drift;

import dev.authbisect.analysis.CommitRef;
import dev.authbisect.analysis.History;
import dev.authbisect.analysis.Row;
import dev.authbisect.analysis.RunResult;
import java.util.List;
import java.util.Optional;

/**
 * The range's head in a result: its newest commit in history order (a commit no other commit of
 * the result has as parent) and the module-version row that holds it. Works on full {@code run}
 * results and on the pinned rows of {@code drift} results alike.
 *
 * @param row    the row of the head's module version
 * @param commit the head commit
 */
record ResultHead(Row row, CommitRef commit) {
    static Optional<ResultHead> of(RunResult result) {
        List<Row> rows = result.rows().stream().filter(r -> !r.isReference()).toList();
        List<CommitRef> order = History.of(rows).commits();
        if (order.isEmpty()) {
            return Optional.empty();
        }
        CommitRef last = order.get(order.size() - 1);
        return rows.stream().filter(r -> r.commits().stream().anyMatch(c -> c.id().equals(last.id()))).findFirst()
                .map(r -> new ResultHead(r, last));
    }

    static Optional<Row> reference(RunResult result) {
        return result.rows().stream().filter(Row::isReference).findFirst();
    }
}
