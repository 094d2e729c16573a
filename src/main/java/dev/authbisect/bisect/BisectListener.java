package dev.authbisect.bisect;

/** Progress of a bisection, for the CLI to print as it goes. Both methods default to nothing. */
public interface BisectListener {
    BisectListener NONE = new BisectListener() {
    };

    /** Called once the range is known, before anything is tested. */
    default void started(BisectStart start) {
    }

    /** Called before the tester runs (not for results reused from an earlier step). */
    default void testing(Trial trial) {
    }

    /** Called after each step, tested or reused. */
    default void stepped(Step step) {
    }

    /** Called once the reference client was tested (premise checks only), with what its result means. */
    default void reference(TrialOutcome outcome, Term term) {
    }
}
