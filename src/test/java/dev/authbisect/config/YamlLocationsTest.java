package dev.authbisect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.authbisect.config.YamlLocations.Position;
import dev.authbisect.core.ExitException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlLocationsTest {
    private static final String DOC = """
            top:
              a/b: 1
              list:
                - x
                - {k: v}
            """;

    @Test
    void valuesAndKeysAreLocatedByJsonPointer() {
        YamlLocations doc = YamlLocations.parse(Path.of("f.yaml"), DOC, "config");
        assertEquals(Optional.of(new Position(2, 8)), doc.valueAt("/top/" + YamlLocations.escape("a/b")));
        assertEquals(Optional.of(new Position(2, 3)), doc.keyAt("/top/a~1b"));
        assertEquals(Optional.of(new Position(5, 7)), doc.valueAt("/top/list/1"));
        assertEquals(Optional.of(new Position(5, 8)), doc.keyAt("/top/list/1/k"));
        assertEquals("config f.yaml:5:7", doc.where("/top/list/1/missing"), "nearest located parent");
        assertEquals("config f.yaml:3:3", doc.whereKey("/top/list"));
    }

    @Test
    void errorsNameFileLineColumnAndField() {
        YamlLocations doc = YamlLocations.parse(Path.of("f.yaml"), DOC, "config");
        assertEquals("config f.yaml:4:7: top.list[0]: expected a mapping", doc.error("/top/list/0", "expected a mapping").getMessage());
        assertEquals("a/b", YamlLocations.field("/" + YamlLocations.escape("a/b")));
        assertEquals("x~y", YamlLocations.field("/" + YamlLocations.escape("x~y")));
    }

    @Test
    void anEmptyDocumentIsAnEmptyMappingLocatedAtItsFirstLine() {
        YamlLocations empty = YamlLocations.parse("s.yaml", "# nothing\n", "scenario");
        assertTrue(empty.root().isObject() && empty.root().isEmpty());
        assertEquals(Optional.empty(), empty.valueAt("/a"));
        assertEquals("scenario s.yaml:1:1", empty.where("/a"));
    }

    @Test
    void parseLocatesAndReadsOnlyTheFirstDocument() {
        YamlLocations doc = YamlLocations.parse("s.yaml", "a: 1\n---\nb: [\n", "scenario");
        assertEquals(Optional.of(new Position(1, 4)), doc.valueAt("/a"));
        assertEquals(Optional.of(new Position(1, 1)), doc.valueAt("/b"), "falls back to the root");
    }

    @Test
    void duplicateKeysAreAnErrorAtTheKey() {
        ExitException e = assertThrows(ExitException.class, () -> YamlLocations.parse("s.yaml", "a: 1\na: 2\n", "scenario"));
        assertTrue(e.getMessage().startsWith("scenario s.yaml:2:1: duplicate key 'a'"), e.getMessage());
    }

    @Test
    void parseReportsMalformedYamlAsOneLineUsageError() {
        ExitException e = assertThrows(ExitException.class, () -> YamlLocations.parse(Path.of("f.yaml"), "a: [1\n", "config"));
        assertTrue(e.getMessage().startsWith("config f.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed YAML"), e.getMessage());
    }
}
