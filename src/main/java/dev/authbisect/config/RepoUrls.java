package dev.authbisect.config;

import java.util.regex.Pattern;

/** Whether a {@code target.repo} names a remote repository (a URL) or a local path: one answer for config and history. */
public final class RepoUrls {
    private static final Pattern SCHEME_URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.+");
    private static final Pattern SCP_URL = Pattern.compile("^[^/@:\\s]+@[^/:\\s]+:.*");

    private RepoUrls() {
    }

    /** True for {@code scheme://…} and scp-like {@code user@host:path}; false for local paths (even with a colon). */
    public static boolean isUrl(String repo) {
        String r = repo.strip();
        return SCHEME_URL.matcher(r).matches() || SCP_URL.matcher(r).matches();
    }
}
