package dev.authbisect.venue.binance;

import dev.authbisect.core.Credentials;
import dev.authbisect.core.KeyedMac;
import dev.authbisect.core.SignatureCheck;
import dev.authbisect.core.SignatureCheck.Finding;
import dev.authbisect.core.SignatureCheck.Status;
import dev.authbisect.venue.RawRequest;
import dev.authbisect.venue.binance.BinanceParams.Pair;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The reference verifier of Binance signatures, shared by the relay and the simulator, and its
 * diagnosis.
 *
 * <p>A request is {@code VALID} when its {@code signature} is the last parameter sent and is the
 * hex HMAC-SHA256, under the environment's secret, of {@code totalParams}: the query string exactly
 * as sent followed directly by the form body exactly as sent, the signature pair cut out. Binance
 * documents the signature as not case-sensitive, so upper-case hex is VALID too. The key is the
 * {@code X-MBX-APIKEY} header.
 *
 * <p>When it is not, the verifier tries what real clients do differently — a parameter added after
 * signing, parameters re-ordered, a number rendered another way, another encoding, the query and
 * body joined with {@code &}, a timestamp read twice, a secret with a stray newline, the key used as
 * the secret — and reports the cheapest explanation that reproduces the signature; when nothing
 * does, {@code WRONG_SECRET}. Findings may name the api key in clear (callers redact), never a secret.
 * The time window is not the verifier's business: the relay's clock check and the simulator compare
 * {@code timestamp} with their clocks.
 */
final class SignatureVerifier {
    private SignatureVerifier() {
    }

    static SignatureCheck verify(RawRequest request, Credentials credentials) {
        return verify(request, credentials, KeyedMac.of(credentials.apiSecret()));
    }

    /** {@link #verify(RawRequest, Credentials)} with the secret already keyed ({@code mac} must be the credentials' secret). */
    static SignatureCheck verify(RawRequest request, Credentials credentials, KeyedMac mac) {
        BinanceParams params = BinanceParams.of(request);
        List<Pair> sigs = params.all(BinanceParams.SIGNATURE);
        if (sigs.isEmpty() || sigs.get(0).value().isEmpty()) {
            return SignatureCheck.unsigned();
        }
        String configuredKey = credentials.apiKey().reveal();
        Optional<String> sentKey = request.header(ReferenceSigner.API_KEY_HEADER);
        if (sentKey.isEmpty() || !sentKey.get().equals(configuredKey)) {
            String why = sentKey.isEmpty() ? "request is signed but carries no X-MBX-APIKEY header"
                    : "request carries another X-MBX-APIKEY than the environment's";
            return new SignatureCheck(Status.WRONG_KEY, why,
                    List.of(new Finding("WRONG_KEY", "X-MBX-APIKEY", sentKey.orElse(""), configuredKey)));
        }
        if (sigs.size() > 1) {
            return invalid(List.of(new Finding("DUPLICATE_SIGNATURE", BinanceParams.SIGNATURE, sigs.size() + " signature parameters", "one")),
                    List.of("the request carries " + sigs.size() + " signature parameters (signed twice?)"));
        }
        String sig = sigs.get(0).value();
        byte[] sigBytes = hexBytes(sig);
        if (sigBytes == null) {
            return invalid(List.of(new Finding("SIG_FORMAT", BinanceParams.SIGNATURE, sig.length() + " characters", "64 hex digits")),
                    List.of("signature is not a hex HMAC-SHA256 (" + sig.length() + " characters, expected 64 hex digits)"));
        }
        String secret = credentials.apiSecret().reveal();
        if (!params.signatureLast()) {
            return notLast(params, mac, sigBytes);
        }
        if (MessageDigest.isEqual(mac.mac(params.totalParams()), sigBytes)) {
            return sig.equals(sig.toLowerCase(java.util.Locale.ROOT)) ? SignatureCheck.valid()
                    : new SignatureCheck(Status.VALID, "signature matches the string sent (upper-case hex, which Binance accepts)", List.of());
        }
        Explanation e = diagnose(params.unsigned(), secret, configuredKey, mac, sigBytes);
        if (e == null) {
            return invalid(List.of(new Finding("WRONG_SECRET", "api_secret", "", "")),
                    List.of("no string authbisect can derive from the request reproduces the signature under the configured secret: "
                            + "the code signs with another secret, or a string authbisect cannot reconstruct"));
        }
        return invalid(e.findings(), e.phrases());
    }

