package dev.authbisect.run;

import dev.authbisect.history.ModuleVersion;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row ids of module versions: the module version's hash, shortened to {@link #MIN_LENGTH} hex
 * digits, or as many more as it takes to tell it from every other version of the run (like git's
 * abbreviated ids). The same module version gets the same id on every machine and in every run
 * whose range does not hold another version with the same prefix; the reference row is always
 * {@code ref}. Readers that compare runs match rows by the full {@code module_version}.
 */
public final class RowIds {
    /** Hex digits of a row id unless a longer prefix is needed to be unique. */
    public static final int MIN_LENGTH = 8;

    private RowIds() {
    }

    /** Module version id → row id, for every version of one run. */
    public static Map<String, String> of(List<ModuleVersion> versions) {
        return ofIds(versions.stream().map(ModuleVersion::id).toList());
    }

    /** Module version id → row id (the shortest prefix of at least {@link #MIN_LENGTH} that no other id shares). */
    public static Map<String, String> ofIds(Collection<String> ids) {
        List<String> all = ids.stream().distinct().toList();
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : all) {
            int len = Math.min(MIN_LENGTH, id.length());
            while (len < id.length() && sharesPrefix(id, len, all)) {
                len++;
            }
            out.put(id, id.substring(0, len));
        }
        return out;
    }

    private static boolean sharesPrefix(String id, int len, List<String> all) {
        String prefix = id.substring(0, len);
        return all.stream().anyMatch(other -> !other.equals(id) && other.startsWith(prefix));
    }
}
