package dev.authbisect.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cell's JSON form in {@code result.json} is pinned: the same flat snake_case fields in the same order,
 * whatever shape {@link Cell} has in memory. {@code cells.expected.json} was written by the flat 17-field
 * Cell before it was grouped into named parts.
 */
class CellJsonTest {

    @Test
    void cellsReadAndWrittenKeepTheFlatFieldsInTheirOrder() throws IOException {
        List<Cell> cells = dev.authbisect.core.Json.mapper().readValue(resource("cells.json"), new TypeReference<List<Cell>>() {
        });
        String written = dev.authbisect.core.Json.mapper().writeValueAsString(cells);
        assertEquals(new String(resource("cells.expected.json"), StandardCharsets.UTF_8).strip(), written.strip());
    }

    @Test
    void aCellWrittenAndReadBackIsTheSameCell() throws IOException {
        List<Cell> cells = dev.authbisect.core.Json.mapper().readValue(resource("cells.json"), new TypeReference<List<Cell>>() {
        });
        for (Cell c : cells) {
            String json = dev.authbisect.core.Json.mapper().writeValueAsString(c);
            assertEquals(c, dev.authbisect.core.Json.mapper().readValue(json, Cell.class));
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = CellJsonTest.class.getResourceAsStream("/analysis/" + name)) {
            return in.readAllBytes();
        }
    }
}
