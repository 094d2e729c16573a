package dev.authbisect.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How builds and probes are kept from outliving their trial (and from seeing the harness), the
 * strongest this machine offers without root, chosen once per JVM by actually trying each:
 *
 * <ol>
 *   <li>{@link Kind#PID_NAMESPACE}: {@code unshare --user --map-current-user --pid --fork --kill-child
 *       --mount-proc} (or without {@code --user} when running as root with user namespaces off). The
 *       command is PID 1 of its own PID namespace: when it exits, or {@code unshare} is killed, the
 *       kernel kills every process left in it, double-forked daemons included. Its {@code /proc}
 *       shows only its own processes, so it cannot read authbisect's {@code /proc/<pid>/environ}.</li>
 *   <li>{@link Kind#SUBREAPER}: a tiny python3 helper that makes itself a child subreaper
 *       ({@code prctl(PR_SET_CHILD_SUBREAPER)}), starts the command in a new session, and when the
 *       command exits (or the helper gets SIGTERM) kills every process re-parented to it until none is
 *       left — daemons cannot escape by re-parenting. {@code /proc} is the machine's.</li>
 *   <li>{@link Kind#SESSION}: {@code setsid}; at the end every process of the command's session is
 *       killed, plus every descendant seen while it ran. A daemon that calls setsid() itself and
 *       whose parent exits before it is seen can survive.</li>
 *   <li>{@link Kind#NONE}: only the descendants seen while it ran are killed.</li>
 * </ol>
 * Cgroups are not used: creating one needs root or a systemd user session with delegation, which
 * CI runners and containers rarely have, and the PID namespace gives the same guarantee.
 *
 * <p><b>When authbisect itself is killed</b> ({@code kill -9}, the OOM killer: no handler runs), the
 * kernel's parent-death signal ({@code prctl(PR_SET_PDEATHSIG)}) takes over from the timeout the JVM
 * enforced ({@link #diesWithJvm()}):
 * <ul>
 *   <li>{@link Kind#PID_NAMESPACE}: {@code setpriv --pdeathsig KILL} (util-linux ≥ 2.33) in front of
 *       {@code unshare}: {@code unshare} gets SIGKILL, {@code --kill-child} passes it to the namespace's
 *       PID 1, and the kernel kills the whole namespace — nothing is left.</li>
 *   <li>{@link Kind#SUBREAPER}: the helper asks for SIGTERM itself and kills everything it holds, as on
 *       a timeout — nothing is left.</li>
 *   <li>{@link Kind#SESSION} and {@link Kind#NONE}: {@code setpriv --pdeathsig KILL} kills the command
 *       itself; what it started keeps running until it exits on its own.</li>
 * </ul>
 * Without {@code setpriv} (or one too old for {@code --pdeathsig}) the namespace and session kinds
 * lose this, and a command running when the JVM is killed runs until it exits by itself (then its
 * namespace dies with it). The signal is sent when the <em>thread</em> that started the command ends:
 * {@link ProcessRunner#run} returns only after the command's tree is gone, so its thread always
 * outlives the command, whichever thread it is.
 *
 * @param diesWithJvm whether the kernel stops the command (see above for how much of its tree) when
 *                    this JVM dies without running any handler
 */
public record Containment(Kind kind, List<String> prefix, boolean diesWithJvm) {
    /** From strongest to weakest. */
    public enum Kind {
        PID_NAMESPACE("pid-namespace"), SUBREAPER("subreaper"), SESSION("session"), NONE("none");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** How the README and the run output name it. */
        public String word() {
            return word;
        }
    }

    /** What kills a command's first process when this JVM dies: {@code setpriv --pdeathsig KILL}, then the command line. */
    private static final List<String> PDEATHSIG_ARGS = List.of("--pdeathsig", "KILL");

    /**
     * The helper for {@link Kind#SUBREAPER}: python3 -I -S -c HELPER PARENT-PID command args… (exit 70 when prctl
     * fails). It gets SIGTERM when its parent dies (PR_SET_PDEATHSIG), and if the parent is already gone when it
     * asks (its parent is no longer PARENT-PID), it stops at once the same way.
     */
    static final String SUBREAPER_HELPER = String.join("\n",
            "import ctypes, os, signal, sys",
            "libc = ctypes.CDLL(None, use_errno=True)",
            "if libc.prctl(36, 1, 0, 0, 0) != 0:",
            "    sys.stderr.write('authbisect: prctl(PR_SET_CHILD_SUBREAPER) failed\\n'); os._exit(70)",
            "libc.prctl(1, signal.SIGTERM, 0, 0, 0)",
            "if os.getppid() != int(sys.argv[1]): os._exit(128 + signal.SIGTERM)",
            "me = os.getpid()",
            "def children():",
            "    out = []",
            "    for d in os.listdir('/proc'):",
            "        if d.isdigit():",
            "            try:",
            "                with open('/proc/' + d + '/stat', 'rb') as f: s = f.read()",
            "                if int(s[s.rindex(b')') + 2:].split()[1]) == me: out.append(int(d))",
            "            except (OSError, ValueError, IndexError): pass",
            "    return out",
            "def kill_all():",
            "    while True:",
            "        for p in children():",
            "            try: os.kill(p, signal.SIGKILL)",
            "            except OSError: pass",
            "        try: os.waitpid(-1, 0)",
            "        except ChildProcessError: return",
            "def stop(sig, frame):",
            "    kill_all(); os._exit(128 + sig)",
            "for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP): signal.signal(s, stop)",
            "pid = os.fork()",
            "if pid == 0:",
            "    for s in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGPIPE, signal.SIGXFSZ):",
            "        signal.signal(s, signal.SIG_DFL)",
            "    os.setsid()",
            "    try: os.execv(sys.argv[2], sys.argv[2:])",
            "    except OSError as e: sys.stderr.write('authbisect: cannot run ' + sys.argv[2] + ': ' + e.strerror + '\\n'); os._exit(127)",
            "_, status = os.waitpid(pid, 0)",
            "code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)",
            "kill_all()",
            "sys.stdout.flush()",
            "os._exit(code)");

    public Containment {
        Objects.requireNonNull(kind, "kind");
        prefix = List.copyOf(prefix);
    }

    /** A containment that does nothing when this JVM is killed. */
    public Containment(Kind kind, List<String> prefix) {
        this(kind, prefix, false);
    }

    /** No containment beyond killing the descendants seen. */
    public static Containment none() {
        return new Containment(Kind.NONE, List.of());
    }

    /** What this machine offers, detected once per JVM on first use (each candidate is run once to prove it works). */
    public static Containment detected() {
        return Detected.VALUE;
    }

    /** The command line that runs {@code command} (its first element an absolute path) under this containment. */
    List<String> wrap(List<String> command) {
        if (prefix.isEmpty()) {
            return command;
        }
        List<String> out = new ArrayList<>(prefix);
        out.addAll(command);
        return out;
    }

    /** One line for the run output: which containment, and what it means for the probe. */
    public String describe() {
        return describeKind() + "; " + describeJvmDeath();
    }

    private String describeJvmDeath() {
        if (!diesWithJvm) {
            return "if authbisect is killed (kill -9), a running command runs on until it exits by itself"
                    + (kind == Kind.SUBREAPER ? "" : " (no setpriv --pdeathsig here)");
        }
        return switch (kind) {
            case PID_NAMESPACE -> "if authbisect is killed (kill -9), the kernel kills them with it (setpriv --pdeathsig)";
            case SUBREAPER -> "if authbisect is killed (kill -9), the kernel tells the helper, which kills them all";
            case SESSION, NONE -> "if authbisect is killed (kill -9), the kernel kills the command itself, "
                    + "but what it started runs on until it exits by itself";
        };
    }

    private String describeKind() {
        return switch (kind) {
            case PID_NAMESPACE -> "probes and builds run in their own PID namespace (" + String.join(" ", shortPrefix())
                    + "): no process they start outlives the trial, and they cannot see authbisect's process or its environment";
            case SUBREAPER -> "probes and builds run under a child subreaper (python3, prctl PR_SET_CHILD_SUBREAPER) in their own "
                    + "session: no process they start outlives the trial; they can read this process's /proc/<pid>/environ, "
                    + "so keep credentials in ${file:} or dotenv files rather than ${env:} (PID namespaces are not available here)";
            case SESSION -> "probes and builds run in their own session (setsid): their session and every descendant seen are "
                    + "killed after the trial, but a daemon that leaves the session at once can survive, and they can read this "
                    + "process's /proc/<pid>/environ (neither PID namespaces nor a subreaper are available here)";
            case NONE -> "probes and builds are not contained beyond killing the descendants seen while they run "
                    + "(no unshare, python3 or setsid here)";
        };
    }

    /** The prefix with its commands' bare names, without the parent-death guard (described on its own). */
    private List<String> shortPrefix() {
        List<String> out = new ArrayList<>(prefix);
        if (kind == Kind.PID_NAMESPACE && diesWithJvm && out.size() > 1 + PDEATHSIG_ARGS.size()) {
            out = new ArrayList<>(out.subList(1 + PDEATHSIG_ARGS.size(), out.size()));
        }
        if (!out.isEmpty()) {
            out.set(0, Path.of(out.get(0)).getFileName().toString());
        }
        return out;
    }

    /** Every containment this machine offers, strongest first, each proven by running a command under it. */
    public static List<Containment> available(String searchPath) {
        List<Containment> out = new ArrayList<>();
        Path cwd = Path.of(System.getProperty("java.io.tmpdir"));
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            out.add(none());
            return out;
        }
        Optional<Path> sh = Optional.of(Path.of("/bin/sh")).filter(Files::isExecutable);
        if (sh.isEmpty()) {
            out.add(none());
            return out;
        }
        // setpriv --pdeathsig (util-linux >= 2.33): the kernel kills the command's first process when this JVM dies
        List<String> guard = ExecutableLookup.resolve("setpriv", searchPath, cwd)
                .map(p -> concat(List.of(p.toString()), PDEATHSIG_ARGS))
                .filter(g -> proves(g, sh.get(), "echo ok", "ok\n"))
                .orElse(List.of());
        Optional<Path> unshare = ExecutableLookup.resolve("unshare", searchPath, cwd);
        if (unshare.isPresent()) {
            String u = unshare.get().toString();
            List<List<String>> candidates = List.of(
                    List.of(u, "--user", "--map-current-user", "--pid", "--fork", "--kill-child", "--mount-proc"),
                    List.of(u, "--user", "--map-root-user", "--pid", "--fork", "--kill-child", "--mount-proc"),
                    List.of(u, "--pid", "--fork", "--kill-child", "--mount-proc"));
            String script = "echo $$; ls /proc | grep -c '^[0-9]'";
            for (List<String> prefix : candidates) {
                Optional<Containment> c = guarded(Kind.PID_NAMESPACE, guard, prefix, sh.get(), script, "1\n");
                if (c.isPresent()) {
                    out.add(c.get());
                    break;
                }
            }
        }
        Optional<Path> python = ExecutableLookup.resolve("python3", searchPath, cwd);
        if (python.isPresent()) {
            List<String> prefix = List.of(python.get().toString(), "-I", "-S", "-c", SUBREAPER_HELPER,
                    Long.toString(ProcessHandle.current().pid()));
            if (proves(prefix, sh.get(), "echo ok", "ok\n")) {
                out.add(new Containment(Kind.SUBREAPER, prefix, true));
            }
        }
        Optional<Path> setsid = ExecutableLookup.resolve("setsid", searchPath, cwd);
        if (setsid.isPresent()) {
            guarded(Kind.SESSION, guard, List.of(setsid.get().toString(), "--wait"), sh.get(), "echo ok", "ok\n")
                    .ifPresent(out::add);
        }
        out.add(guard.isEmpty() ? none() : new Containment(Kind.NONE, guard, true));
        return out;
    }

    /** {@code prefix} behind the parent-death guard when that proves itself, else {@code prefix} alone when it does. */
    private static Optional<Containment> guarded(Kind kind, List<String> guard, List<String> prefix, Path sh, String script,
                                                 String expectedStart) {
        if (!guard.isEmpty() && proves(concat(guard, prefix), sh, script, expectedStart)) {
            return Optional.of(new Containment(kind, concat(guard, prefix), true));
        }
        return proves(prefix, sh, script, expectedStart) ? Optional.of(new Containment(kind, prefix)) : Optional.empty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }

    /**
     * Runs {@code sh -c script; exit 7} under {@code prefix}: it proves itself when it exits 7 within 10 s and its
     * output starts with {@code expectedStart} (for the namespace: PID 1, and only a few processes in its /proc).
     */
    private static boolean proves(List<String> prefix, Path sh, String script, String expectedStart) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(sh.toString(), "-c", script + "; exit 7"));
        Process p = null;
        Path out = null;
        try {
            out = Files.createTempFile("authbisect-containment-", ".txt");
            ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            b.environment().clear();
            b.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
            b.environment().put("LANG", "C.UTF-8");
            p = b.start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 7) {
                return false;
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (!text.startsWith(expectedStart)) {
                return false;
            }
            if (expectedStart.equals("1\n")) {
                String[] lines = text.split("\n");
                return lines.length >= 2 && lines[1].strip().matches("\\d+") && Integer.parseInt(lines[1].strip()) < 10;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            if (p != null) {
                p.destroyForcibly();
            }
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // a temporary file of a few bytes
                }
            }
        }
    }

    /** Detected once: the first of {@link #available} on this JVM's PATH. */
    private static final class Detected {
        static final Containment VALUE = available(Optional.ofNullable(System.getenv("PATH"))
                .orElse("/usr/local/bin:/usr/bin:/bin")).get(0);
    }
}
