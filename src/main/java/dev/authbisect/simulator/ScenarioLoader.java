package dev.authbisect.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.authbisect.config.FileLimits;
import dev.authbisect.config.YamlCursor;
import dev.authbisect.config.YamlLocations;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario file into a {@link Scenario}, through the same YAML layer as the config
 * ({@link YamlLocations}, {@link YamlCursor}, {@code config.Durations}): the same duration
 * syntax and one error form, an {@link ExitException} with code 2 whose one line reads
 * {@code scenario FILE:LINE:COLUMN: FIELD: expected FORM, got VALUE}. Credentials are described
 * by their type, never quoted.
 */
final class ScenarioLoader {
    private static final List<String> TOP = List.of("venue", "description", "clock", "nonce_window", "ip_violation_code",
            "keys", "policies", "rate_limit", "faults", "events");
    private static final String[] KEY_FIELDS = {"label", "api_key", "secret", "permissions", "ip_allowlist", "created", "revoked"};
    private static final String[] FAULT_FIELDS = {"method", "kind", "rate", "seed", "delay", "hold"};
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern HTTP_KIND = Pattern.compile("http_(5\\d\\d|5xx)");
    private static final String TIME = "an ISO-8601 time like \"2025-12-19T08:00:00Z\"";
    private static final String SECRET = "the key's secret, a literal or \"${env:NAME}\"";
    static final Duration DEFAULT_HOLD = Duration.ofSeconds(120);

    private final Function<String, String> env;

    private ScenarioLoader(Function<String, String> env) {
        this.env = env;
    }

    static Scenario load(Path path, Function<String, String> env) {
        String text;
        try {
            text = new String(FileLimits.read(path, FileLimits.YAML_FILE), StandardCharsets.UTF_8);
        } catch (FileLimits.Refused e) {
            String why = e.getMessage().equals("not found") ? "file not found (expected a scenario YAML file)"
                    : e.getMessage().startsWith("is over") ? "the file " + e.getMessage() + " (expected a scenario, a few KiB of YAML)"
                    : "the file " + e.getMessage() + " (expected a scenario YAML file)";
            throw ExitException.usage("scenario " + path + ": " + why);
        }
        return parse(text, path.toString(), env);
    }

    static Scenario parse(String text, String file, Function<String, String> env) {
        YamlLocations doc = YamlLocations.parse(file, text, "scenario");
        return new ScenarioLoader(env).scenario(YamlCursor.root(doc), text, file);
    }

    private Scenario scenario(YamlCursor root, String text, String file) {
        String expected = "a scenario, a mapping with keys " + String.join(", ", TOP);
        JsonNode node = root.node();
        if (node.isObject() && node.isEmpty() && text.lines().map(String::strip)
                .allMatch(l -> l.isEmpty() || l.startsWith("#") || l.equals("---") || l.equals("{}"))) {
            throw root.expected("a scenario, a mapping with at least 'keys'", "an empty file");
        }
        // another kind of file (a dotenv, a system file) is described by what it holds, never quoted
        if (!node.isObject()) {
            throw root.expected(expected, kind(node) + " (is this a scenario file?)");
        }
        if (TOP.stream().noneMatch(node::has)) {
            throw root.expected(expected, "a mapping with none of them (is this a scenario file?)");
        }
        root.object(TOP.toArray(String[]::new));
        String venue = optionalString(root.get("venue"), "a venue id such as " + Scenario.VENUE, false).orElse(Scenario.VENUE);
        Dialect<?> dialect = Dialects.create(venue).orElseThrow(() -> root.get("venue").expected(
                "one of " + String.join(", ", Dialects.venues()), YamlCursor.describe(root.get("venue").node())));
        optionalString(root.get("description"), "a line of text", false);
        ScenarioClock clock = clock(root.get("clock"));
        Duration nonceWindow = root.get("nonce_window").isMissing() ? dialect.defaultWindow() : root.get("nonce_window").duration();
        int ipCode = ipViolationCode(root.get("ip_violation_code"), dialect.ipViolationCodes());
        List<SimKey> keys = keys(root.get("keys"));
        Map<String, MethodPolicy> policies = policies(root.get("policies"), dialect.methods());
        Optional<RateLimit> rateLimit = rateLimit(root.get("rate_limit"));
        List<Fault> faults = faults(root.get("faults"), dialect.methods());
        List<TimedEvent> events = events(root.get("events"), keys);
        return new Scenario(file, venue, clock, nonceWindow, ipCode, keys, policies, rateLimit, faults, events);
    }

