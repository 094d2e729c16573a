package dev.authbisect.analysis;

import dev.authbisect.core.SignatureCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One cell's evidence in one line, for places that show a single cell (bisect's steps and answer):
 * "signature INVALID: end_time rendered 1766131200000.0 vs 1766131200000", "clock: nonce … (window 60 s)",
 * "simulator: UNAUTHORIZED: ip … not in allowlist", or the cell's diagnosis. Cells are already redacted.
 */
public final class CellEvidence {
    private CellEvidence() {
    }

    public static String describe(Cell c) {
        List<String> parts = new ArrayList<>();
        SignatureCheck s = c.checks().signature();
        if (s.status() == SignatureCheck.Status.INVALID) {
            List<String> rendered = s.findings().stream().filter(f -> f.kind().equals("PARAM_RENDERING")
                            && !f.component().isEmpty())
                    .map(f -> Phrases.clean(f.component(), 40) + " rendered " + Phrases.clean(f.client(), 60) + " vs "
                            + Phrases.clean(f.canonical(), 60)).toList();
            parts.add("signature INVALID: " + (rendered.isEmpty() ? SignatureText.describe(s) : String.join(", ", rendered)));
        } else if (s.status() == SignatureCheck.Status.WRONG_KEY) {
            Optional<SignatureCheck.Finding> f = s.findings().stream().filter(x -> x.kind().equals("WRONG_KEY")).findFirst();
            parts.add("signature WRONG_KEY: " + f.map(x -> (x.client().isEmpty() ? "no api_key" : "sent " + x.client())
                    + (x.canonical().isEmpty() ? "" : ", configured " + x.canonical())).orElse(Phrases.clean(s.summary(), 120)));
        }
        if (c.checks().clock().outside()) {
            parts.add("clock: " + c.checks().clock().summary());
        }
        if (parts.isEmpty() && !c.answer().simReason().isEmpty() && c.outcome().failing()) {
            parts.add("simulator: " + Phrases.clean(c.answer().simReason(), 200));
        }
        if (parts.isEmpty() && c.outcome() != dev.authbisect.core.Outcome.OK) {
            return Phrases.clean(c.diagnosis(), 300);
        }
        return String.join("; ", parts);
    }
}
