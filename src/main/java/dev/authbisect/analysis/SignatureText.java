package dev.authbisect.analysis;

import dev.authbisect.core.SignatureCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Says in words which component of a signature differs ("start_time, end_time rendered differently"). */
final class SignatureText {
    private SignatureText() {
    }

    /** Words for the findings of an INVALID check, or empty when there is nothing to say. */
    static String describe(SignatureCheck check) {
        if (check.status() == SignatureCheck.Status.WRONG_KEY) {
            return "signed with another api_key";
        }
        if (check.status() != SignatureCheck.Status.INVALID) {
            return "";
        }
        Map<String, Set<String>> byKind = new LinkedHashMap<>();
        for (SignatureCheck.Finding f : check.findings()) {
            Set<String> comps = byKind.computeIfAbsent(f.kind(), k -> new LinkedHashSet<>());
            if (!f.component().isEmpty()) {
                comps.add(Phrases.clean(f.component(), 40));
            }
        }
        if (byKind.isEmpty()) {
            return check.summary().isEmpty() ? "signature does not match" : Phrases.clean(check.summary(), 120);
        }
        List<String> parts = new ArrayList<>();
        byKind.forEach((kind, comps) -> parts.add(describe(kind, String.join(", ", comps))));
        return String.join("; ", parts);
    }

    private static String describe(String kind, String comps) {
        String what = comps.isEmpty() ? "" : comps + " ";
        return switch (kind) {
            case "PARAM_RENDERING" -> (comps.isEmpty() ? "params " : what) + "rendered differently";
            case "PARAM_ORDER" -> (comps.isEmpty() ? "params " : what) + "in a different order";
            case "ID_TEXT" -> "id rendered differently";
            case "NONCE_TEXT" -> "nonce rendered differently";
            case "WRONG_SECRET" -> "signed with another secret";
            case "WRONG_KEY" -> "signed with another api_key";
            default -> Phrases.clean(kind.toLowerCase(java.util.Locale.ROOT).replace('_', ' '), 40)
                    + (comps.isEmpty() ? "" : " (" + comps + ")");
        };
    }
}