    private ScenarioClock clock(YamlCursor c) {
        if (c.isMissing()) {
            return new ScenarioClock.Real();
        }
        String expected = "{fixed: \"2025-12-19T08:00:00Z\"} or {skew: 30s}";
        if (!c.node().isObject()) {
            throw c.expected(expected, YamlCursor.describe(c.node()));
        }
        c.object("fixed", "skew");
        if (c.node().size() != 1) {
            throw c.expected(expected + ", exactly one of fixed or skew", "both");
        }
        if (c.node().has("fixed")) {
            return new ScenarioClock.Fixed(time(c.get("fixed")));
        }
        return new ScenarioClock.Skewed(c.get("skew").signedDuration());
    }

    /** One of the dialect's codes, its first by default (0 when it offers none to choose). */
    private int ipViolationCode(YamlCursor c, Map<Integer, String> codes) {
        if (c.isMissing()) {
            return codes.isEmpty() ? 0 : codes.keySet().iterator().next();
        }
        if (!c.node().isInt() || !codes.containsKey(c.node().intValue())) {
            List<String> expected = new ArrayList<>();
            codes.forEach((code, name) -> expected.add(code + " (" + name + ")"));
            throw c.expected(expected.isEmpty() ? "no value: this venue answers allowlist violations one way"
                    : String.join(" or ", expected), YamlCursor.describe(c.node()));
        }
        return c.node().intValue();
    }

    private List<SimKey> keys(YamlCursor c) {
        if (c.isMissing()) {
            return List.of();
        }
        List<SimKey> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String form = "{label, api_key, secret, permissions, ip_allowlist, created, revoked}";
        List<YamlCursor> list = c.list("a list of keys (" + form + ")");
        for (int i = 0; i < list.size(); i++) {
            YamlCursor k = list.get(i);
            if (!k.node().isObject()) {
                throw k.expected("a mapping " + form, YamlCursor.describe(k.node()));
            }
            k.object(KEY_FIELDS);
            String apiKey = requiredString(k, "api_key", "the key's id", true);
            if (apiKey.isBlank()) {
                throw k.get("api_key").expected("the key's id", "an empty string");
            }
            if (!seen.add(apiKey)) {
                throw k.get("api_key").expected("each api_key declared once", "the same api_key as an earlier key");
            }
            String label = optionalString(k.get("label"), "a label such as \"AWS KEY 3.1\"", false)
                    .orElse(apiKey.length() > 6 ? apiKey.substring(0, 6) + "…" : "key " + i);
            Secret secret = secret(k, k.get("secret"));
            Set<Permission> permissions = permissions(k.get("permissions"));
            List<String> allowlist = allowlist(k.get("ip_allowlist"));
            Optional<Instant> created = k.get("created").isMissing() ? Optional.empty() : Optional.of(time(k.get("created")));
            Optional<Instant> revoked = k.get("revoked").isMissing() ? Optional.empty() : Optional.of(time(k.get("revoked")));
            keys.add(new SimKey(label, apiKey, secret, permissions, allowlist, created, revoked));
        }
        return keys;
    }

    private Secret secret(YamlCursor parent, YamlCursor c) {
        if (c.isMissing()) {
            throw parent.doc().missing(parent.pointer(), c.pointer(), SECRET);
        }
        if (!c.node().isTextual()) {
            throw c.expected("a string (" + SECRET + ")", kind(c.node()));
        }
        String text = c.node().textValue();
        Matcher m = ENV.matcher(text.trim());
        if (m.matches()) {
            String value = env.apply(m.group(1));
            if (value == null || value.isEmpty()) {
                throw c.expected("the key's secret in environment variable " + m.group(1), "it unset");
            }
            return Secret.of(value);
        }
        if (text.contains("${")) {
            throw c.expected("a literal or \"${env:NAME}\"", "another reference");
        }
        if (text.isEmpty()) {
            throw c.expected(SECRET, "an empty string");
        }
        return Secret.of(text);
    }

