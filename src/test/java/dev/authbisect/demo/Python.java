package dev.authbisect.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Test helper: runs python3 in a clean environment (as the probe contract does) with a deadline. */
final class Python {
    /** 2025-12-19T08:00:00Z, the simulator clock of the seed scenario. */
    static final long FIXED_TIME_MS = 1_766_131_200_000L;
    static final String API_KEY = "raHZAk1MDkAWviDpcBxAWU";
    static final String API_SECRET = "demo-secret-aws-key-3-1";

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Python() {
    }

    /** The environment a probe of the demo gets: client variables, the refusing proxy, only the relay direct. */
    static Map<String, String> clientEnv(Path moduleDir, FakeExchange exchange, RefusingProxy proxy) {
        return Map.of(
                "PYTHONPATH", moduleDir.resolve("backend").toString(),
                "EXCHANGE_CUSTOM_BASE_URL", exchange.baseUrl(),
                "EXCHANGE_CUSTOM_API_KEY", API_KEY,
                "EXCHANGE_CUSTOM_API_SECRET", API_SECRET,
                "HTTP_PROXY", proxy.url(), "HTTPS_PROXY", proxy.url(),
                "http_proxy", proxy.url(), "https_proxy", proxy.url(),
                "NO_PROXY", "127.0.0.1", "no_proxy", "127.0.0.1");
    }

    static Result run(Path cwd, Map<String, String> env, List<String> args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(args).directory(cwd.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().put("HOME", cwd.toString());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(cwd, "stdout", ".txt");
        Path err = Files.createTempFile(cwd, "stderr", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("python3 did not finish within 60 s: " + args);
            }
        } finally {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
