package dev.authbisect.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.authbisect.core.Redactor;
import dev.authbisect.core.IoFailure;
import dev.authbisect.core.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/** {@code journal.jsonl}: one redacted JSON object per event, appended as the run goes. */
final class RunJournal implements AutoCloseable {
    private final BufferedWriter out;
    private final Redactor redactor;
    private final ObjectMapper json = Json.lines();

    private final Path file;

    RunJournal(Path file, Redactor redactor) {
        this.file = file;
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw IoFailure.writing("the journal", file, e);
        }
        this.redactor = redactor;
    }

    synchronized void event(String event, Map<String, ?> fields) {
        ObjectNode node = json.createObjectNode();
        node.put("at", Instant.now().toString());
        node.put("event", event);
        fields.forEach((k, v) -> node.set(k, json.valueToTree(v)));
        try {
            out.write(redactor.redact(json.writeValueAsString(node)));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw IoFailure.writing("the journal", file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
