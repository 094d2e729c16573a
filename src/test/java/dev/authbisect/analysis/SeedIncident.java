package dev.authbisect.analysis;

import dev.authbisect.core.Outcome;
import dev.authbisect.core.SignatureCheck;
import java.util.List;

/**
 * The seed incident (shared/seed/rca-40101-crypto-com.md) as a matrix: 9 module versions over
 * 214 commits, environments {@code local} (rotated key) and {@code prod}.
 *
 * <ul>
 *   <li>{@code get_open_orders}: 40101 at every version and in the reference row under local; OK under prod.</li>
 *   <li>{@code get_order_history}: OK except versions 4–6, where every environment fails 40101 with an INVALID
 *       signature naming start_time and end_time.</li>
 *   <li>{@code get_account_summary}: 40101 everywhere under local (reference too); under prod OK except version 5,
 *       which answers 40002 METHOD_NOT_FOUND.</li>
 * </ul>
 */
public final class SeedIncident {
    public static final int[] COMMITS = {30, 25, 20, 24, 22, 23, 30, 20, 20};
    public static final String OPEN = "get_open_orders";
    public static final String HISTORY = "get_order_history";
    public static final String SUMMARY = "get_account_summary";

    private SeedIncident() {
    }

    public static SignatureCheck floatTimes() {
        return new SignatureCheck(SignatureCheck.Status.INVALID,
                "param start_time rendered '1764000000000.0', canonical '1764000000000'",
                List.of(new SignatureCheck.Finding("PARAM_RENDERING", "start_time", "1764000000000.0", "1764000000000"),
                        new SignatureCheck.Finding("PARAM_RENDERING", "end_time", "1764086400000.0", "1764086400000")));
    }

    public static RunFixture fixture() {
        RunFixture f = RunFixture.linear(9, COMMITS).withReference().envs("local", "prod").calls(SUMMARY, OPEN, HISTORY);
        f.subject(nameOfFirst(4), "send times as floats");
        f.subject(nameOfFirst(7), "ensure integer types");
        f.subject(nameOfFirst(5), "change endpoint to private/get-account-summary");
        f.subject(nameOfFirst(6), "revert endpoint change");
        f.allVersions("local", OPEN, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                .reference("local", OPEN, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED");
        for (String env : List.of("local", "prod")) {
            f.versions(4, 6, env, HISTORY, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                    .signature(4, 6, env, HISTORY, floatTimes());
        }
        f.allVersions("local", SUMMARY, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                .reference("local", SUMMARY, Outcome.AUTH_REJECTED, 40101, "UNAUTHORIZED")
                .versions(5, 5, "prod", SUMMARY, Outcome.API_ERROR, 40002, "METHOD_NOT_FOUND");
        return f;
    }

    public static RunResult result() {
        return fixture().build();
    }

    /** The name ("c31") of the first commit of a version. */
    public static String nameOfFirst(int version) {
        int n = 1;
        for (int v = 1; v < version; v++) {
            n += COMMITS[v - 1];
        }
        return "c" + n;
    }

    public static String nameOfLast(int version) {
        int n = 0;
        for (int v = 1; v <= version; v++) {
            n += COMMITS[v - 1];
        }
        return "c" + n;
    }
}
