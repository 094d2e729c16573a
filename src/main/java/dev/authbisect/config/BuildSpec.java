package dev.authbisect.config;

import java.time.Duration;
import java.util.List;

/** The build run once per module version, in the module folder. */
public record BuildSpec(List<String> command, Duration timeout) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public BuildSpec {
        command = List.copyOf(command);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }
}
