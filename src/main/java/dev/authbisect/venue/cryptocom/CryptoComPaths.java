package dev.authbisect.venue.cryptocom;

import java.util.Optional;

/**
 * Where Crypto.com methods live on the wire: v1 at {@code {base}/{method}} with base
 * {@code …/exchange/v1}, v2 at {@code …/v2/{method}}. A path names its method from the first
 * {@code private/} or {@code public/} segment on ({@code /v2/private/get-account-summary} →
 * {@code private/get-account-summary}).
 */
final class CryptoComPaths {
    /** The prefix a call's method carries to be sent to the v2 API ({@code v2/private/get-account-summary}). */
    static final String V2_PREFIX = "v2/";

    private CryptoComPaths() {
    }

    static Optional<String> methodOfPath(String path) {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        for (String root : new String[] {"private/", "public/"}) {
            int at = p.indexOf("/" + root);
            if (at >= 0) {
                return Optional.of(p.substring(at + 1));
            }
            if (p.startsWith(root)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** True for {@code public/...} methods (GET with a query, unsigned). */
    static boolean isPublic(String method) {
        return method.startsWith("public/");
    }
}
