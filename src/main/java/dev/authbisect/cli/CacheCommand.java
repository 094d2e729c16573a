package dev.authbisect.cli;

import dev.authbisect.config.Durations;
import dev.authbisect.core.ExitException;
import dev.authbisect.run.CacheDir;
import dev.authbisect.workspace.ByteSizes;
import dev.authbisect.workspace.CacheInventory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code authbisect cache ls | prune}: what the build cache holds, and removing what is not used. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "List or prune authbisect's cache (clones, materialized and built module versions).",
        subcommands = {CacheCommand.Ls.class, CacheCommand.Prune.class})
public final class CacheCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "cache: expected 'ls' or 'prune'");
    }

    static Path dir(Path option) {
        return option != null ? option.toAbsolutePath().normalize() : CacheDir.defaultFor(System.getenv());
    }

    /** {@code cache ls}. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "List the cache's build entries, most recently used first, and its size.")
    static final class Ls implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--cache", paramLabel = "DIR", description = "The cache folder (default: $AUTHBISECT_CACHE, else $XDG_CACHE_HOME/authbisect, else ~/.cache/authbisect).")
        Path cache;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            CacheInventory.Listing l = CacheInventory.list(dir(cache));
            out.println("cache " + l.dir() + ": " + ByteSizes.text(l.totalBytes()) + " (builds " + ByteSizes.text(l.buildBytes())
                    + " in " + l.builds().size() + (l.builds().size() == 1 ? " entry" : " entries") + ", clones "
                    + ByteSizes.text(l.repoBytes()) + ", module-version indexes " + ByteSizes.text(l.historyBytes())
                    + ", scratch " + ByteSizes.text(l.scratchBytes()) + ")");
            if (!l.builds().isEmpty()) {
                out.println(String.format("%-12s  %-12s  %-10s  %9s  %-20s  %s", "ENTRY", "MODULE", "STATUS", "SIZE", "LAST USED", "COMMIT"));
            }
            for (CacheInventory.Entry e : l.builds()) {
                out.println(String.format("%-12s  %-12s  %-10s  %9s  %-20s  %s", e.key().substring(0, Math.min(12, e.key().length())),
                        e.moduleVersion().substring(0, Math.min(12, e.moduleVersion().length())), e.status(),
                        ByteSizes.text(e.bytes()), e.lastUsed().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        e.commit().substring(0, Math.min(12, e.commit().length()))));
            }
            out.flush();
            return 0;
        }
    }

    /** {@code cache prune}. */
    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = "Remove build entries unused for longer than --older-than, then the least recently used until the builds "
                    + "fit --max-size; without either, only entries a killed run left unfinished and stale scratch folders. "
                    + "Entries used within the last hour, or being prepared by a run, are kept.")
    static final class Prune implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--cache", paramLabel = "DIR", description = "The cache folder (default as for run).")
        Path cache;

        @Option(names = "--older-than", paramLabel = "AGE", description = "Remove entries no run used for this long (e.g. 30d, 12h).")
        String olderThan;

        @Option(names = "--max-size", paramLabel = "SIZE", description = "Then remove the least recently used until the builds take at most this (e.g. 5G, 500M).")
        String maxSize;

        @Override
        public Integer call() {
            Optional<Duration> age = Optional.ofNullable(olderThan).map(Prune::age);
            Optional<Long> size = Optional.ofNullable(maxSize).map(s -> ByteSizes.parse(s).orElseThrow(() ->
                    ExitException.usage("--max-size '" + s + "': expected " + ByteSizes.EXPECTED)));
            Path dir = dir(cache);
            CacheInventory.Pruned p = CacheInventory.prune(dir, age, size, Instant.now());
            PrintWriter out = spec.commandLine().getOut();
            out.println("cache " + dir + ": removed " + p.removed().size() + (p.removed().size() == 1 ? " build entry" : " build entries")
                    + " (" + ByteSizes.text(p.freedBytes()) + " freed) and " + p.scratchFolders() + " stale scratch "
                    + (p.scratchFolders() == 1 ? "folder" : "folders") + (p.keptInUse().isEmpty() ? ""
                    : "; kept " + p.keptInUse().size() + " in use (used within the last hour, or being prepared by a run)"));
            out.println("cache " + dir + ": now " + ByteSizes.text(CacheInventory.list(dir).totalBytes()));
            out.flush();
            return 0;
        }

        static Duration age(String text) {
            java.util.regex.Matcher days = java.util.regex.Pattern.compile("(\\d+)d").matcher(text.strip());
            if (days.matches()) {
                return Duration.ofDays(Long.parseLong(days.group(1)));
            }
            return Durations.parse(text).filter(d -> !d.isNegative()).orElseThrow(() -> ExitException.usage(
                    "--older-than '" + text + "': expected an age like 30d, 12h or 90m"));
        }
    }
}
