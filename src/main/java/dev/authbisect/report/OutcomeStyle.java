package dev.authbisect.report;

import dev.authbisect.analysis.Cell;
import dev.authbisect.core.Outcome;
import java.util.Locale;

/** How an outcome class looks in every report: a CSS class, a short cell label, a Markdown mark, words. */
public final class OutcomeStyle {
    private OutcomeStyle() {
    }

    public static String cssClass(Outcome o) {
        return "o-" + o.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The short text shown in a matrix cell: the venue code when there is one. */
    static String cellLabel(Cell c) {
        return switch (c.outcome()) {
            case OK -> "OK";
            case AUTH_REJECTED, API_ERROR -> c.answer().venueCode() != null ? String.valueOf(c.answer().venueCode())
                    : c.answer().httpStatus() != null ? "HTTP " + c.answer().httpStatus() : c.outcome() == Outcome.AUTH_REJECTED ? "auth" : "api";
            case NOT_SENT -> "not sent";
            case TRANSPORT_ERROR -> "transport";
            case RATE_LIMITED -> c.answer().venueCode() != null ? c.answer().venueCode() + " rate" : "rate limit";
            case PROBE_ERROR -> "probe err";
            case SKIPPED -> "skip";
            case FLAKY -> "flaky";
        };
    }

    public static String mark(Outcome o) {
        return switch (o) {
            case OK -> "✅";
            case AUTH_REJECTED -> "❌";
            case API_ERROR -> "⚠️";
            case NOT_SENT -> "🚫";
            case TRANSPORT_ERROR -> "🔌";
            case RATE_LIMITED -> "⏳";
            case PROBE_ERROR -> "💥";
            case SKIPPED -> "⏭️";
            case FLAKY -> "🎲";
        };
    }

    public static String words(Outcome o) {
        return switch (o) {
            case OK -> "the venue answered success";
            case AUTH_REJECTED -> "the venue rejected the caller (auth)";
            case API_ERROR -> "another venue error";
            case NOT_SENT -> "the call never reached the relay";
            case TRANSPORT_ERROR -> "connection, timeout or 5xx: not an auth result";
            case RATE_LIMITED -> "the venue's rate limit answered: not an auth result";
            case PROBE_ERROR -> "the probe crashed or timed out before the call";
            case SKIPPED -> "build failed, the module version was refused (a hostile tree), or the probe exited 125";
            case FLAKY -> "repetitions disagreed";
        };
    }

    static String verdictWords(dev.authbisect.analysis.Verdict.Kind k) {
        return switch (k) {
            case PASS -> "passes";
            case TRACKS_CODE -> "tracks the code";
            case TRACKS_ENVIRONMENT -> "tracks the environment";
            case MIXED -> "mixed: code and environment";
            case HARNESS -> "the test set-up, not the code";
            case INCONCLUSIVE -> "inconclusive";
        };
    }

    static String verdictClass(dev.authbisect.analysis.Verdict.Kind k) {
        return "v-" + k.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
