package dev.authbisect.analysis;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One cause of a verdict in one environment, machine-readable ({@code verdicts[].causes[]} in
 * result.json). The verdict's sentences say the same in words.
 *
 * @param kind        code, environment or harness
 * @param env         the environment it was found in
 * @param reason      what showed it (a stable token, see {@link Reason})
 * @param detail      one line of evidence (a clock check, key ids, refused hosts …), or empty
 * @param fix         what to do about a harness cause, or empty
 * @param transitions for a code cause that changes along history: where, in this environment
 * @param outcome     the class every module version fails with here (the most common one when they differ), or
 *                    null when the cause is not "every version fails" (a change along history)
 * @param venueCode   the venue code of that failure ({@code 40101}), or null
 * @param passesUnder the environments where the same module versions pass (the evidence of {@code passes_elsewhere})
 */
public record Cause(Kind kind, String env, Reason reason, String detail, String fix, List<Transition> transitions,
                    dev.authbisect.core.Outcome outcome, Integer venueCode, List<String> passesUnder) {

    /** Whose fault: written in lower case. */
    public enum Kind {
        CODE, ENVIRONMENT, HARNESS;

        @JsonValue
        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Kind of(String token) {
            return valueOf(token.toUpperCase(Locale.ROOT));
        }
    }

    /** The rule that found a cause; written as its lower-case token. */
    public enum Reason {
        /** Code: the outcome changes along history (transitions). */
        CHANGES_ALONG_HISTORY(Kind.CODE),
        /** Code: every module version fails where the reference client passes (the code has always been wrong). */
        REFERENCE_PASSES(Kind.CODE),
        /** Environment: the reference client fails the same way. */
        REFERENCE_FAILS_ALIKE(Kind.ENVIRONMENT),
        /** Environment: the same module versions pass in another environment. */
        PASSES_ELSEWHERE(Kind.ENVIRONMENT),
        /** Environment: this host's clock is skewed against a live upstream (nonces follow it, the venue's Date differs). */
        HOST_CLOCK_SKEWED(Kind.ENVIRONMENT),
        /** Environment: the simulator's scenario runs its clock skewed from this host's. */
        SIMULATOR_CLOCK_SKEWED(Kind.ENVIRONMENT),
        /** Harness: nonces follow this host's clock, not the simulator's fixed clock (AUTHBISECT_FIXED_TIME_MS not followed). */
        FIXED_CLOCK_NOT_FOLLOWED(Kind.HARNESS),
        /** Harness: no request reached the relay at any module version (the base URL is not mapped). */
        NO_REQUEST_REACHED_RELAY(Kind.HARNESS),
        /** Harness: the code calls the venue's host itself instead of the base URL it was given (refused CONNECT). */
        CODE_CALLS_HOST_DIRECTLY(Kind.HARNESS),
        /** Harness: the requests carry no api_key or another one than the environment's. */
        WRONG_API_KEY(Kind.HARNESS),
        /** Harness: the probe exited 125 (cannot test) at every module version. */
        PROBE_CANNOT_TEST(Kind.HARNESS),
        /** Harness: the build failed at every module version. */
        BUILD_FAILS(Kind.HARNESS),
        /** Harness: every module version was skipped (probe exit 125 or failed build). */
        NOTHING_TESTABLE(Kind.HARNESS);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }

        /** The kind of cause this rule finds. */
        public Kind kind() {
            return kind;
        }

        @JsonValue
        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Reason of(String token) {
            return valueOf(token.toUpperCase(Locale.ROOT));
        }
    }

    public Cause {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
        fix = fix == null ? "" : fix;
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
        passesUnder = passesUnder == null ? List.of() : List.copyOf(passesUnder);
    }

    /** A cause without the failing class (results written before it was recorded, tests). */
    public Cause(Kind kind, String env, Reason reason, String detail, String fix, List<Transition> transitions) {
        this(kind, env, reason, detail, fix, transitions, null, null, List.of());
    }

    /** This cause with the class and venue code every module version fails with. */
    public Cause failing(dev.authbisect.core.Outcome failingOutcome, Integer failingCode) {
        return new Cause(kind, env, reason, detail, fix, transitions, failingOutcome, failingCode, passesUnder);
    }
}
