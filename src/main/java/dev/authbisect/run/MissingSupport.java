package dev.authbisect.run;

import dev.authbisect.analysis.Cell;
import dev.authbisect.config.ModuleSpec;
import dev.authbisect.core.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * When a probe fails importing something that is in the repository but was not materialized (a
 * helper package beside the module, a file outside the module paths), says which path to add to
 * {@code target.module.support}: the cell's diagnosis gets {@link #MARK} and the hint, which the
 * terminal line and the report show.
 *
 * <p>Recognized: Python's {@code No module named 'x.y'} (the repository's folder {@code x/} or file
 * {@code x.py}, the shallowest outside the materialized paths) and Node's {@code Cannot find module
 * '…'} with an absolute path inside the module folder or a relative one with its importer named
 * ({@code imported from …} or {@code Require stack:}). Names found nowhere in the repository (a
 * third-party package) get no hint.
 */
public final class MissingSupport {
    /** Separates the hint from the rest of a diagnosis. */
    public static final String MARK = " — not materialized: ";
    private static final Pattern PYTHON = Pattern.compile("No module named '([A-Za-z_][A-Za-z0-9_.]*)'");
    private static final Pattern NODE = Pattern.compile("Cannot find (?:module|package) '([^'\\n]+)'(?: imported from (\\S+))?");
    private static final Pattern REQUIRE_STACK = Pattern.compile("Require stack:\\s*\\R\\s*- (\\S+)");
    private static final List<String> NODE_EXTENSIONS = List.of("", ".js", ".mjs", ".cjs", ".ts", ".json", "/index.js", "/index.mjs");

    private final Repository repo;
    private final ModuleSpec spec;
    private final Map<ObjectId, List<TreePath>> trees = new ConcurrentHashMap<>();

    private record TreePath(String path, boolean dir) {
        int depth() {
            return path.split("/").length;
        }
    }

    MissingSupport(Repository repo, ModuleSpec spec) {
        this.repo = repo;
        this.spec = spec;
    }

    /** {@code cells} with the hint added to each probe error (or probe skip) whose output names a missing repository path. */
    List<Cell> explain(List<Cell> cells, ObjectId commit, Path moduleDir) {
        List<Cell> out = new ArrayList<>(cells.size());
        for (Cell c : cells) {
            Optional<String> path = c.outcome() == Outcome.PROBE_ERROR || c.outcome() == Outcome.SKIPPED
                    ? missingPath(c.evidence().probeTail(), commit, moduleDir) : Optional.empty();
            out.add(path.isPresent() && !c.diagnosis().contains(MARK) ? c.withDiagnosis(c.diagnosis() + MARK + hint(path.get())) : c);
        }
        return out;
    }

    static String hint(String path) {
        return "'" + path + "' is in the repository but not beside the module: add it to target.module.support";
    }

    /** The repository path to add, if the probe's output names an import that the commit has outside the materialized paths. */
    Optional<String> missingPath(String output, ObjectId commit, Path moduleDir) {
        if (output == null || output.isEmpty()) {
            return Optional.empty();
        }
        Matcher py = PYTHON.matcher(output);
        String lastPython = null;
        while (py.find()) {
            lastPython = py.group(1);
        }
        if (lastPython != null) {
            return python(lastPython.split("\\.")[0], commit);
        }
        Matcher node = NODE.matcher(output);
        if (node.find()) {
            String spec = node.group(1);
            String importer = node.group(2);
            if (importer == null) {
                Matcher stack = REQUIRE_STACK.matcher(output);
                importer = stack.find() ? stack.group(1) : null;
            }
            return node(spec, importer, commit, moduleDir);
        }
        return Optional.empty();
    }

    private Optional<String> python(String top, ObjectId commit) {
        return tree(commit).stream()
                .filter(p -> p.dir() ? last(p.path()).equals(top) : last(p.path()).equals(top + ".py"))
                .filter(p -> !materialized(p.path()))
                .min(Comparator.comparingInt(TreePath::depth).thenComparing(TreePath::path))
                .map(p -> p.dir() ? p.path() + "/" : p.path());
    }

    private Optional<String> node(String specifier, String importer, ObjectId commit, Path moduleDir) {
        Path dir = moduleDir.toAbsolutePath().normalize();
        String s = specifier.startsWith("file://") ? specifier.substring("file://".length()) : specifier;
        Path target;
        if (s.startsWith("/")) {
            target = Path.of(s).normalize();
        } else if ((s.startsWith("./") || s.startsWith("../")) && importer != null) {
            String from = importer.startsWith("file://") ? importer.substring("file://".length()) : importer;
            Path parent = Path.of(from).getParent();
            if (parent == null) {
                return Optional.empty();
            }
            target = parent.resolve(s).normalize();
        } else {
            return Optional.empty(); // a package name: node_modules, not the repository
        }
        Path real = realOf(dir);
        String rel;
        if (target.startsWith(dir)) {
            rel = dir.relativize(target).toString();
        } else if (real != null && target.startsWith(real)) {
            rel = real.relativize(target).toString();
        } else {
            return Optional.empty();
        }
        List<TreePath> all = tree(commit);
        for (String ext : NODE_EXTENSIONS) {
            String candidate = rel + ext;
            Optional<TreePath> hit = all.stream().filter(p -> p.path().equals(candidate)).findFirst();
            if (hit.isPresent() && !materialized(candidate)) {
                if (hit.get().dir()) {
                    return Optional.of(candidate + "/");
                }
                int slash = candidate.lastIndexOf('/');
                String folder = slash < 0 ? "" : candidate.substring(0, slash + 1);
                // the file's folder, unless that folder holds the module (then the file alone)
                boolean holdsModule = spec.paths().stream().anyMatch(p -> p.startsWith(folder));
                return Optional.of(folder.isEmpty() || holdsModule ? candidate : folder);
            }
        }
        return Optional.empty();
    }

    private static Path realOf(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    private boolean materialized(String path) {
        for (String p : spec.materialized()) {
            String m = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
            if (m.isEmpty() || m.equals(".") || path.equals(m) || path.startsWith(m + "/")) {
                return true;
            }
        }
        return false;
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Every folder and file of the commit's tree (gitlinks left out), read once per commit. */
    private List<TreePath> tree(ObjectId commit) {
        return trees.computeIfAbsent(commit.copy(), c -> {
            List<TreePath> out = new ArrayList<>();
            try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader);
                 TreeWalk tw = new TreeWalk(repo, reader)) {
                tw.addTree(walk.parseCommit(c).getTree());
                tw.setRecursive(false);
                while (tw.next()) {
                    FileMode mode = tw.getFileMode(0);
                    if (mode == FileMode.TREE) {
                        out.add(new TreePath(tw.getPathString(), true));
                        tw.enterSubtree();
                    } else if (mode != FileMode.GITLINK) {
                        out.add(new TreePath(tw.getPathString(), false));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the tree of " + c.name(), e);
            }
            return List.copyOf(out);
        });
    }
}
