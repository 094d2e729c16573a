package dev.authbisect.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
    @TempDir
    Path tmp;

    @Test
    void aMissingOrEmptyFolderIsUsedAsItIs() throws Exception {
        Path dir = tmp.resolve("new");
        assertTrue(OutputFolder.forNewRun(dir, "--out").isEmpty());
        assertTrue(Files.isDirectory(dir.resolve("logs")));
    }

    @Test
    void anEarlierFinishedReportIsClearedAndTheRunSaysWhichFiles() throws Exception {
        Path dir = tmp.resolve("out");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/probe-a@b.log"), "old");
        Files.writeString(dir.resolve("journal.jsonl"), "{}\n");
        Files.writeString(dir.resolve("result.json"), "{\"complete\": true}");
        Files.writeString(dir.resolve("index.html"), "old");
        String note = OutputFolder.forNewRun(dir, "--out").orElseThrow();
        assertTrue(note.contains("removed the earlier report there (index.html, journal.jsonl, logs, result.json)"), note);
        assertFalse(Files.exists(dir.resolve("index.html")));
        assertFalse(Files.exists(dir.resolve("logs/probe-a@b.log")), "no stale log stays");
        assertTrue(Files.isDirectory(dir.resolve("logs")));
    }

    @Test
    void aFolderWithOtherFilesIsRefusedAndNothingIsDeleted() throws Exception {
        Path dir = tmp.resolve("out");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("index.html"), "old");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        ExitException e = assertThrows(ExitException.class, () -> OutputFolder.forNewRun(dir, "--out"));
        assertEquals(ExitCodes.USAGE, e.code());
        assertTrue(e.getMessage().contains("holds files authbisect did not write (notes.txt)"), e.getMessage());
        assertTrue(Files.exists(dir.resolve("index.html")));
        assertTrue(Files.exists(dir.resolve("notes.txt")));
    }

    @Test
    void anInterruptedRunIsRefusedWithTheResumeCommand() throws Exception {
        Path dir = tmp.resolve("out");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("journal.jsonl"), "{}\n");
        ExitException e = assertThrows(ExitException.class, () -> OutputFolder.forNewRun(dir, "--out"));
        assertTrue(e.getMessage().contains("holds an interrupted run"), e.getMessage());
        assertTrue(e.getMessage().contains("--resume " + dir), e.getMessage());
        Files.writeString(dir.resolve("result.json"), "{\"complete\": false}");
        assertThrows(ExitException.class, () -> OutputFolder.forNewRun(dir, "--out"));
        assertTrue(Files.exists(dir.resolve("journal.jsonl")), "the journal is kept");
    }
}