    /** The signature is not the last parameter: parameters after it were not signed, or it was put in the middle. */
    private static SignatureCheck notLast(BinanceParams params, KeyedMac mac, byte[] sig) {
        List<Pair> after = new ArrayList<>();
        boolean seen = false;
        for (Pair p : params.pairs()) {
            if (seen) {
                after.add(p);
            }
            seen |= p.key().equals(BinanceParams.SIGNATURE);
        }
        String names = String.join(", ", after.stream().map(Pair::key).toList());
        List<Finding> findings = new ArrayList<>();
        // the component names what follows the signature: "signature not last (recvWindow)"
        findings.add(new Finding("SIGNATURE_NOT_LAST", names, "followed by " + names, "last"));
        if (MessageDigest.isEqual(mac.mac(params.beforeSignature()), sig)) {
            after.forEach(p -> findings.add(Diagnosis.addedFinding(p)));
            return invalid(findings, List.of("signature is not the last parameter: " + Diagnosis.addedPhrase(after)));
        }
        if (MessageDigest.isEqual(mac.mac(params.totalParams()), sig)) {
            return invalid(findings, List.of("signature covers every other parameter but is not sent last (" + names
                    + " follow it); Binance signs the parameters before the signature"));
        }
        return invalid(findings, List.of("signature is not the last parameter (" + names + " follow it) and matches neither the "
                + "parameters before it nor all the others under the configured secret"));
    }

    private static Explanation diagnose(List<Pair> sent, String secret, String apiKey, KeyedMac mac, byte[] sig) {
        List<Explanation> singles = Diagnosis.single(sent);
        for (Explanation e : singles) {
            if (matches(mac, e.payload(), sig)) {
                return e;
            }
        }
        for (Explanation e : Diagnosis.timestampDrift(sent)) {
            if (matches(mac, e.payload(), sig)) {
                return e;
            }
        }
        String total = BinanceParams.join(sent);
        for (SecretGuess g : secrets(secret, apiKey, total)) {
            if (matches(KeyedMac.of(g.secret()), total, sig)) {
                return g.why();
            }
        }
        for (Explanation e : Diagnosis.addedTwo(sent)) {
            if (matches(mac, e.payload(), sig)) {
                return e;
            }
        }
        // two things at once: a parameter added after signing, and another difference in what was signed
        for (int i = 0; i < sent.size(); i++) {
            List<Pair> rest = new ArrayList<>(sent);
            Pair extra = rest.remove(i);
            Explanation added = Explanation.of("", Diagnosis.addedFinding(extra), Diagnosis.addedPhrase(List.of(extra)));
            List<Explanation> more = new ArrayList<>(Diagnosis.rendered(rest));
            more.addAll(Diagnosis.encoded(rest));
            for (Explanation e : more) {
                if (matches(mac, e.payload(), sig)) {
                    return added.and(e, e.payload());
                }
            }
        }
        return null;
    }

    /** A secret a client may have used instead of the configured one, and what to say when it did. */
    private record SecretGuess(String secret, Explanation why) {
    }

    /** With a trailing newline, surrounding whitespace, quotes, or the api key itself. */
    private static List<SecretGuess> secrets(String secret, String apiKey, String payload) {
        List<SecretGuess> out = new ArrayList<>();
        String stripped = secret.strip();
        String[][] guesses = {
                {secret + "\n", "trailing newline", "signed with the configured secret plus a trailing newline (read from a file verbatim?)"},
                {stripped.equals(secret) ? " " + secret + " " : stripped, "whitespace",
                        "signed with the configured secret but other surrounding whitespace"},
                {"\"" + secret + "\"", "quoted", "signed with the configured secret in quotes (an env file's quotes kept?)"},
                {apiKey, "the api key", "signed with the api key as the secret (key and secret swapped)"}};
        for (String[] g : guesses) {
            if (!g[0].equals(secret)) {
                out.add(new SecretGuess(g[0], Explanation.of(payload, new Finding("SECRET_TEXT", "api_secret", g[1], "as configured"), g[2])));
            }
        }
        return out;
    }

    private static boolean matches(KeyedMac mac, String payload, byte[] sig) {
        return MessageDigest.isEqual(mac.mac(payload), sig);
    }

    private static SignatureCheck invalid(List<Finding> findings, List<String> phrases) {
        return new SignatureCheck(Status.INVALID, "signature does not match the string sent: " + String.join("; ", phrases), findings);
    }

    private static byte[] hexBytes(String sig) {
        if (sig.length() != 64) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(sig.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
