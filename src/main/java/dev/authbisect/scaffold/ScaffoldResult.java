package dev.authbisect.scaffold;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code authbisect init} did.
 *
 * @param found    what it found, one line each ("client class CryptoComTradeClient in backend/app/…")
 * @param missing  what it could not find, each with what to do about it
 * @param written  the files it wrote
 * @param config   the config file
 * @param next     the commands to run next
 */
public record ScaffoldResult(List<String> found, List<String> missing, List<Path> written, Path config, List<String> next) {
    public ScaffoldResult {
        found = List.copyOf(found);
        missing = List.copyOf(missing);
        written = List.copyOf(written);
        next = List.copyOf(next);
    }
}
