package dev.authbisect.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the benchmarks share: the jar under test, child processes, the machine they ran on. */
final class Bench {
    private Bench() {
    }

    /** {@code target/authbisect.jar}, or a clear failure telling how to build it. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("authbisect.jar", "target/authbisect.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build it first with mvn -B -q verify -DskipTests");
        }
        return jar;
    }

    /**
     * How users start authbisect: {@code java -jar target/authbisect.jar}, and the launcher
     * {@code target/authbisect} (class-data sharing) when the build wrote it; {@code -Dbench.launcher=launcher}
     * (or {@code =jar}) keeps only the ones whose label contains it. Each entry: a label, then the command.
     */
    static List<String[]> launchers(Path jar) {
        List<String[]> out = new ArrayList<>();
        out.add(new String[] {"java -jar authbisect.jar", javaBin(), "-jar", jar.toString()});
        Path launcher = jar.resolveSibling("authbisect");
        if (Files.isExecutable(launcher)) {
            out.add(new String[] {"target/authbisect (launcher)", launcher.toString()});
        }
        String only = System.getProperty("bench.launcher", "");
        out.removeIf(l -> !l[0].contains(only));
        if (out.isEmpty()) {
            throw new IllegalArgumentException("-Dbench.launcher=" + only + " matches neither 'java -jar' nor 'launcher'");
        }
        return out;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The classpath this benchmark runs with (exec:java puts it in a URLClassLoader), for child JVMs. */
    static String classpath() {
        ClassLoader loader = Bench.class.getClassLoader();
        if (loader instanceof URLClassLoader urls) {
            return Arrays.stream(urls.getURLs()).map(Bench::file).collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String file(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code command} in {@code dir} with {@code env} added; returns stdout and stderr together. */
    static String exec(Path dir, Map<String, String> env, String... command) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("GIT_") || k.startsWith("AUTHBISECT_"));
        pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Wall time of {@code command} in ms (output discarded). */
    static double timeMs(Path dir, Map<String, String> env, String... command) {
        long t = System.nanoTime();
        exec(dir, env, command);
        return (System.nanoTime() - t) / 1e6;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = Bench.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The machine, for the figures: cores, load average now, JVM. */
    static String machine() {
        String load = "?";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return String.format(Locale.ROOT, "machine: %d cores, load average %s at start, Java %s (%s)",
                Runtime.getRuntime().availableProcessors(), load, System.getProperty("java.version"), System.getProperty("java.vm.name"));
    }

    /** The 1-minute load average now ("?" when not on Linux). */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "median (min–max)" of {@code values} in ms. */
    static String range(List<Double> values) {
        return String.format(Locale.ROOT, "%.1f (%.1f–%.1f)", median(values), values.stream().min(Double::compare).orElse(0.0),
                values.stream().max(Double::compare).orElse(0.0));
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind
        }
    }
}
