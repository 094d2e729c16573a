package dev.authbisect.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.authbisect.analysis.RunResult;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Redactor;
import dev.authbisect.core.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The drift history: one JSON line per drift run ({@code authbisect.drift-history/1}), appended
 * under a file lock so concurrent runs never interleave, read back for the trend page. Lines it
 * cannot read (a truncated write, a hand edit) are skipped and counted.
 *
 * <pre>{@code
 * DriftHistory.append(Path.of("reports/drift-history.jsonl"), DriftHistory.entry(report, run, dir), redactor);
 * DriftHistory.Read all = DriftHistory.read(file);
 * }</pre>
 */
public final class DriftHistory {
    public static final String SCHEMA = "authbisect.drift-history/1";
    /** The default file, under the reports folder. */
    public static final String DEFAULT_FILE = "drift-history.jsonl";

    private static final ObjectMapper JSON = Json.lines();

    /**
     * One night.
     *
     * @param at         when the drift run compared (ISO-8601)
     * @param simClock   its {@code --sim-clock}, or empty
     * @param exitCode   0, 3 or 4
     * @param baseline   the baseline's source
     * @param headCommit the range's head commit
     * @param headRow    the row id of its module version
     * @param report     the drift run's report folder
     * @param cells      the reference and HEAD cells of this night
     * @param findings   what moved per environment × call (kinds other than NONE)
     */
    public record Entry(String schema, String at, String simClock, int exitCode, String baseline, String headCommit,
                        String headRow, String report, List<EntryCell> cells, List<EntryFinding> findings) {
        public Entry {
            schema = schema == null ? SCHEMA : schema;
            simClock = simClock == null ? "" : simClock;
            baseline = baseline == null ? "" : baseline;
            headCommit = headCommit == null ? "" : headCommit;
            headRow = headRow == null ? "" : headRow;
            report = report == null ? "" : report;
            cells = cells == null ? List.of() : List.copyOf(cells);
            findings = findings == null ? List.of() : List.copyOf(findings);
        }
    }

    /** @param row {@code reference} or {@code head}; @param label class and venue code ({@code AUTH_REJECTED 40101}) */
    public record EntryCell(String env, String call, String row, String label) {
    }

    public record EntryFinding(String env, String call, DriftReport.Kind kind) {
    }

    /** What {@link #read} found: the entries in file order and how many lines it could not read. */
    public record Read(List<Entry> entries, int skipped) {
    }

    private DriftHistory() {
    }

    /** Tonight's entry: the reference and HEAD cells of {@code run} and the report's findings. */
    public static Entry entry(DriftReport report, RunResult run, Path reportDir) {
        List<EntryCell> cells = new ArrayList<>();
        ResultHead.reference(run).ifPresent(ref -> run.cells().stream().filter(c -> c.row().equals(ref.id()))
                .forEach(c -> cells.add(new EntryCell(c.env(), c.call(), DriftComparator.REFERENCE, DriftComparator.label(c)))));
        ResultHead.of(run).ifPresent(head -> run.cells().stream().filter(c -> c.row().equals(head.row().id()))
                .forEach(c -> cells.add(new EntryCell(c.env(), c.call(), DriftComparator.HEAD, DriftComparator.label(c)))));
        List<EntryFinding> findings = report.changes().stream().map(f -> new EntryFinding(f.env(), f.call(), f.kind())).toList();
        return new Entry(SCHEMA, report.checkedAt(), report.current().simClock(), report.exitCode(), report.baseline().source(),
                report.current().headCommit(), report.current().headRow(), reportDir.toString(), cells, findings);
    }

    /** Appends one redacted line to {@code file} (created with its folder if needed). */
    public static void append(Path file, Entry entry, Redactor redactor) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            byte[] line = (redactor.redact(JSON.writeValueAsString(entry)) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                 FileLock lock = ch.lock()) {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
            }
        } catch (IOException e) {
            throw ExitException.usage("--history " + file + ": cannot append to it (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "; expected a writable file)");
        }
    }

    /** Every entry of {@code file} (none when it does not exist). */
    public static Read read(Path file) {
        if (!Files.exists(file)) {
            return new Read(List.of(), 0);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ExitException.usage("--history " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        List<Entry> out = new ArrayList<>();
        int skipped = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try {
                Entry e = JSON.readValue(line, Entry.class);
                if (SCHEMA.equals(e.schema()) && e.at() != null) {
                    out.add(e);
                } else {
                    skipped++;
                }
            } catch (IOException e) {
                skipped++;
            }
        }
        return new Read(List.copyOf(out), skipped);
    }

    /** The trend page beside a history file: {@code drift-history.jsonl} → {@code drift-history.html}. */
    public static Path trendFileFor(Path history) {
        String name = history.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return history.resolveSibling(stem + ".html");
    }
}
