package dev.authbisect.process;

import dev.authbisect.core.Redactor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The child JVM of {@link KilledJvmLeavesNoProcessTest}: {@code KIND=SCRIPT…} runs {@code sh -c SCRIPT} under
 * that containment (as detected here), each on a thread of its own through {@link ProcessRunner}, with a
 * timeout far beyond the test, and waits for them — until it is killed.
 */
final class ContainedCommands {
    private ContainedCommands() {
    }

    public static void main(String[] args) {
        List<Containment> available = Containment.available(System.getenv("PATH"));
        Redactor redactor = Redactor.create(new byte[] {1});
        Path cwd = Path.of(System.getProperty("java.io.tmpdir"));
        for (String arg : args) {
            String word = arg.substring(0, arg.indexOf('='));
            String script = arg.substring(arg.indexOf('=') + 1);
            Containment c = available.stream().filter(a -> a.kind().word().equals(word)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not offered here: " + word));
            ProcessRequest request = ProcessRequest.of("test command", List.of("sh", "-c", script), cwd, Map.of(),
                    Duration.ofMinutes(10));
            new Thread(() -> System.out.println(new ProcessRunner(1024, c).run(request, redactor)), "runs-" + word).start();
        }
    }
}
