package dev.authbisect.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What failed, where, and why in words; exit 1, or 2 for a path the user gave. */
class IoFailureTest {

    @Test
    void aFullDiskIsSaidInWordsWithThePathAndWhatWasBeingWritten() {
        IOException full = assertThrows(IOException.class, () -> Files.writeString(Path.of("/dev/full"), "x"));
        IoFailure f = IoFailure.writing("the journal", Path.of("/r/journal.jsonl"), full);
        assertEquals("cannot write the journal /r/journal.jsonl: disk full (no space left on device)", f.getMessage());
        assertEquals(ExitCodes.INTERNAL, f.code());
    }

    @Test
    void aPathFromTheUserIsAUsageError() {
        IoFailure f = IoFailure.userPath("--out", Path.of("/ro/run"), "create the folder",
                new FileSystemException("/ro/run", null, "Read-only file system"));
        assertEquals("--out /ro/run: cannot create the folder: read-only file system", f.getMessage());
        assertEquals(ExitCodes.USAGE, f.code());
    }

    @Test
    void reasonsAreWordsNotExceptionNames() {
        assertEquals("permission denied", IoFailure.reason(new AccessDeniedException("/x")));
        assertEquals("permission denied", IoFailure.reason(new FileSystemException("/x", null, "Operation not permitted")));
        assertEquals("no such file or folder", IoFailure.reason(new java.nio.file.NoSuchFileException("/x")));
        assertEquals("disk quota exceeded", IoFailure.reason(new FileSystemException("/x", null, "Disk quota exceeded")));
        assertEquals("Input/output error", IoFailure.reason(new FileSystemException("/x", null, "Input/output error")));
    }

    @Test
    void aStrayUncheckedIoExceptionKeepsItsOwnWordsOrNamesTheFile() {
        FileSystemException full = new FileSystemException("/c/build.log", null, "No space left on device");
        assertEquals("cannot copy the module into /c/m: disk full (no space left on device)",
                IoFailure.of(new UncheckedIOException("cannot copy the module into /c/m", full)).getMessage());
        assertEquals("cannot read or write /c/build.log: disk full (no space left on device)",
                IoFailure.of(new UncheckedIOException(full)).getMessage());
    }
}
