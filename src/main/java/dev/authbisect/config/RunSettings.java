package dev.authbisect.config;

/** Run settings: parallel trials and repetitions per cell. */
public record RunSettings(int jobs, int repeat) {
    public RunSettings {
        jobs = jobs <= 0 ? 1 : jobs;
        repeat = repeat <= 0 ? 1 : repeat;
    }

    public static RunSettings defaults() {
        return new RunSettings(1, 1);
    }
}
