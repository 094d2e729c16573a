package dev.authbisect.simulator;

import dev.authbisect.core.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys as they stand at a point of the scenario clock: declared keys with the timed events
 * up to that point applied (revocations, rotations of secret and id). Immutable; every lookup
 * replays the events, which is cheap for the handful a scenario has.
 */
final class KeyRing {
    /** The outcome of looking a presented api_key up. */
    sealed interface Lookup {
    }

    /** An active key; {@code previousSecret} is its secret before the last rotation, for diagnostics only. */
    record Active(SimKey key, Optional<Secret> previousSecret, Optional<Instant> rotatedAt) implements Lookup {
    }

    /** No usable key: {@code reason} says why, naming the key by label and never by secret. */
    record Refused(String reason) implements Lookup {
    }

    private record State(SimKey key, Optional<Secret> previousSecret, Optional<Instant> rotatedAt) {
    }

    private final List<SimKey> declared;
    private final List<TimedEvent> events;

    KeyRing(List<SimKey> declared, List<TimedEvent> events) {
        this.declared = List.copyOf(declared);
        List<TimedEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(TimedEvent::at));
        this.events = List.copyOf(sorted);
    }

    Lookup find(String apiKey, long nowMillis) {
        Map<String, State> byDeclaredId = new LinkedHashMap<>();
        for (SimKey k : declared) {
            byDeclaredId.put(k.apiKey(), new State(k, Optional.empty(), Optional.empty()));
        }
        Map<String, String> replaced = new LinkedHashMap<>(); // old id -> reason
        for (TimedEvent e : events) {
            if (e.at().toEpochMilli() > nowMillis) {
                break;
            }
            State s = byDeclaredId.get(e.apiKey());
            if (e instanceof TimedEvent.Revoke) {
                if (s.key().revoked().map(r -> r.isAfter(e.at())).orElse(true)) {
                    byDeclaredId.put(e.apiKey(), new State(s.key().withRevoked(e.at()), s.previousSecret(), s.rotatedAt()));
                }
            } else if (e instanceof TimedEvent.Rotate r) {
                SimKey next = s.key().withSecret(r.newSecret());
                if (r.newApiKey().isPresent()) {
                    replaced.put(s.key().apiKey(), "api_key " + shortId(s.key().apiKey()) + " of key '" + s.key().label()
                            + "' was replaced by a new key id at " + r.at());
                    next = next.withApiKey(r.newApiKey().get()).withCreated(r.at());
                }
                byDeclaredId.put(e.apiKey(), new State(next, Optional.of(s.key().secret()), Optional.of(r.at())));
            }
        }
        for (State s : byDeclaredId.values()) {
            if (!s.key().apiKey().equals(apiKey)) {
                continue;
            }
            SimKey k = s.key();
            if (k.created().isPresent() && k.created().get().toEpochMilli() > nowMillis) {
                return new Refused("key '" + k.label() + "' does not exist yet (created " + k.created().get()
                        + ", clock " + Instant.ofEpochMilli(nowMillis) + ")");
            }
            if (k.revoked().isPresent() && k.revoked().get().toEpochMilli() <= nowMillis) {
                return new Refused("key '" + k.label() + "' was revoked at " + k.revoked().get());
            }
            return new Active(k, s.previousSecret(), s.rotatedAt());
        }
        String why = replaced.get(apiKey);
        if (why != null) {
            return new Refused(why);
        }
        return new Refused("api_key " + shortId(apiKey) + " is not registered");
    }

    /** A key id as the diagnostic header shows it: the first 6 characters. */
    static String shortId(String apiKey) {
        String clean = apiKey.replaceAll("[^A-Za-z0-9_-]", "?");
        return "'" + (clean.length() > 6 ? clean.substring(0, 6) + "..." : clean) + "'";
    }
}
