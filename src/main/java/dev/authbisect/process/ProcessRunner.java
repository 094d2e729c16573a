package dev.authbisect.process;

import dev.authbisect.core.Redactor;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Runs one command in an explicitly given environment (nothing is inherited), with a timeout
 * that kills the whole process tree and bounded, redacted output capture. Used for builds and
 * probes. Thread-safe: one runner serves parallel trials.
 *
 * <p>Descendants the command leaves running after it exits are killed too, so a trial never
 * leaves a background process (or an open pipe) behind — double-forked daemons included, as far
 * as the machine's {@link Containment} allows (a PID namespace where it can, else a child
 * subreaper, else the command's session).
 *
 * <p>Stopping: interrupting the calling thread, or {@link #stopAll()} from any thread (a signal
 * handler or shutdown hook), stops the command's whole tree; {@code run} then throws
 * {@link CancellationException} instead of returning a result, so a stopped command is never
 * mistaken for one that exited.
 *
 * <p>When this JVM is killed outright (SIGKILL: no handler, no timeout any more), the kernel's
 * parent-death signal stops the command, as far as {@link Containment#diesWithJvm()} says. That signal
 * follows the <em>thread</em> that started the command, not the process; {@code run} starts the
 * command on the calling thread and returns (or throws) only once the command's tree has exited or
 * been killed, so that thread — a trial pool thread, the main thread of {@code bisect} or
 * {@code check --probe}, any other — outlives it and the signal comes only with the JVM's death.
 */
public final class ProcessRunner {
    /** Default bytes kept of each of stdout and stderr. */
    public static final int DEFAULT_TAIL_BYTES = 64 * 1024;
    /** Extra bytes kept in front of the tail and dropped after redaction, so a cut secret never shows. */
    private static final int REDACTION_MARGIN = 1024;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(1);
    private static final List<String> STANDARD_PATH = List.of("/usr/local/bin", "/usr/bin", "/bin");

    /** Every command running in this JVM, for {@link #stopAll()}. */
    private static final Set<Running> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final int tailBytes;
    private final Containment containment;

    /** A running command and whether {@link #stopAll()} stopped it. */
    private record Running(ProcessTree tree, java.util.concurrent.atomic.AtomicBoolean stopped) {
    }

    /** A runner with the default tail and the strongest containment this machine offers. */
    public ProcessRunner() {
        this(DEFAULT_TAIL_BYTES);
    }

    public ProcessRunner(int tailBytes) {
        this(tailBytes, Containment.detected());
    }

    public ProcessRunner(int tailBytes, Containment containment) {
        if (tailBytes < 1) {
            throw new IllegalArgumentException("tailBytes must be positive, got " + tailBytes);
        }
        this.tailBytes = tailBytes;
        this.containment = java.util.Objects.requireNonNull(containment, "containment");
    }

    /** How this runner contains what it starts. */
    public Containment containment() {
        return containment;
    }

    /**
     * Stops every command running in this JVM (any runner) with its whole process tree, and
     * returns how many there were; their {@code run} calls throw {@link CancellationException}.
     * For interrupts: call it before exiting so no build or probe outlives the run. Blocks at
     * most a few seconds per command (a subreaper helper's grace).
     */
    public static int stopAll() {
        int stopped = 0;
        for (Running r : List.copyOf(RUNNING)) {
            if (r.stopped().compareAndSet(false, true)) {
                stopped++;
                try {
                    r.tree().stop();
                } catch (InterruptedException e) {
                    r.tree().killAll();
                    Thread.currentThread().interrupt();
                }
            }
        }
        return stopped;
    }

    /** Runs the command; never throws for a command that fails to start (see {@link ProcessOutcome.FailedToStart}). */
    public ProcessResult run(ProcessRequest request, Redactor redactor) {
        long start = System.nanoTime();
        String name = request.command().get(0);
        Optional<Path> executable = ExecutableLookup.resolve(name, request.searchPath(), request.cwd());
        if (executable.isEmpty()) {
            String reason = ExecutableLookup.notFound(request.label(), name, request.searchPath(), request.cwd());
            return failed(reason, start);
        }
        List<String> command = new ArrayList<>(request.command());
        command.set(0, executable.get().toString());
        ProcessBuilder builder = new ProcessBuilder(containment.wrap(command))
                .directory(request.cwd().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(request.env());
        env.putIfAbsent("PATH", minimalPath(executable.get().getParent()));
        Process process;
        try {
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            return failed(request.label() + " could not start: " + firstLine(e.getMessage()), start);
        }
        return await(process, request.timeout(), redactor, start);
    }

    private ProcessResult await(Process process, Duration timeout, Redactor redactor, long start) {
        String thread = "authbisect-output-" + process.pid();
        OutputTail out = OutputTail.drain(process.getInputStream(), tailBytes + REDACTION_MARGIN, thread + "-out");
        OutputTail err = OutputTail.drain(process.getErrorStream(), tailBytes + REDACTION_MARGIN, thread + "-err");
        ProcessTree tree = new ProcessTree(process.toHandle(), containment.kind());
        Running running = new Running(tree, new java.util.concurrent.atomic.AtomicBoolean());
        RUNNING.add(running);
        long deadline = start + timeout.toNanos();
        boolean exited = false;
        try {
            while (!exited) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                if (!tree.needsSnapshots()) {
                    exited = process.waitFor(remaining, TimeUnit.NANOSECONDS); // woken by the exit itself, no polling
                    break;
                }
                exited = process.waitFor(Math.min(remaining, POLL_NANOS), TimeUnit.NANOSECONDS);
                if (!exited) {
                    tree.snapshot();
                }
            }
            if (exited) {
                tree.afterExit();
            } else {
                tree.stop();
            }
            out.awaitEnd(DRAIN_GRACE);
            err.awaitEnd(DRAIN_GRACE);
        } catch (InterruptedException e) {
            try {
                tree.stop(); // a subreaper helper still gets to kill what it holds
            } catch (InterruptedException again) {
                tree.killAll();
            }
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while running " + process.info().command().orElse("a command"));
        } finally {
            RUNNING.remove(running);
        }
        if (running.stopped().get()) {
            throw new CancellationException("stopped while running " + process.info().command().orElse("a command"));
        }
        ProcessOutcome outcome = exited ? new ProcessOutcome.Exited(process.exitValue()) : new ProcessOutcome.TimedOut(timeout);
        return new ProcessResult(outcome, tail(out, redactor), tail(err, redactor),
                out.totalBytes(), err.totalBytes(), Duration.ofNanos(System.nanoTime() - start));
    }

    private String tail(OutputTail output, Redactor redactor) {
        String text = redactor.redact(output.text());
        if (!output.truncated()) {
            return text;
        }
        // the front of the ring may start inside a secret: redact first, then drop the margin
        String kept = text.substring(Math.min(REDACTION_MARGIN, text.length()));
        return "…(output cut, showing the end of " + output.totalBytes() + " bytes)…\n" + kept;
    }

    private static ProcessResult failed(String reason, long start) {
        return new ProcessResult(new ProcessOutcome.FailedToStart(reason), "", "", 0, 0,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** {@code <dir of the executable>:/usr/local/bin:/usr/bin:/bin}, without duplicates. */
    public static String minimalPath(Path executableDir) {
        Set<String> dirs = new LinkedHashSet<>();
        if (executableDir != null) {
            dirs.add(executableDir.toString());
        }
        dirs.addAll(STANDARD_PATH);
        return String.join(":", dirs);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
