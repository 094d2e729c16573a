package dev.authbisect.core;

/** The version of authbisect: from the jar manifest, "dev" when run from classes. */
public final class ToolVersion {
    private ToolVersion() {
    }

    /** "0.1.0", or "dev" outside a jar. */
    public static String current() {
        String v = ToolVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
