package dev.authbisect.core;

import java.util.List;
import java.util.Objects;

/**
 * What the reference verifier concluded about one signed request the relay saw.
 * It never contains a secret; keys appear only in redacted form.
 *
 * @param status   the verdict on the signature
 * @param summary  one line a person reads in the report ("param start_time rendered '1764000000000.0', canonical '1764000000000'")
 * @param findings the components that differ, most specific first (empty when VALID)
 */
public record SignatureCheck(Status status, String summary, List<Finding> findings) {

    public enum Status {
        /** Matches the canonical rendering under the environment's credentials. */
        VALID,
        /** Signed with the environment's key but the signature does not match the canonical string. */
        INVALID,
        /** The request carries another api_key than the environment's. */
        WRONG_KEY,
        /** The request carries no signature at all (public call or missing sig). */
        UNSIGNED,
        /** The relay could not check it (not a request of this venue, body not parseable, no credentials). */
        NOT_CHECKED
    }

    /**
     * One component of the signed string that differs between what the client signed and
     * what the server computes.
     *
     * @param kind      e.g. WRONG_KEY, WRONG_SECRET, PARAM_RENDERING, PARAM_ORDER, ID_TEXT, NONCE_TEXT
     * @param component the parameter or field name (e.g. {@code start_time}), or empty
     * @param client    how the client rendered it (as far as it can be inferred), or empty
     * @param canonical how the canonical (strict server) rendering renders it, or empty
     */
    public record Finding(String kind, String component, String client, String canonical) {
        public Finding {
            Objects.requireNonNull(kind, "kind");
            component = component == null ? "" : component;
            client = client == null ? "" : client;
            canonical = canonical == null ? "" : canonical;
        }
    }

    public SignatureCheck {
        Objects.requireNonNull(status, "status");
        summary = summary == null ? "" : summary;
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    public static SignatureCheck valid() {
        return new SignatureCheck(Status.VALID, "signature matches the canonical rendering", List.of());
    }

    public static SignatureCheck notChecked(String why) {
        return new SignatureCheck(Status.NOT_CHECKED, why, List.of());
    }

    public static SignatureCheck unsigned() {
        return new SignatureCheck(Status.UNSIGNED, "request carries no signature", List.of());
    }
}
