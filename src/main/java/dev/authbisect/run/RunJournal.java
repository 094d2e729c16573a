package dev.authbisect.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.core.Redactor;
import dev.authbisect.core.IoFailure;
import dev.authbisect.core.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code journal.jsonl}: one redacted JSON object per event, appended as the run goes. A finished
 * trial's line ({@link #durable}) is forced to disk before the worker that ran it starts another,
 * so a run killed at any moment (kill -9 included) leaves a journal that {@code run --resume}
 * finishes; a line cut by the kill is dropped when the journal is reopened.
 */
final class RunJournal implements AutoCloseable {
    private final FileChannel out;
    private final Redactor redactor;
    private final ObjectMapper json = Json.lines();

    private final Path file;

    /** A new journal at {@code file} (an earlier one is replaced). */
    RunJournal(Path file, Redactor redactor) {
        this(file, create(file), redactor);
    }

    private RunJournal(Path file, FileChannel out, Redactor redactor) {
        this.file = file;
        this.out = out;
        this.redactor = redactor;
    }

    /** The journal at {@code file} reopened to append, after dropping a last line cut short (see {@link #read}). */
    static RunJournal append(Path file, Redactor redactor) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE);
        ch.truncate(completeLength(Files.readAllBytes(file)));
        ch.position(ch.size());
        return new RunJournal(file, ch, redactor);
    }

    private static FileChannel create(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw IoFailure.writing("the journal", file, e);
        }
    }

    /** Appends an event (written through to the OS, not forced to disk). */
    void event(String event, Map<String, ?> fields) {
        write(event, fields, Map.of(), false);
    }

    /**
     * Appends an event and forces it to disk before returning (a finished trial). {@code plain} fields are
     * written as they are: hashes and ids that are no secret and must read back exactly (the redactor shortens
     * every 64-hex string, as it would a signature).
     */
    void durable(String event, Map<String, ?> fields, Map<String, String> plain) {
        write(event, fields, plain, true);
    }

    private synchronized void write(String event, Map<String, ?> fields, Map<String, String> plain, boolean force) {
        ObjectNode node = json.createObjectNode();
        node.put("at", Instant.now().toString());
        node.put("event", event);
        fields.forEach((k, v) -> node.set(k, json.valueToTree(v)));
        try {
            ObjectNode redacted = (ObjectNode) json.readTree(redactor.redact(json.writeValueAsString(node)));
            plain.forEach(redacted::put);
            ByteBuffer bytes = ByteBuffer.wrap((json.writeValueAsString(redacted) + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            if (force) {
                out.force(false);
            }
        } catch (IOException e) {
            throw IoFailure.writing("the journal", file, e);
        }
    }

    /** The events of a journal, oldest first; a last line cut short (the run was killed while writing it) is left out. */
    static List<JsonNode> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, 0, completeLength(bytes), StandardCharsets.UTF_8);
        ObjectMapper mapper = Json.mapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                events.add(mapper.readTree(line));
            }
        }
        return events;
    }

    /** Bytes up to and including the last newline. */
    private static int completeLength(byte[] bytes) {
        int n = bytes.length;
        while (n > 0 && bytes[n - 1] != '\n') {
            n--;
        }
        return n;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
