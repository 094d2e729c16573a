package dev.authbisect.config;

import java.util.List;
import java.util.Optional;

/**
 * Which commits a run covers: a range ({@code A..B}, like {@code git rev-list A..B}; a single
 * rev means everything reachable from it) or an explicit list of revisions.
 */
public record CommitSelection(Optional<String> range, List<String> revs, boolean firstParent) {
    public CommitSelection {
        range = range == null ? Optional.empty() : range;
        revs = revs == null ? List.of() : List.copyOf(revs);
    }

    public static CommitSelection range(String range) {
        return new CommitSelection(Optional.of(range), List.of(), false);
    }

    /** "v1.4.0..HEAD", or the revs joined by spaces. */
    public String describe() {
        return range.orElse(String.join(" ", revs));
    }
}
