package dev.authbisect.workspace;

/**
 * A module version whose git tree cannot be written without leaving the module folder (or is
 * malformed in a way git itself refuses on checkout): duplicate entry names, an entry under a
 * symlink, a symlink pointing outside the module, a name such as {@code ..} or {@code .git}.
 * Its cells are SKIPPED with {@link #reason()}; nothing outside the module folder was written.
 */
public final class RefusedTree extends RuntimeException {
    private final String reason;

    RefusedTree(String reason) {
        super(reason);
        this.reason = reason;
    }

    /** One line, e.g. "tree entry backend/app/evil: symlink to a path outside the module". */
    public String reason() {
        return reason;
    }
}
