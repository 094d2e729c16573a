package dev.authbisect.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's harness files (config, probe, and whatever else {@code harness-config/index.txt}
 * lists), bundled in the jar as copies of the top-level {@code harness-config/} files.
 *
 * <pre>{@code
 * List<Path> written = DemoFiles.extract(out);          // out/harness-config/demo.yaml, …
 * DemoHistory.create(out.resolve(DemoFiles.REPO_FOLDER)); // out/demo-repo, demo.yaml's target.repo
 * }</pre>
 */
public final class DemoFiles {
    /** The folder, beside {@code harness-config/}, where demo.yaml expects the repository ({@code ../demo-repo}). */
    public static final String REPO_FOLDER = "demo-repo";
    /** The folder the files are written to, under the extraction folder. */
    public static final String CONFIG_FOLDER = "harness-config";
    /** The config file, relative to {@link #CONFIG_FOLDER}. */
    public static final String CONFIG_FILE = "demo.yaml";
    /** Environment variables the demo config reads its credentials from (demo values, not secrets). */
    public static final Map<String, String> CREDENTIAL_ENV = Map.of(
            "DEMO_LOCAL_API_KEY", "z3HWF8m292LocalKey01",
            "DEMO_LOCAL_API_SECRET", "local-env-secret-z3hw",
            "DEMO_PROD_API_KEY", "raHZAk1MDkAWviDpcBxAWU",
            "DEMO_PROD_API_SECRET", "demo-secret-aws-key-3-1");

    static final String RESOURCE_DIR = "harness-config/";
    static final String INDEX = RESOURCE_DIR + "index.txt";

    private DemoFiles() {
    }

    /** The bundled paths, relative to {@code harness-config/}, in index order. */
    public static List<String> paths() {
        List<String> out = new ArrayList<>();
        for (String line : new String(bytes(INDEX), StandardCharsets.UTF_8).split("\n")) {
            String path = line.strip();
            if (!path.isEmpty() && !path.startsWith("#")) {
                if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
                    throw new IllegalStateException(INDEX + ": expected a relative path, got '" + path + "'");
                }
                out.add(path);
            }
        }
        return List.copyOf(out);
    }

    /** The bundled bytes of one path from {@link #paths()}. */
    public static byte[] content(String path) {
        return bytes(RESOURCE_DIR + path);
    }

    /**
     * Writes every bundled file to {@code dir/harness-config/<path>}, replacing what is there.
     *
     * @return the files written, in index order
     */
    public static List<Path> extract(Path dir) throws IOException {
        Path root = dir.resolve(CONFIG_FOLDER);
        List<Path> written = new ArrayList<>();
        for (String path : paths()) {
            Path target = root.resolve(path);
            Files.createDirectories(target.getParent());
            try (InputStream in = open(RESOURCE_DIR + path)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
            written.add(target);
        }
        return List.copyOf(written);
    }

    /** The config file {@link #extract(Path)} writes under {@code dir}. */
    public static Path configFile(Path dir) {
        return dir.resolve(CONFIG_FOLDER).resolve(CONFIG_FILE);
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = open(resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) throws IOException {
        InputStream in = DemoFiles.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("missing resource dev/authbisect/demo/" + resource
                    + " (listed in dev/authbisect/demo/" + INDEX + ")");
        }
        return in;
    }
}
