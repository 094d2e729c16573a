package dev.authbisect.scaffold;

/** The simulator scenario {@code init} writes: one generated test key, the real clock. */
final class ScenarioText {
    private ScenarioText() {
    }

    static String render(String venue, String label, String apiKey, String secret) {
        return """
                # Simulated exchange for the `sim` environment of authbisect.yaml, written by
                # `authbisect init`. The key below is generated test data that only this simulator
                # knows: it is not a credential for any real exchange, so it may be literal here
                # (scenarios are the one place where it may). README "The exchange simulator" lists
                # what else a scenario can hold: IP allowlists, a fixed clock, key rotation, faults.
                venue: %s
                nonce_window: 60s          # the real clock: the code's own timestamps fall inside the window
                keys:
                  - label: %s
                    api_key: %s
                    secret: %s
                    permissions: [read, trade]
                """.formatted(venue, ConfigText.q(label), ConfigText.q(apiKey), ConfigText.q(secret));
    }
}
