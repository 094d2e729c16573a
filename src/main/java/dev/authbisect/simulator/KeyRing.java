package dev.authbisect.simulator;

import dev.authbisect.core.KeyedMac;
import dev.authbisect.core.Secret;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The keys as they stand at a point of the scenario clock: declared keys with the timed events
 * up to that point applied (revocations, rotations of secret and id). Immutable and
 * thread-safe. The state after the first {@code k} events is worked out once per {@code k} (a
 * scenario has a handful of events) together with each key's {@link KeyedMac}, so a lookup is a
 * binary search on the event times and a map read.
 */
final class KeyRing {
    /** The outcome of looking a presented api_key up. */
    sealed interface Lookup {
    }

    /**
     * An active key; {@code previousSecret} is its secret before the last rotation, for diagnostics only;
     * {@code mac} and {@code previousMac} are keyed with the secret and the previous one.
     */
    record Active(SimKey key, Optional<Secret> previousSecret, Optional<Instant> rotatedAt, KeyedMac mac,
                  Optional<KeyedMac> previousMac) implements Lookup {
    }

    /** No usable key: {@code reason} says why, naming the key by label and never by secret. */
    record Refused(String reason) implements Lookup {
    }

    private record State(SimKey key, Optional<Secret> previousSecret, Optional<Instant> rotatedAt) {
    }

    /** The keys after some prefix of the events: states in declaration order, replaced ids with the reason. */
    private record Snapshot(Map<String, State> byDeclaredId, Map<String, String> replaced, Map<State, Active> active) {
    }

    private final List<SimKey> declared;
    private final List<TimedEvent> events;
    private final long[] eventMillis;
    private final AtomicReferenceArray<Snapshot> snapshots;

    KeyRing(List<SimKey> declared, List<TimedEvent> events) {
        this.declared = List.copyOf(declared);
        List<TimedEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(TimedEvent::at));
        this.events = List.copyOf(sorted);
        this.eventMillis = this.events.stream().mapToLong(e -> e.at().toEpochMilli()).toArray();
        this.snapshots = new AtomicReferenceArray<>(this.events.size() + 1);
    }

    Lookup find(String apiKey, long nowMillis) {
        Snapshot snapshot = snapshot(applied(nowMillis));
        for (State s : snapshot.byDeclaredId().values()) {
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
            return snapshot.active().get(s);
        }
        String why = snapshot.replaced().get(apiKey);
        if (why != null) {
            return new Refused(why);
        }
        return new Refused("api_key " + shortId(apiKey) + " is not registered");
    }

    /** How many events are in effect at {@code nowMillis} (those at or before it; they are sorted). */
    private int applied(long nowMillis) {
        int lo = 0;
        int hi = eventMillis.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (eventMillis[mid] > nowMillis) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private Snapshot snapshot(int applied) {
        Snapshot s = snapshots.get(applied);
        if (s == null) {
            s = replay(applied);
            snapshots.compareAndSet(applied, null, s);
        }
        return s;
    }

    /** The declared keys with the first {@code applied} events applied. */
    private Snapshot replay(int applied) {
        Map<String, State> byDeclaredId = new LinkedHashMap<>();
        for (SimKey k : declared) {
            byDeclaredId.put(k.apiKey(), new State(k, Optional.empty(), Optional.empty()));
        }
        Map<String, String> replaced = new LinkedHashMap<>(); // old id -> reason
        for (TimedEvent e : events.subList(0, applied)) {
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
        Map<State, Active> active = new IdentityHashMap<>();
        for (State s : byDeclaredId.values()) {
            active.put(s, new Active(s.key(), s.previousSecret(), s.rotatedAt(), KeyedMac.of(s.key().secret()),
                    s.previousSecret().map(KeyedMac::of)));
        }
        return new Snapshot(byDeclaredId, replaced, active);
    }

    /** A key id as the diagnostic header shows it: the first 6 characters. */
    static String shortId(String apiKey) {
        String clean = apiKey.replaceAll("[^A-Za-z0-9_-]", "?");
        return "'" + (clean.length() > 6 ? clean.substring(0, 6) + "..." : clean) + "'";
    }
}
