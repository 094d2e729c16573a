package dev.authbisect.venue.cryptocom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.authbisect.core.Credentials;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.core.SignatureCheck.Finding;
import dev.authbisect.venue.RawRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignatureCheckSecrecyTest {
    private static final String KEY = "z3HWF8m292LocalKey01";
    private static final String SECRET = "CANARY-s3cr3t-4d1f";
    private static final Credentials CREDS = Credentials.of(KEY, SECRET);

    private static RawRequest signed(String params, String signed, String secret) {
        return CryptoComVenueVerifyTest.signed("private/get-order-history", "1", "1765000000000", params, signed, secret);
    }

    /** One request for every outcome and diagnosis kind the verifier has. */
    private static List<RawRequest> everyKind() {
        String prefix = "private/get-order-history1" + KEY;
        List<RawRequest> out = new ArrayList<>();
        out.add(signed("{\"a\": 1}", prefix + "a11765000000000", SECRET));                         // VALID
        out.add(signed("{\"a\": 1.0}", prefix + "a1.01765000000000", SECRET));                     // PARAM_RENDERING
        out.add(signed("{\"b\": 1, \"a\": 2}", prefix + "b1a21765000000000", SECRET));             // PARAM_ORDER
        out.add(signed("{\"a\": 1}", prefix + "1765000000000", SECRET));                           // PARAMS_OMITTED
        out.add(signed("{}", "private/get-order-history1765000000000" + KEY + "1765000000000", SECRET)); // ID_TEXT
        out.add(signed("{}", prefix + "1765000000000.0", SECRET));                                 // NONCE_TEXT
        out.add(signed("{}", prefix + "1764999999990", SECRET));                                   // clock drift
        out.add(signed("{}", prefix + "1765000000000", SECRET + "\n"));                            // SECRET_TEXT
        out.add(signed("{}", prefix + "1765000000000", "\"" + SECRET + "\""));                     // SECRET_TEXT quotes
        out.add(signed("{}", prefix + "1765000000000", "other"));                                  // WRONG_SECRET
        out.add(RawRequest.post("/private/x", "{\"api_key\":\"other-key-123456\",\"sig\":\"" + "a".repeat(64) + "\"}")); // WRONG_KEY
        out.add(RawRequest.post("/private/x", "{\"api_key\":\"" + KEY + "\",\"sig\":\"xyz\"}"));   // SIG_FORMAT
        out.add(RawRequest.post("/private/x", "not json"));                                        // NOT_CHECKED
        out.add(RawRequest.get("/public/get-tickers", ""));                                        // UNSIGNED
        return out;
    }

    @Test
    void noCheckOfAnyKindContainsTheSecretInAnyForm() {
        CryptoComVenue venue = new CryptoComVenue();
        Set<String> kinds = new LinkedHashSet<>();
        Set<SignatureCheck.Status> statuses = new LinkedHashSet<>();
        for (ParamStyle reference : List.of(ParamStyle.CANONICAL, ParamStyle.LITERAL)) {
            for (RawRequest r : everyKind()) {
                SignatureCheck check = venue.verify(r, CREDS, reference);
                statuses.add(check.status());
                check.findings().forEach(f -> kinds.add(f.kind()));
                List<String> shown = new ArrayList<>(List.of(check.toString(), check.summary()));
                for (Finding f : check.findings()) {
                    shown.addAll(List.of(f.toString(), f.client(), f.canonical(), f.component()));
                }
                for (String text : shown) {
                    assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains(SECRET.toLowerCase(java.util.Locale.ROOT)), text);
                    assertFalse(text.contains("s3cr3t"), text);
                }
            }
        }
        assertEquals(Set.of(SignatureCheck.Status.values()), statuses);
        assertEquals(Set.of("PARAM_RENDERING", "PARAM_ORDER", "PARAMS_OMITTED", "ID_TEXT", "NONCE_TEXT", "SECRET_TEXT",
                "WRONG_SECRET", "WRONG_KEY", "SIG_FORMAT"), kinds);
        assertFalse(venue.toString().contains(SECRET));
        assertFalse(CREDS.toString().contains(SECRET));
    }
}
