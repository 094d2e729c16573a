package dev.authbisect.run;

import dev.authbisect.config.EnvironmentSpec;
import dev.authbisect.config.Upstream;
import dev.authbisect.core.Credentials;
import dev.authbisect.relay.CapturePolicy;
import dev.authbisect.relay.TrialTarget;
import dev.authbisect.relay.UpstreamClock;
import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.ScenarioClock;
import dev.authbisect.simulator.SimulatorServer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The upstreams of a run's environments: live URLs as configured, and one embedded simulator
 * per scenario that a selected environment uses (started here, stopped on close).
 */
final class Upstreams implements AutoCloseable {
    private final Map<String, SimulatorServer> simulators;
    private final Map<String, Scenario> scenarios;
    private final Map<String, EnvironmentSpec> envs;
    private final Map<String, Credentials> credentials;
    private final java.util.Set<String> venueHosts;

    private Upstreams(Map<String, SimulatorServer> simulators, Map<String, Scenario> scenarios,
                      Map<String, EnvironmentSpec> envs, Map<String, Credentials> credentials, java.util.Set<String> venueHosts) {
        this.simulators = simulators;
        this.scenarios = scenarios;
        this.envs = envs;
        this.credentials = credentials;
        this.venueHosts = venueHosts;
    }

    /** Starts one simulator per scenario the selected environments use (scenarios already loaded and validated). */
    static Upstreams start(RunSetup setup) {
        Map<String, SimulatorServer> sims = new LinkedHashMap<>();
        Map<String, EnvironmentSpec> envs = new LinkedHashMap<>();
        try {
            for (EnvironmentSpec e : setup.envs()) {
                envs.put(e.name(), e);
                if (e.upstream() instanceof Upstream.Sim sim && !sims.containsKey(sim.scenario())) {
                    sims.put(sim.scenario(), SimulatorServer.start(setup.scenarios().get(sim.scenario()), 0).warmUp());
                }
            }
        } catch (RuntimeException ex) {
            sims.values().forEach(SimulatorServer::close);
            throw ex;
        }
        return new Upstreams(sims, setup.scenarios(), envs, setup.credentials(), setup.venue().apiHosts());
    }

    /** Where a trial of {@code env} forwards to, and how. */
    TrialTarget target(String env, String trialId) {
        EnvironmentSpec e = envs.get(env);
        URI upstream;
        Map<String, String> headers = new LinkedHashMap<>();
        boolean simulator = false;
        if (e.upstream() instanceof Upstream.Sim sim) {
            SimulatorServer server = simulators.get(sim.scenario());
            upstream = server.apiUrl();
            simulator = true;
            e.egressIp().ifPresent(ip -> {
                headers.put(SimulatorServer.EGRESS_IP_HEADER, ip);
                headers.put(SimulatorServer.RELAY_TOKEN_HEADER, server.trustToken());
            });
        } else {
            upstream = ((Upstream.Live) e.upstream()).url();
        }
        return new TrialTarget(trialId, env, credentials.get(env), upstream, headers, e.proxy(), e.connectTimeout(),
                e.readTimeout(), simulator, e.ratePerSecond(), capture(env), clock(env));
    }

    /** The hosts the relay captures for {@code env}: the venue's own and the env's {@code capture:} list, unless off. */
    CapturePolicy capture(String env) {
        EnvironmentSpec e = envs.get(env);
        java.util.Set<String> hosts = new java.util.TreeSet<>(venueHosts);
        hosts.addAll(e.capture().hosts());
        return new CapturePolicy(e.capture().enabled(), hosts);
    }

    /** The clock the relay compares {@code env}'s requests with: the simulator's, or the live upstream's Date header. */
    UpstreamClock clock(String env) {
        EnvironmentSpec e = envs.get(env);
        if (e.upstream() instanceof Upstream.Sim sim) {
            Scenario scenario = scenarios.get(sim.scenario());
            ScenarioClock c = scenario.clock();
            if (c instanceof ScenarioClock.Fixed f) {
                return new UpstreamClock.FixedSimulator(f.at().toEpochMilli(), scenario.nonceWindow());
            }
            return new UpstreamClock.Simulator(c instanceof ScenarioClock.Skewed s ? s.skew() : java.time.Duration.ZERO,
                    scenario.nonceWindow());
        }
        return new UpstreamClock.DateHeader();
    }

    /** The simulator's frozen clock for {@code env}, when its scenario has one (never for live upstreams). */
    OptionalLong fixedClock(String env) {
        EnvironmentSpec e = envs.get(env);
        if (e.upstream() instanceof Upstream.Sim sim) {
            return scenarios.get(sim.scenario()).fixedClockMillis();
        }
        return OptionalLong.empty();
    }

    /** "Now" for the reference signer in {@code env}: the simulator's clock, else this host's plus the env's skew. */
    long referenceNow(String env) {
        EnvironmentSpec e = envs.get(env);
        OptionalLong fixed = fixedClock(env);
        long base = fixed.isPresent() ? fixed.getAsLong() : System.currentTimeMillis();
        return base + e.clockSkew().toMillis();
    }

    @Override
    public void close() {
        simulators.values().forEach(SimulatorServer::close);
    }
}
