package dev.authbisect.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A simulated exchange's world, read from a scenario file (README "The exchange simulator"): keys,
 * per-method policies, the code an allowlist violation returns, the clock, rate limit,
 * seeded faults and timed events. Immutable; secrets are {@code Secret}s.
 *
 * @param source          where it was read from (for messages), or a name
 * @param venue           the venue id, which picks the {@link Dialect} ({@code crypto-com-exchange-v1})
 * @param clock           the scenario's clock
 * @param nonceWindow     how far a request's nonce or timestamp may be from the clock (the dialect's default: 60 s for Crypto.com)
 * @param ipViolationCode the code an allowlist violation answers, one of the dialect's {@link Dialect#ipViolationCodes()}
 *                        (Crypto.com: 40103 IP_ILLEGAL, default, or 40101, what the seed's team saw); 0 when it offers none
 * @param keys            the API keys the exchange knows
 * @param policies        per-method policies by venue method name
 * @param rateLimit       the rate limit, if any
 * @param faults          seeded faults
 * @param events          timed events (revocations, rotations), in file order
 */
public record Scenario(String source, String venue, ScenarioClock clock, Duration nonceWindow, int ipViolationCode,
                       List<SimKey> keys, Map<String, MethodPolicy> policies, Optional<RateLimit> rateLimit,
                       List<Fault> faults, List<TimedEvent> events) {

    /** The venue of a scenario that names none (files from before a second venue existed). */
    public static final String VENUE = "crypto-com-exchange-v1";
    /** The nonce window of Crypto.com, the default venue; a scenario's default is its dialect's {@link Dialect#defaultWindow()}. */
    public static final Duration DEFAULT_NONCE_WINDOW = Duration.ofSeconds(60);

    public Scenario {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(nonceWindow, "nonceWindow");
        keys = List.copyOf(keys);
        policies = Map.copyOf(policies);
        rateLimit = rateLimit == null ? Optional.empty() : rateLimit;
        faults = List.copyOf(faults);
        events = List.copyOf(events);
    }

    /**
     * Reads and validates a scenario file. {@code ${env:NAME}} in secrets is resolved from the
     * process environment.
     *
     * @throws dev.authbisect.core.ExitException (code 2) with one line naming {@code file:line:column},
     *         the field and the expected form
     */
    public static Scenario load(Path file) {
        return ScenarioLoader.load(file, System::getenv);
    }

    /** {@link #load(Path)} with {@code ${env:NAME}} resolved from {@code env}. */
    public static Scenario load(Path file, Map<String, String> env) {
        return ScenarioLoader.load(file, env::get);
    }

    /** Every signing secret the scenario declares (keys and rotations), for the redactor; never printed. */
    public List<String> secrets() {
        List<String> out = new java.util.ArrayList<>();
        keys.forEach(k -> out.add(k.secret().reveal()));
        events.forEach(e -> {
            if (e instanceof TimedEvent.Rotate r) {
                out.add(r.newSecret().reveal());
            }
        });
        return out;
    }

    /** The frozen clock in epoch millis when the scenario runs on a fixed clock (for {@code AUTHBISECT_FIXED_TIME_MS}). */
    public OptionalLong fixedClockMillis() {
        return clock.fixedMillis();
    }

    /** The scenario's current time in epoch millis. */
    public long nowMillis() {
        return clock.millis();
    }

    /** The same world on another clock. */
    public Scenario withClock(ScenarioClock newClock) {
        return new Scenario(source, venue, newClock, nonceWindow, ipViolationCode, keys, policies, rateLimit, faults, events);
    }

    /** The policy of a venue method (the default enforces everything). */
    public MethodPolicy policy(String method) {
        return policies.getOrDefault(method, MethodPolicy.DEFAULT);
    }
}
