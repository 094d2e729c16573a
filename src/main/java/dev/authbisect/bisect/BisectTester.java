package dev.authbisect.bisect;

/**
 * Tests one module version. The bisection calls it at most once per module version; it must
 * not throw for "cannot test" (return {@code SKIPPED} or {@code PROBE_ERROR} instead).
 */
@FunctionalInterface
public interface BisectTester {
    /**
     * @param commit        the commit chosen for the test (materialize the module from it)
     * @param moduleVersion its module version id
     */
    TrialOutcome test(String commit, String moduleVersion);
}
