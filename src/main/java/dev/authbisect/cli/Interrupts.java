package dev.authbisect.cli;

import dev.authbisect.run.RunStop;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * SIGINT and SIGTERM while a run is going: the first asks the run to stop ({@link RunStop}: no new
 * trial, running ones cancelled, a partial report, exit 130 / 143); the second stops at once: every
 * build and probe still running is stopped with its process tree ({@code ProcessRunner.stopAll}) and the
 * JVM halts with the same code, without a report (the journal still lets {@code --resume} finish the
 * run). The JVM's own handlers are back when the run is over.
 */
@SuppressWarnings("sunapi") // sun.misc.Signal (jdk.unsupported): the only way to handle a signal without exiting
final class Interrupts implements AutoCloseable {
    private final List<Runnable> restore = new ArrayList<>();

    private Interrupts() {
    }

    static Interrupts install(RunStop stop, PrintWriter err) {
        Interrupts i = new Interrupts();
        for (String name : List.of("INT", "TERM")) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                sun.misc.SignalHandler previous = sun.misc.Signal.handle(signal, s -> {
                    String which = "SIG" + s.getName();
                    if (stop.request(which)) {
                        err.println("authbisect: " + which + ": stopping (no new trials; the running ones are killed), writing a "
                                + "partial report; again to stop at once");
                        err.flush();
                    } else {
                        err.println("authbisect: " + which + " again: stopping now, without a report");
                        err.flush();
                        dev.authbisect.process.ProcessRunner.stopAll();
                        Runtime.getRuntime().halt(RunStop.exitCode(stop.requested().orElse(which)));
                    }
                });
                i.restore.add(() -> sun.misc.Signal.handle(signal, previous));
            } catch (IllegalArgumentException unsupported) {
                // a platform without this signal: the JVM's default applies
            }
        }
        return i;
    }

    @Override
    public void close() {
        restore.forEach(Runnable::run);
    }
}
