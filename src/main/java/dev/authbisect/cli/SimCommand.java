package dev.authbisect.cli;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.SimulatorServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code authbisect sim}: runs the exchange simulator for a scenario until Ctrl-C. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run the Crypto.com Exchange simulator for a scenario on 127.0.0.1 until Ctrl-C.")
public final class SimCommand implements Callable<Integer> {

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "The scenario YAML file.")
    Path scenario;

    @Option(names = "--port", defaultValue = "0", paramLabel = "N", description = "Port on 127.0.0.1 (default: 0, a free port).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw ExitException.usage("--port " + port + ": expected a port between 0 and 65535 (0 picks a free one)");
        }
        Scenario loaded = Scenario.load(scenario);
        SimulatorServer server;
        try {
            server = SimulatorServer.start(loaded, port).warmUpAndWait(java.time.Duration.ofSeconds(5)); // ready at full speed
        } catch (UncheckedIOException e) {
            throw new ExitException(ExitCodes.USAGE, e.getMessage() + "; choose another --port, or 0 for a free one");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "authbisect-sim-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("simulator for scenario " + scenario + " (" + loaded.keys().size() + " keys, clock "
                + loaded.fixedClockMillis().stream().mapToObj(ms -> "fixed at " + Instant.ofEpochMilli(ms)).findFirst()
                .orElse(loaded.clock() instanceof dev.authbisect.simulator.ScenarioClock.Skewed s ? "real " + fmt(s) : "real") + ")");
        for (java.net.URI api : server.apiUrls()) { // "v1  http://127.0.0.1:PORT/exchange/v1"
            out.println(api.getPath().substring(api.getPath().lastIndexOf('/') + 1) + "  " + api);
        }
        out.println("trusted egress IP: send " + SimulatorServer.RELAY_TOKEN_HEADER + ": " + server.trustToken()
                + " with " + SimulatorServer.EGRESS_IP_HEADER + ": <ip>");
        out.println("press Ctrl-C to stop");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private static String fmt(dev.authbisect.simulator.ScenarioClock.Skewed s) {
        long seconds = s.skew().toSeconds();
        return (seconds >= 0 ? "+" : "") + seconds + "s";
    }
}
