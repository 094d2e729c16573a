package dev.authbisect.venue.cryptocom;

import dev.authbisect.core.Credentials;
import dev.authbisect.core.KeyedMac;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.core.SignatureCheck.Finding;
import dev.authbisect.core.SignatureCheck.Status;
import dev.authbisect.venue.RawRequest;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The reference verifier of Crypto.com Exchange v1 signatures, and its diagnosis.
 *
 * <p>A request is {@code VALID} when its {@code sig} is the lower-case hex HMAC-SHA256, under
 * the environment's secret, of {@code method + id + api_key + paramString + nonce}, with id and
 * nonce as the text the client sent and paramString rendered in the {@link #reference()} style
 * ({@link ParamStyle#CANONICAL} for a strict server, {@link ParamStyle#LITERAL} for one that
 * signs the literal JSON number text).
 *
 * <p>When it is not, the verifier tries what real clients do differently — other renderings
 * per parameter, insertion order, other id/nonce/method texts, a mangled secret, a nonce read
 * from the clock twice — and reports the cheapest explanation that reproduces the signature.
 * When nothing does, the finding is {@code WRONG_SECRET}. Findings and summaries may name api
 * keys in clear (callers redact), never a secret.
 *
 * <p><b>The one verifier.</b> The relay checks recorded requests with it, and the simulator's
 * Crypto.com dialect ({@link CryptoComDialect}) decides 40101 with it, so the two never disagree:
 * the simulator accepts exactly what this calls {@code VALID}, and its reason for a 40101 is this
 * summary ({@code RelayAndSimulatorAgreeTest}).
 *
 * <p><b>Upper-case hex is INVALID</b> (finding {@code SIG_TEXT}, "the signature is right but sent
 * in upper-case hex"; the simulator answers 40101). The documented form is lower-case: the
 * official example signs with Python's {@code hexdigest()}, and every independent client in the
 * test vectors (ccxt, the official-style Python bot) sends lower-case; nothing documents that the
 * exchange accepts another case. Being strict names the mistake; being lenient could make a
 * simulator environment pass while the live exchange answers 40101, which would read as an
 * environment failure. See the README, "Signature checks".
 */
final class SignatureVerifier {
    /**
     * At most this many components may differ at once in an explanation (a rendering habit and
     * an id problem, say). Keeps a hopeless search (WRONG_SECRET) to a few hundred HMACs.
     */
    private static final int MAX_COST = 2;
    /** The clock-drift search tries nonces this many milliseconds around the one sent. */
    private static final int MAX_DRIFT_MS = 100;

    private final ParamStyle reference;

    SignatureVerifier(ParamStyle reference) {
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    ParamStyle reference() {
        return reference;
    }

    SignatureCheck verify(RawRequest request, Credentials credentials) {
        return verify(request, credentials, null);
    }

    /**
     * {@link #verify(RawRequest, Credentials)} with the environment's secret already keyed
     * ({@code keyed}, null to key it here): the simulator's path, which checks many requests
     * under few keys.
     */
    SignatureCheck verify(RawRequest request, Credentials credentials, KeyedMac keyed) {
        CryptoComBody body;
        try {
            body = CryptoComBody.read(request.body());
        } catch (RawJsonReader.MalformedJsonException e) {
            return SignatureCheck.notChecked("body cannot be checked: " + e.getMessage());
        }
        if (body.sig().isEmpty()) {
            return SignatureCheck.unsigned();
        }
        String configuredKey = credentials.apiKey().reveal();
        String sentKey = body.apiKey().orElse("");
        if (!sentKey.equals(configuredKey)) {
            String why = body.apiKey().isEmpty() ? "request is signed but carries no api_key"
                    : "request carries another api_key than the environment's";
            return new SignatureCheck(Status.WRONG_KEY, why,
                    List.of(new Finding("WRONG_KEY", "api_key", sentKey, configuredKey)));
        }
        if (body.paramsMalformed()) {
            return SignatureCheck.notChecked("params is neither an object nor null: " + body.json().get("params").orElseThrow().toJson());
        }
        String sig = body.sig().orElseThrow();
        byte[] sigBytes = hexBytes(sig);
        if (sigBytes == null) {
            return new SignatureCheck(Status.INVALID, "sig is not a hex HMAC-SHA256 (" + sig.length() + " characters, expected 64 hex digits)",
                    List.of(new Finding("SIG_FORMAT", "sig", sig.length() + " characters", "64 lower-case hex digits")));
        }
        String pathMethod = CryptoComPaths.methodOfPath(request.path()).orElse("");
        String method = body.method().orElse(pathMethod);
        String paramString = reference.render(body.params());
        String payload = CanonicalParams.stringToSign(method, body.idText(), sentKey, paramString, body.nonceText());
        String secret = credentials.apiSecret().reveal();
        byte[] expected = (keyed != null ? keyed : KeyedMac.of(secret)).mac(payload);
        if (MessageDigest.isEqual(expected, sigBytes)) {
            if (sig.equals(HexFormat.of().formatHex(expected))) {
                return reference == ParamStyle.CANONICAL ? SignatureCheck.valid()
                        : new SignatureCheck(Status.VALID, "signature matches the " + reference.label() + " rendering", List.of());
            }
            return invalid(List.of(new Finding("SIG_TEXT", "sig", "upper-case hex", "lower-case hex")),
                    List.of("the signature is right but sent in upper-case hex"));
        }
        Hypothesis explanation = diagnose(request, body, method, pathMethod, sentKey, secret, sigBytes);
        if (explanation == null) {
            return invalid(List.of(new Finding("WRONG_SECRET", "api_secret", "", "")),
                    List.of("no rendering authbisect knows reproduces the signature under the configured secret: "
                            + "the code signs with another secret, or a string authbisect cannot reconstruct"));
        }
        return invalid(explanation.findings(), explanation.phrases());
    }

    private SignatureCheck invalid(List<Finding> findings, List<String> phrases) {
        return new SignatureCheck(Status.INVALID,
                "signature does not match the " + reference.label() + " string: " + String.join("; ", phrases), findings);
    }

    private Hypothesis diagnose(RawRequest request, CryptoComBody body, String method, String pathMethod,
                                String apiKey, String secret, byte[] sig) {
        List<Hypothesis> params = Hypotheses.params(body.params(), reference);
        List<Hypothesis> methods = Hypotheses.method(method, pathMethod, request.path());
        List<Hypothesis> ids = Hypotheses.idOrNonce("id", body.id().orElse(null), "nonce", body.nonce().orElse(null));
        List<Hypothesis> nonces = Hypotheses.idOrNonce("nonce", body.nonce().orElse(null), "id", body.id().orElse(null));
        List<Hypothesis> secrets = Hypotheses.secret(secret);
        List<KeyedMac> macs = new ArrayList<>();
        secrets.forEach(s -> macs.add(KeyedMac.of(s.text())));

        Hypothesis best = null;
        int bestCost = MAX_COST + 1;
        for (Hypothesis p : params) {
            for (Hypothesis m : methods) {
                for (Hypothesis i : ids) {
                    for (Hypothesis n : nonces) {
                        int partial = p.cost() + m.cost() + i.cost() + n.cost();
                        if (partial >= bestCost) {
                            continue;
                        }
                        String payload = CanonicalParams.stringToSign(m.text(), i.text(), apiKey, p.text(), n.text());
                        for (int s = 0; s < secrets.size(); s++) {
                            int cost = partial + secrets.get(s).cost();
                            if (cost < bestCost && MessageDigest.isEqual(macs.get(s).mac(payload), sig)) {
                                best = Hypothesis.combine(List.of(p, m, i, n, secrets.get(s)));
                                bestCost = cost;
                            }
                        }
                    }
                }
            }
        }
        return best != null ? best
                : clockDrift(body, method, apiKey, Hypotheses.wholeStyleParams(body.params(), reference), macs.get(0), sig);
    }

    /** A nonce read from the clock again after signing (or before): the signed one differs by a few ms. */
    private static Hypothesis clockDrift(CryptoComBody body, String method, String apiKey, List<Hypothesis> params,
                                         KeyedMac mac, byte[] sig) {
        String nonceText = body.nonceText();
        if (!nonceText.matches("-?[0-9]{1,18}")) {
            return null;
        }
        long nonce = Long.parseLong(nonceText);
        boolean idIsNonce = body.idText().equals(nonceText);
        for (Hypothesis p : params) {
            for (int d = 1; d <= MAX_DRIFT_MS; d++) {
                for (long signed : new long[] {nonce - d, nonce + d}) {
                    String s = Long.toString(signed);
                    List<String> ids = idIsNonce ? List.of(body.idText(), s) : List.of(body.idText());
                    for (String id : ids) {
                        if (MessageDigest.isEqual(mac.mac(CanonicalParams.stringToSign(method, id, apiKey, p.text(), s)), sig)) {
                            long delta = nonce - signed;
                            String phrase = "nonce signed as " + s + " but sent as " + nonceText + " (" + Math.abs(delta) + " ms "
                                    + (delta > 0 ? "later" : "earlier") + ": the code reads the clock again between signing and sending"
                                    + (id.equals(s) ? ", for id too" : "") + ")";
                            List<Finding> findings = new ArrayList<>(p.findings());
                            findings.add(new Finding("NONCE_TEXT", "nonce", s, nonceText));
                            if (id.equals(s) && !id.equals(body.idText())) {
                                findings.add(new Finding("ID_TEXT", "id", s, body.idText()));
                            }
                            List<String> phrases = new ArrayList<>(p.phrases());
                            phrases.add(phrase);
                            return new Hypothesis("", p.cost() + 1, findings, phrases);
                        }
                    }
                }
            }
        }
        return null;
    }

    private static byte[] hexBytes(String sig) {
        if (sig.length() != 64) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(sig);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
