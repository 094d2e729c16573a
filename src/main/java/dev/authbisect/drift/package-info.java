/**
 * Nightly drift detection ({@code authbisect drift}): re-run the pinned rows of a config (the
 * reference row and the module version at the range's head, or all rows), compare each cell's
 * outcome class and venue code with a baseline result, say in one sentence per environment × call
 * whether the environment drifted or the code changed, and keep a JSONL history with a trend page.
 *
 * <pre>{@code
 * DriftOutcome o = DriftRun.of(config).baseline("git:authbisect-baseline:drift/baseline.json").call();
 * }</pre>
 */
package dev.authbisect.drift;