    private static Set<Permission> permissions(YamlCursor c) {
        if (c.isMissing()) {
            return EnumSet.of(Permission.READ);
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (YamlCursor p : c.list("a list of read, trade")) {
            Optional<Permission> parsed = p.node().isTextual() ? Permission.parse(p.node().textValue()) : Optional.empty();
            permissions.add(parsed.orElseThrow(() -> p.expected("read or trade", YamlCursor.describe(p.node()))));
        }
        return permissions;
    }

    private static List<String> allowlist(YamlCursor c) {
        if (c.isMissing()) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        for (YamlCursor e : c.list("a list of IP addresses or CIDR blocks")) {
            if (!e.node().isTextual() || IpRange.parse(e.node().textValue()).isEmpty()) {
                throw e.expected(IpRange.EXPECTED, YamlCursor.describe(e.node()));
            }
            entries.add(e.node().textValue().trim());
        }
        return entries;
    }

    private static Map<String, MethodPolicy> policies(YamlCursor c, Set<String> methods) {
        if (c.isMissing()) {
            return Map.of();
        }
        Map<String, MethodPolicy> policies = new LinkedHashMap<>();
        for (Map.Entry<String, YamlCursor> e : c.entries("a mapping from method to {enforce_ip_allowlist: true|false}").entrySet()) {
            YamlCursor p = e.getValue();
            if (!methods.contains(e.getKey())) {
                throw c.doc().unknownKey(p.pointer(), e.getKey(), new TreeSet<>(methods));
            }
            if (!p.node().isObject()) {
                throw p.expected("{enforce_ip_allowlist: true|false}", YamlCursor.describe(p.node()));
            }
            p.object("enforce_ip_allowlist");
            YamlCursor enforce = p.get("enforce_ip_allowlist");
            policies.put(e.getKey(), new MethodPolicy(enforce.isMissing() || enforce.bool()));
        }
        return policies;
    }

    private static Optional<RateLimit> rateLimit(YamlCursor c) {
        if (c.isMissing()) {
            return Optional.empty();
        }
        if (!c.node().isObject()) {
            throw c.expected("{per_second: N}", YamlCursor.describe(c.node()));
        }
        c.object("per_second");
        return Optional.of(new RateLimit(c.required("per_second", "a positive whole number").integer(1, "a positive whole number")));
    }

    private static List<Fault> faults(YamlCursor c, Set<String> methods) {
        if (c.isMissing()) {
            return List.of();
        }
        String form = "{method, kind: latency|http_5xx|http_503|reset|timeout, rate, seed, delay, hold}";
        List<Fault> faults = new ArrayList<>();
        for (YamlCursor f : c.list("a list of " + form)) {
            if (!f.node().isObject()) {
                throw f.expected(form, YamlCursor.describe(f.node()));
            }
            f.object(FAULT_FIELDS);
            Optional<String> method = optionalString(f.get("method"), "a method name", false);
            if (method.isPresent() && !methods.contains(method.get())) {
                throw f.get("method").expected("one of " + String.join(", ", new TreeSet<>(methods)),
                        YamlCursor.describe(f.get("method").node()));
            }
            String kindText = requiredString(f, "kind", "latency, http_5xx (or http_500…http_599), reset or timeout", false);
            Fault.Kind kind;
            int status = 0;
            Matcher http = HTTP_KIND.matcher(kindText);
            if (http.matches()) {
                kind = Fault.Kind.HTTP_ERROR;
                status = "5xx".equals(http.group(1)) ? 500 : Integer.parseInt(http.group(1));
            } else {
                kind = switch (kindText) {
                    case "latency" -> Fault.Kind.LATENCY;
                    case "reset" -> Fault.Kind.RESET;
                    case "timeout" -> Fault.Kind.TIMEOUT;
                    default -> throw f.get("kind").expected("latency, http_5xx (or http_500…http_599), reset or timeout",
                            YamlCursor.describe(f.get("kind").node()));
                };
            }
            double rate = 1.0;
            YamlCursor r = f.get("rate");
            if (!r.isMissing()) {
                if (!r.node().isNumber() || r.node().doubleValue() < 0 || r.node().doubleValue() > 1) {
                    throw r.expected("a probability between 0 and 1", YamlCursor.describe(r.node()));
                }
                rate = r.node().doubleValue();
            }
            long seed = 0;
            YamlCursor s = f.get("seed");
            if (!s.isMissing()) {
                if (!s.node().isIntegralNumber() || !s.node().canConvertToLong()) {
                    throw s.expected("a whole number", YamlCursor.describe(s.node()));
                }
                seed = s.node().longValue();
            }
            boolean hasDelay = !f.get("delay").isMissing();
            boolean hasHold = !f.get("hold").isMissing();
            if (kind == Fault.Kind.LATENCY && !hasDelay) {
                throw f.doc().missing(f.pointer(), f.pointer() + "/delay", "the added delay of a latency fault, e.g. 250ms");
            }
            if (hasDelay && kind != Fault.Kind.LATENCY) {
                throw f.doc().unknownKey(f.get("delay").pointer(), "delay", List.of("hold (for timeout; delay is for latency)"));
            }
            if (hasHold && kind != Fault.Kind.TIMEOUT) {
                throw f.doc().unknownKey(f.get("hold").pointer(), "hold", List.of("delay (for latency; hold is for timeout)"));
            }
            Duration d = kind == Fault.Kind.LATENCY ? f.get("delay").nonNegativeDuration()
                    : hasHold ? f.get("hold").nonNegativeDuration() : DEFAULT_HOLD;
            faults.add(new Fault(method, kind, status, d, rate, seed));
        }
        return faults;
    }

    private List<TimedEvent> events(YamlCursor c, List<SimKey> keys) {
        if (c.isMissing()) {
            return List.of();
        }
        String form = "{at: TIME, revoke: API_KEY} or {at: TIME, rotate: API_KEY, new_secret: S, new_api_key: K}";
        Set<String> declared = new HashSet<>();
        keys.forEach(k -> declared.add(k.apiKey()));
        Map<String, String> renamed = new HashMap<>();
        List<TimedEvent> events = new ArrayList<>();
        for (YamlCursor e : c.list("a list of " + form)) {
            if (!e.node().isObject()) {
                throw e.expected(form, YamlCursor.describe(e.node()));
            }
            if (e.node().has("revoke") == e.node().has("rotate")) {
                throw e.expected(form + ", exactly one of revoke or rotate", e.node().has("revoke") ? "both" : "neither");
            }
            Instant at = time(e.required("at", TIME));
            if (e.node().has("revoke")) {
                e.object("at", "revoke");
                events.add(new TimedEvent.Revoke(at, knownKey(e, "revoke", declared)));
            } else {
                e.object("at", "rotate", "new_secret", "new_api_key");
                String key = knownKey(e, "rotate", declared);
                Secret newSecret = secret(e, e.get("new_secret"));
                Optional<String> newKey = optionalString(e.get("new_api_key"), "a new key id", true);
                if (newKey.isPresent() && (declared.contains(newKey.get()) || renamed.containsValue(newKey.get()))) {
                    throw e.get("new_api_key").expected("a new key id", "one already in use");
                }
                newKey.ifPresent(k -> renamed.put(key, k));
                events.add(new TimedEvent.Rotate(at, key, newSecret, newKey));
            }
        }
        return events;
    }

    private static String knownKey(YamlCursor e, String field, Set<String> declared) {
        String key = requiredString(e, field, "the api_key of a key declared under keys", true);
        if (!declared.contains(key)) {
            throw e.get(field).expected("the api_key of a key declared under keys", "'" + key + "', which is not one");
        }
        return key;
    }

    // --- small typed readers -------------------------------------------------------------

    private static String requiredString(YamlCursor parent, String name, String expected, boolean credential) {
        YamlCursor c = parent.required(name, expected);
        return optionalString(c, expected, credential).orElseThrow();
    }

    /** A string value; {@code credential}: a wrong type is described by its kind, never quoted. */
    private static Optional<String> optionalString(YamlCursor c, String expected, boolean credential) {
        if (c.isMissing()) {
            return Optional.empty();
        }
        if (!c.node().isTextual()) {
            throw c.expected("a string (" + expected + ")", credential ? kind(c.node()) : YamlCursor.describe(c.node()));
        }
        return Optional.of(c.node().textValue());
    }

    private static Instant time(YamlCursor c) {
        if (c.node().isTextual()) {
            String t = c.node().textValue().trim();
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(t).toInstant();
                } catch (DateTimeParseException ignored) {
                    // fall through to the error below
                }
            }
        }
        throw c.expected(TIME, YamlCursor.describe(c.node()));
    }

    /** What a node is, never what it says (for whole files that are not scenarios, and for credentials). */
    private static String kind(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "true or false";
        }
        long lines = node.asText().lines().count();
        return "plain text" + (lines > 1 ? " (" + lines + " lines)" : "");
    }
}
