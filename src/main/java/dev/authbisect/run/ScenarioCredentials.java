package dev.authbisect.run;

import dev.authbisect.core.Credentials;
import dev.authbisect.core.Secret;
import dev.authbisect.simulator.Scenario;
import dev.authbisect.simulator.SimKey;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The keys of a simulator scenario as credentials, by label: what {@code scenario_key} credentials resolve to. */
public final class ScenarioCredentials {
    private ScenarioCredentials() {
    }

    /** label → credentials of every key of the scenario in {@code file} (first of a repeated label), in file order. */
    public static Map<String, Credentials> read(Path file, Map<String, String> env) {
        Map<String, Credentials> out = new LinkedHashMap<>();
        for (SimKey key : Scenario.load(file, env).keys()) {
            out.putIfAbsent(key.label(), new Credentials(Secret.of(key.apiKey()), key.secret()));
        }
        return out;
    }
}
