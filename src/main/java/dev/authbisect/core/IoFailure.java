package dev.authbisect.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * A file or folder authbisect could not write or read: a full disk, a permission denied, a read-only
 * folder or file system. One line names what was being written and the path, and the reason in words
 * ("cannot write the journal /r/journal.jsonl: disk full (no space left on device)"); exit 1, or 2 when the
 * path came from the user ({@code --out DIR}). Never an internal error; the stack trace only with
 * {@code --stacktrace}.
 */
public final class IoFailure extends ExitException {
    private IoFailure(int code, String message, IOException cause) {
        super(code, message, cause);
    }

    /** Writing {@code what} ("the journal", "result.json") to {@code path} failed (exit 1). */
    public static IoFailure writing(String what, Path path, IOException e) {
        return new IoFailure(ExitCodes.INTERNAL, "cannot write " + what + " " + path + ": " + reason(e), e);
    }

    /** Reading {@code what} from {@code path} failed (exit 1). */
    public static IoFailure reading(String what, Path path, IOException e) {
        return new IoFailure(ExitCodes.INTERNAL, "cannot read " + what + " " + path + ": " + reason(e), e);
    }

    /**
     * Writing {@code what} under a path the user gave with {@code option} failed (exit 2: the user can pick
     * another path): "--out /ro/run: cannot create the report folder: read-only file system".
     */
    public static IoFailure userPath(String option, Path path, String what, IOException e) {
        return new IoFailure(ExitCodes.USAGE, option + " " + path + ": cannot " + what + ": " + reason(e), e);
    }

    /**
     * An {@link UncheckedIOException} that reached the command line without a context of its own, as one
     * line: its message where it names what was done, the path where the cause names one, and the reason.
     */
    public static IoFailure of(UncheckedIOException u) {
        IOException e = u.getCause();
        String message = u.getMessage() == null ? "" : u.getMessage();
        boolean ownWords = !message.isEmpty() && !message.equals(String.valueOf(e));
        Optional<String> file = e instanceof FileSystemException f && f.getFile() != null ? Optional.of(f.getFile()) : Optional.empty();
        String what = ownWords ? message : "cannot read or write " + file.orElse("a file");
        return new IoFailure(ExitCodes.INTERNAL, what + ": " + reason(e), e);
    }

    /** The reason in words: "disk full (no space left on device)", "permission denied", "read-only file system" … */
    public static String reason(IOException e) {
        String detail = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        String lower = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left")) {
            return "disk full (no space left on device)";
        }
        if (lower.contains("disk quota")) {
            return "disk quota exceeded";
        }
        if (lower.contains("read-only file system")) {
            return "read-only file system";
        }
        if (e instanceof AccessDeniedException || lower.contains("permission denied") || lower.contains("operation not permitted")) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException || lower.contains("not a directory")) {
            return "a part of the path is not a folder";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "exists and is not a folder";
        }
        String text = detail == null || detail.isBlank() ? e.getClass().getSimpleName() : detail;
        return text.replaceAll("\\s+", " ").strip();
    }
}
