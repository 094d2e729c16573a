package dev.authbisect.workspace;

/**
 * What {@link Materializer#materialize} wrote.
 *
 * @param files    regular files (executable or not)
 * @param symlinks symbolic links
 * @param bytes    bytes of the regular files
 * @param skipped  entries left out: excluded by a glob, or gitlinks (submodules)
 */
public record Materialization(int files, int symlinks, long bytes, int skipped) {
}
