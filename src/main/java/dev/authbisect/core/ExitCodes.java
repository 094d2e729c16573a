package dev.authbisect.core;

/** The one exit-code table for every command (README "Exit codes"). */
public final class ExitCodes {
    /** Success, no failing cell, no drift; bisect found the first bad commit. */
    public static final int OK = 0;
    /** Internal error (a bug): the message says so and {@code --stacktrace} shows where. */
    public static final int INTERNAL = 1;
    /** Usage or config error. */
    public static final int USAGE = 2;
    /** Failures found (run), drift detected (drift), unexpected verdicts (demo). */
    public static final int FAILURES = 3;
    /** Incomplete: cells skipped or errored beyond what allows a verdict; bisect inconclusive. */
    public static final int INCOMPLETE = 4;

    private ExitCodes() {
    }
}
