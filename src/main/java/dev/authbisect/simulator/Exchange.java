package dev.authbisect.simulator;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The venue-neutral exchange: answers one routed request for one {@link Scenario} through its
 * {@link Dialect}, with the checks in the exchange's order — parse (the dialect), rate limit,
 * api key known and active, signature, time window, IP allowlist, permission — and finally the
 * endpoint. Faults and HTTP are {@link ExchangeHandler}'s. Thread-safe.
 *
 * @param <R> the dialect's parsed request
 */
final class Exchange<R extends DialectRequest> {
    static final int MAX_BODY_BYTES = 64 * 1024;

    /** A reply with the reason for the diagnostic header. */
    record Answer(Reply reply, String reason) {
    }

    private final Scenario scenario;
    private final Dialect<R> dialect;
    private final KeyRing keyRing;
    private final RateLimiter rateLimiter;
    /** Allowlist entries as parsed, by their text (parsed once, not per request). */
    private final ConcurrentHashMap<String, Optional<IpRange>> ranges = new ConcurrentHashMap<>();

    Exchange(Scenario scenario, Dialect<R> dialect) {
        this.scenario = scenario;
        this.dialect = dialect;
        this.keyRing = new KeyRing(scenario.keys(), scenario.events());
        this.rateLimiter = new RateLimiter(scenario.rateLimit(), System::nanoTime);
    }

    /** A new exchange for {@code scenario} with a new instance of its venue's dialect. */
    static Exchange<?> of(Scenario scenario) {
        return new Exchange<>(scenario, Dialects.create(scenario.venue()).orElseThrow(() -> new IllegalStateException(
                "no simulator dialect for venue " + scenario.venue())));
    }

    Dialect<R> dialect() {
        return dialect;
    }

    Optional<Route> route(String httpMethod, String rawPath) {
        return dialect.route(httpMethod, rawPath);
    }

    /** Answers {@code call} ({@code tooLarge}: its body was over {@link #MAX_BODY_BYTES} and is not in it). */
    Answer answer(Route route, HttpCall call, boolean tooLarge, String egressIp) {
        try {
            if (tooLarge) {
                throw new Rejection(Rejection.Kind.BAD_REQUEST, "request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            R request = dialect.parse(route, call);
            long now = scenario.nowMillis();
            Optional<SignedClaim> claim = request.signed();
            if (claim.isEmpty()) {
                limit(egressIp, "ip " + egressIp);
                return new Answer(dialect.answer(request, now), "ok: public " + request.method() + " from " + egressIp);
            }
            String note = checked(request, claim.get(), egressIp, now);
            return new Answer(dialect.answer(request, now), note);
        } catch (Rejection r) {
            Reply reply = dialect.reject(route, call, r, scenario.ipViolationCode());
            return new Answer(reply, (reply.name().isEmpty() ? r.kind().name() : reply.name()) + ": " + r.reason());
        }
    }

    /** The core's checks of a signed request; the reason of the answer when all pass. */
    private String checked(R request, SignedClaim claim, String egressIp, long now) throws Rejection {
        limit("key " + claim.apiKey(), "this api key");
        KeyRing.Lookup lookup = keyRing.find(claim.apiKey(), now);
        if (lookup instanceof KeyRing.Refused refused) {
            throw new Rejection(Rejection.Kind.UNKNOWN_KEY, refused.reason());
        }
        KeyRing.Active active = (KeyRing.Active) lookup;
        SimKey key = active.key();
        Optional<String> mismatch = dialect.signatureMismatch(request, new SigningKey(key.apiKey(), key.secret(), active.mac()));
        if (mismatch.isPresent()) {
            if (active.previousSecret().isPresent() && dialect.signatureMismatch(request,
                    new SigningKey(key.apiKey(), active.previousSecret().get(), active.previousMac().orElseThrow())).isEmpty()) {
                throw new Rejection(Rejection.Kind.BAD_SIGNATURE, "signature mismatch: signed with the secret key '" + key.label()
                        + "' had before its rotation at " + active.rotatedAt().map(Instant::toString).orElse("?"));
            }
            throw new Rejection(Rejection.Kind.BAD_SIGNATURE, mismatch.get());
        }
        java.time.Duration window = claim.window().orElse(scenario.nonceWindow());
        long drift = claim.timeMillis() - now;
        long limit = drift < 0 ? window.toMillis() : dialect.aheadLimit(window).toMillis();
        if (Math.abs(drift) > limit) {
            throw new Rejection(Rejection.Kind.OUTSIDE_WINDOW, claim.timeName() + " " + claim.timeText() + " is "
                    + Math.abs(drift) / 1000 + "s " + (drift < 0 ? "behind" : "ahead of") + " the clock "
                    + Instant.ofEpochMilli(now) + " (window " + window.toSeconds() + "s"
                    + (drift < 0 || limit == window.toMillis() ? "" : ", " + limit + "ms ahead") + ")");
        }
        boolean outside = !key.ipAllowlist().isEmpty() && !allowed(key, egressIp);
        if (outside && scenario.policy(request.method()).enforceIpAllowlist()) {
            throw new Rejection(Rejection.Kind.IP_NOT_ALLOWED, "ip " + egressIp + " not in allowlist of key '" + key.label() + "'");
        }
        if (!key.permissions().contains(claim.permission())) {
            throw new Rejection(Rejection.Kind.NO_PERMISSION, "key '" + key.label() + "' lacks the "
                    + claim.permission().yamlName() + " permission " + request.method() + " needs");
        }
        String note = outside ? " (ip " + egressIp + " not in allowlist, but " + request.method() + " does not enforce it)" : "";
        return "ok: key '" + key.label() + "' from " + egressIp + note;
    }

    private boolean allowed(SimKey key, String ip) {
        for (String entry : key.ipAllowlist()) {
            Optional<IpRange> range = ranges.computeIfAbsent(entry, IpRange::parse);
            if (range.isPresent() && range.get().contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private void limit(String subject, String who) throws Rejection {
        if (!rateLimiter.tryAcquire(subject)) {
            throw new Rejection(Rejection.Kind.RATE_LIMITED, "rate limit of " + scenario.rateLimit().get().perSecond()
                    + " requests/s exceeded for " + who);
        }
    }
}
