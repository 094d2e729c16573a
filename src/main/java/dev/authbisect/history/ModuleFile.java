package dev.authbisect.history;

import java.util.Objects;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;

/**
 * One file of the module at a commit, as git stores it.
 *
 * @param path repository-relative path
 * @param mode regular, executable, symlink or gitlink (submodule)
 * @param id   the blob (or, for a gitlink, the submodule commit)
 */
public record ModuleFile(String path, FileMode mode, ObjectId id) {
    public ModuleFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mode, "mode");
        id = id.copy();
    }

    public boolean isExecutable() {
        return mode == FileMode.EXECUTABLE_FILE;
    }

    public boolean isSymlink() {
        return mode == FileMode.SYMLINK;
    }

    public boolean isGitlink() {
        return mode == FileMode.GITLINK;
    }
}
