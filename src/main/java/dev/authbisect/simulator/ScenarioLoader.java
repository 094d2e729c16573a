package dev.authbisect.simulator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.authbisect.config.Durations;
import dev.authbisect.config.FileLimits;
import dev.authbisect.config.YamlLocations;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Secret;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
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
 * Reads a scenario file into a {@link Scenario}. Every problem ends in one line, as an
 * {@link ExitException} with code 2: {@code scenario FILE:LINE:COLUMN: FIELD: what was wrong; expected FORM}.
 */
final class ScenarioLoader {
    private static final List<String> TOP = List.of("venue", "description", "clock", "nonce_window", "ip_violation_code",
            "keys", "policies", "rate_limit", "faults", "events");
    private static final List<String> KEY_FIELDS = List.of("label", "api_key", "secret", "permissions", "ip_allowlist",
            "created", "revoked");
    private static final List<String> FAULT_FIELDS = List.of("method", "kind", "rate", "seed", "delay", "hold");
    /** Fields whose values are credentials: errors say what type they are, never what they hold. */
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("api_key", "secret", "new_api_key", "new_secret");
    private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern HTTP_KIND = Pattern.compile("http_(5\\d\\d|5xx)");
    private static final String TIME = "an ISO-8601 time like \"2025-12-19T08:00:00Z\"";
    static final Duration DEFAULT_HOLD = Duration.ofSeconds(120);
    /** Where messages point when the document locates nothing (it is empty). */
    private static final YamlLocations.Position START = new YamlLocations.Position(1, 1);

    private final String file;
    private final YamlLocations locations;
    private final Function<String, String> env;

    private ScenarioLoader(String file, YamlLocations locations, Function<String, String> env) {
        this.file = file;
        this.locations = locations;
        this.env = env;
    }

    static Scenario load(Path path, Function<String, String> env) {
        String text;
        try {
            text = new String(FileLimits.read(path, FileLimits.YAML_FILE), java.nio.charset.StandardCharsets.UTF_8);
        } catch (FileLimits.Refused e) {
            String why = e.getMessage().equals("not found") ? "file not found; expected a scenario YAML file"
                    : e.getMessage().startsWith("is over") ? "the file " + e.getMessage() + "; expected a scenario, a few KiB of YAML"
                    : "the file " + e.getMessage() + "; expected a scenario YAML file";
            throw ExitException.usage("scenario " + path + ": " + why);
        }
        return parse(text, path.toString(), env);
    }

    static Scenario parse(String text, String file, Function<String, String> env) {
        ObjectMapper mapper = YAMLMapper.builder(YAMLFactory.builder().build())
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
        YamlLocations locations;
        try {
            locations = YamlLocations.read("scenario " + file, text, mapper);
        } catch (JsonProcessingException e) {
            throw syntax(file, e);
        } catch (IOException e) {
            throw ExitException.usage("scenario " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        ScenarioLoader loader = new ScenarioLoader(file, locations, env);
        JsonNode root = locations.root();
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw loader.fail("", "the file is empty; expected a mapping with at least 'keys'");
        }
        return loader.scenario(root);
    }

    private static ExitException syntax(String file, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : ":" + Math.max(1, at.getLineNr()) + ":" + Math.max(1, at.getColumnNr());
        String message = e.getOriginalMessage() == null ? "invalid YAML" : e.getOriginalMessage();
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml && yaml.getProblem() != null) {
            message = yaml.getProblem() + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")");
            if (yaml.getProblemMark() != null) {
                where = ":" + (yaml.getProblemMark().getLine() + 1) + ":" + (yaml.getProblemMark().getColumn() + 1);
            }
        }
        message = message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("invalid YAML");
        if (message.startsWith("Duplicate field")) {
            message = message.replace("Duplicate field", "duplicate key");
        }
        return ExitException.usage("scenario " + file + where + ": invalid YAML: " + message);
    }

    private Scenario scenario(JsonNode root) {
        // another kind of file (a dotenv, a system file) is described by what it holds, never quoted
        if (!root.isObject()) {
            throw fail("", "got " + kind(root) + ", not a YAML mapping; expected a scenario, a mapping with keys "
                    + String.join(", ", TOP) + " (is this a scenario file?)");
        }
        boolean any = false;
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            any |= TOP.contains(it.next());
        }
        if (!any) {
            throw fail("", "got a mapping with none of the scenario keys; expected a scenario, a mapping with keys "
                    + String.join(", ", TOP) + " (is this a scenario file?)");
        }
        allowOnly(root, "", TOP);
        String venue = optionalString(root, "", "venue").orElse(Scenario.VENUE);
        Dialect<?> dialect = Dialects.create(venue).orElseThrow(() -> fail("/venue", "unsupported venue '" + venue
                + "'; expected " + String.join(" or ", Dialects.venues())));
        optionalString(root, "", "description");
        ScenarioClock clock = clock(root.get("clock"));
        Duration nonceWindow = optionalDuration(root, "", "nonce_window").orElse(dialect.defaultWindow());
        if (nonceWindow.isNegative() || nonceWindow.isZero()) {
            throw fail("/nonce_window", "must be positive; expected " + Durations.EXPECTED);
        }
        int ipCode = ipViolationCode(root.get("ip_violation_code"), dialect.ipViolationCodes());
        List<SimKey> keys = keys(root.get("keys"));
        Map<String, MethodPolicy> policies = policies(root.get("policies"), dialect.methods());
        Optional<RateLimit> rateLimit = rateLimit(root.get("rate_limit"));
        List<Fault> faults = faults(root.get("faults"), dialect.methods());
        List<TimedEvent> events = events(root.get("events"), keys);
        return new Scenario(file, venue, clock, nonceWindow, ipCode, keys, policies, rateLimit, faults, events);
    }

    private ScenarioClock clock(JsonNode node) {
        if (node == null || node.isNull()) {
            return new ScenarioClock.Real();
        }
        String expected = "{fixed: \"2025-12-19T08:00:00Z\"} or {skew: 30s}";
        requireObject(node, "/clock", expected);
        allowOnly(node, "/clock", List.of("fixed", "skew"));
        if (node.size() != 1) {
            throw fail("/clock", "give exactly one of fixed or skew; expected " + expected);
        }
        if (node.has("fixed")) {
            return new ScenarioClock.Fixed(time(node.get("fixed"), "/clock/fixed"));
        }
        return new ScenarioClock.Skewed(duration(node.get("skew"), "/clock/skew"));
    }

    /** One of the dialect's codes, its first by default (0 when it offers none to choose). */
    private int ipViolationCode(JsonNode node, Map<Integer, String> codes) {
        if (node == null || node.isNull()) {
            return codes.isEmpty() ? 0 : codes.keySet().iterator().next();
        }
        if (!node.isInt() || !codes.containsKey(node.intValue())) {
            List<String> expected = new ArrayList<>();
            codes.forEach((code, name) -> expected.add(code + " (" + name + ")"));
            throw fail("/ip_violation_code", "got " + describe(node) + "; expected "
                    + (expected.isEmpty() ? "nothing: this venue answers allowlist violations one way" : String.join(" or ", expected)));
        }
        return node.intValue();
    }

    private List<SimKey> keys(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        requireArray(node, "/keys", "a list of keys ({label, api_key, secret, permissions, ip_allowlist, created, revoked})");
        List<SimKey> keys = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String ptr = "/keys/" + i;
            JsonNode k = node.get(i);
            requireObject(k, ptr, "a mapping {label, api_key, secret, permissions, ip_allowlist, created, revoked}");
            allowOnly(k, ptr, KEY_FIELDS);
            String apiKey = requiredString(k, ptr, "api_key");
            if (apiKey.isBlank()) {
                throw fail(ptr + "/api_key", "is empty; expected the key's id");
            }
            if (!seen.add(apiKey)) {
                throw fail(ptr + "/api_key", "the same api_key is declared twice; expected each key once");
            }
            String label = optionalString(k, ptr, "label").orElse(apiKey.length() > 6 ? apiKey.substring(0, 6) + "…" : "key " + i);
            Secret secret = secret(k, ptr + "/secret");
            Set<Permission> permissions = permissions(k.get("permissions"), ptr + "/permissions");
            List<String> allowlist = allowlist(k.get("ip_allowlist"), ptr + "/ip_allowlist");
            Optional<Instant> created = optionalTime(k, ptr, "created");
            Optional<Instant> revoked = optionalTime(k, ptr, "revoked");
            keys.add(new SimKey(label, apiKey, secret, permissions, allowlist, created, revoked));
        }
        return keys;
    }

    private Secret secret(JsonNode key, String ptr) {
        JsonNode node = key.get("secret");
        if (node == null || node.isNull()) {
            throw fail(ptr, "is missing; expected the key's secret, a literal or \"${env:NAME}\"");
        }
        if (!node.isTextual()) {
            throw fail(ptr, "got " + kind(node) + "; expected a string (a literal or \"${env:NAME}\")");
        }
        String text = node.textValue();
        Matcher m = ENV.matcher(text.trim());
        if (m.matches()) {
            String value = env.apply(m.group(1));
            if (value == null || value.isEmpty()) {
                throw fail(ptr, "environment variable " + m.group(1) + " is not set; expected it to hold the key's secret");
            }
            return Secret.of(value);
        }
        if (text.contains("${")) {
            throw fail(ptr, "unsupported reference; expected a literal or \"${env:NAME}\"");
        }
        if (text.isEmpty()) {
            throw fail(ptr, "is empty; expected the key's secret, a literal or \"${env:NAME}\"");
        }
        return Secret.of(text);
    }

    private Set<Permission> permissions(JsonNode node, String ptr) {
        String expected = "a list of read, trade";
        if (node == null || node.isNull()) {
            return EnumSet.of(Permission.READ);
        }
        requireArray(node, ptr, expected);
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (int i = 0; i < node.size(); i++) {
            JsonNode p = node.get(i);
            Optional<Permission> parsed = p.isTextual() ? Permission.parse(p.textValue()) : Optional.empty();
            if (parsed.isEmpty()) {
                throw fail(ptr + "/" + i, "got " + describe(p) + "; expected read or trade");
            }
            permissions.add(parsed.get());
        }
        return permissions;
    }

    private List<String> allowlist(JsonNode node, String ptr) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        requireArray(node, ptr, "a list of IP addresses or CIDR blocks");
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            if (!e.isTextual() || IpRange.parse(e.textValue()).isEmpty()) {
                throw fail(ptr + "/" + i, "got " + describe(e) + "; expected " + IpRange.EXPECTED);
            }
            entries.add(e.textValue().trim());
        }
        return entries;
    }

    private Map<String, MethodPolicy> policies(JsonNode node, Set<String> methods) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        String expected = "a mapping from method to {enforce_ip_allowlist: true|false}";
        requireObject(node, "/policies", expected);
        Map<String, MethodPolicy> policies = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String ptr = "/policies/" + YamlLocations.escape(e.getKey());
            if (!methods.contains(e.getKey())) {
                throw failAtKey(ptr, "unknown method '" + e.getKey() + "'; expected one of " + String.join(", ", new TreeSet<>(methods)));
            }
            requireObject(e.getValue(), ptr, "{enforce_ip_allowlist: true|false}");
            allowOnly(e.getValue(), ptr, List.of("enforce_ip_allowlist"));
            JsonNode enforce = e.getValue().get("enforce_ip_allowlist");
            boolean value = true;
            if (enforce != null && !enforce.isNull()) {
                if (!enforce.isBoolean()) {
                    throw fail(ptr + "/enforce_ip_allowlist", "got " + describe(enforce) + "; expected true or false");
                }
                value = enforce.booleanValue();
            }
            policies.put(e.getKey(), new MethodPolicy(value));
        }
        return policies;
    }

    private Optional<RateLimit> rateLimit(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        requireObject(node, "/rate_limit", "{per_second: N}");
        allowOnly(node, "/rate_limit", List.of("per_second"));
        JsonNode n = node.get("per_second");
        if (n == null || !n.isInt() || n.intValue() <= 0) {
            throw fail("/rate_limit/per_second", (n == null ? "is missing" : "got " + describe(n)) + "; expected a positive whole number");
        }
        return Optional.of(new RateLimit(n.intValue()));
    }

    private List<Fault> faults(JsonNode node, Set<String> methods) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        String form = "{method, kind: latency|http_5xx|http_503|reset|timeout, rate, seed, delay, hold}";
        requireArray(node, "/faults", "a list of " + form);
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String ptr = "/faults/" + i;
            JsonNode f = node.get(i);
            requireObject(f, ptr, form);
            allowOnly(f, ptr, FAULT_FIELDS);
            Optional<String> method = optionalString(f, ptr, "method");
            if (method.isPresent() && !methods.contains(method.get())) {
                throw fail(ptr + "/method", "unknown method '" + method.get() + "'; expected one of " + String.join(", ", new TreeSet<>(methods)));
            }
            String kindText = requiredString(f, ptr, "kind");
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
                    default -> throw fail(ptr + "/kind", "unknown fault kind '" + kindText
                            + "'; expected latency, http_5xx (or http_500…http_599), reset or timeout");
                };
            }
            double rate = 1.0;
            JsonNode r = f.get("rate");
            if (r != null && !r.isNull()) {
                if (!r.isNumber() || r.doubleValue() < 0 || r.doubleValue() > 1) {
                    throw fail(ptr + "/rate", "got " + describe(r) + "; expected a probability between 0 and 1");
                }
                rate = r.doubleValue();
            }
            long seed = 0;
            JsonNode s = f.get("seed");
            if (s != null && !s.isNull()) {
                if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                    throw fail(ptr + "/seed", "got " + describe(s) + "; expected a whole number");
                }
                seed = s.longValue();
            }
            Optional<Duration> delay = optionalDuration(f, ptr, "delay");
            Optional<Duration> hold = optionalDuration(f, ptr, "hold");
            if (kind == Fault.Kind.LATENCY && delay.isEmpty()) {
                throw fail(ptr, "a latency fault needs 'delay'; expected e.g. {kind: latency, delay: 250ms}");
            }
            if (delay.isPresent() && kind != Fault.Kind.LATENCY) {
                throw failAtKey(ptr + "/delay", "only latency faults take 'delay'; expected 'hold' for timeout");
            }
            if (hold.isPresent() && kind != Fault.Kind.TIMEOUT) {
                throw failAtKey(ptr + "/hold", "only timeout faults take 'hold'");
            }
            Duration d = kind == Fault.Kind.LATENCY ? delay.get() : hold.orElse(DEFAULT_HOLD);
            if (d.isNegative()) {
                throw fail(ptr + (kind == Fault.Kind.LATENCY ? "/delay" : "/hold"), "must not be negative; expected " + Durations.EXPECTED);
            }
            faults.add(new Fault(method, kind, status, d, rate, seed));
        }
        return faults;
    }

    private List<TimedEvent> events(JsonNode node, List<SimKey> keys) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        String form = "{at: TIME, revoke: API_KEY} or {at: TIME, rotate: API_KEY, new_secret: S, new_api_key: K}";
        requireArray(node, "/events", "a list of " + form);
        Set<String> declared = new HashSet<>();
        keys.forEach(k -> declared.add(k.apiKey()));
        Map<String, String> renamed = new HashMap<>();
        List<TimedEvent> events = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String ptr = "/events/" + i;
            JsonNode e = node.get(i);
            requireObject(e, ptr, form);
            if (e.has("revoke") == e.has("rotate")) {
                throw fail(ptr, "give exactly one of revoke or rotate; expected " + form);
            }
            Instant at = time(required(e, ptr, "at"), ptr + "/at");
            if (e.has("revoke")) {
                allowOnly(e, ptr, List.of("at", "revoke"));
                String key = knownKey(e, ptr, "revoke", declared);
                events.add(new TimedEvent.Revoke(at, key));
            } else {
                allowOnly(e, ptr, List.of("at", "rotate", "new_secret", "new_api_key"));
                String key = knownKey(e, ptr, "rotate", declared);
                Secret newSecret = secretField(e, ptr, "new_secret");
                Optional<String> newKey = optionalString(e, ptr, "new_api_key");
                if (newKey.isPresent() && (declared.contains(newKey.get()) || renamed.containsValue(newKey.get()))) {
                    throw fail(ptr + "/new_api_key", "'" + newKey.get() + "' is already in use; expected a new key id");
                }
                newKey.ifPresent(k -> renamed.put(key, k));
                events.add(new TimedEvent.Rotate(at, key, newSecret, newKey));
            }
        }
        return events;
    }

    private Secret secretField(JsonNode e, String ptr, String name) {
        if (!e.has(name) || e.get(name).isNull()) {
            throw fail(ptr, "a rotation needs '" + name + "'; expected a literal or \"${env:NAME}\"");
        }
        com.fasterxml.jackson.databind.node.ObjectNode holder = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        holder.set("secret", e.get(name));
        return secret(holder, ptr + "/" + name);
    }

    private String knownKey(JsonNode e, String ptr, String field, Set<String> declared) {
        String key = requiredString(e, ptr, field);
        if (!declared.contains(key)) {
            throw fail(ptr + "/" + field, "no key with api_key '" + key + "' is declared under keys; expected one of them");
        }
        return key;
    }

    // --- small typed readers -------------------------------------------------------------

    private JsonNode required(JsonNode parent, String ptr, String name) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            throw fail(ptr, "'" + name + "' is missing");
        }
        return n;
    }

    private String requiredString(JsonNode parent, String ptr, String name) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            throw fail(ptr, "'" + name + "' is missing; expected a string");
        }
        if (!n.isTextual()) {
            throw fail(ptr + "/" + name, "got " + (CREDENTIAL_FIELDS.contains(name) ? kind(n) : describe(n)) + "; expected a string");
        }
        return n.textValue();
    }

    private Optional<String> optionalString(JsonNode parent, String ptr, String name) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw fail(ptr + "/" + YamlLocations.escape(name), "got " + (CREDENTIAL_FIELDS.contains(name) ? kind(n) : describe(n))
                    + "; expected a string");
        }
        return Optional.of(n.textValue());
    }

    private Optional<Instant> optionalTime(JsonNode parent, String ptr, String name) {
        JsonNode n = parent.get(name);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(time(n, ptr + "/" + name));
    }

    private Optional<Duration> optionalDuration(JsonNode parent, String ptr, String name) {
        JsonNode n = parent.get(name);
        return n == null || n.isNull() ? Optional.empty() : Optional.of(duration(n, ptr + "/" + name));
    }

    private Instant time(JsonNode node, String ptr) {
        if (node.isTextual()) {
            String t = node.textValue().trim();
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
        throw fail(ptr, "got " + describe(node) + "; expected " + TIME);
    }

    private Duration duration(JsonNode node, String ptr) {
        Optional<Duration> d = node.isTextual() ? Durations.parse(node.textValue()) : Optional.empty();
        return d.orElseThrow(() -> fail(ptr, "got " + describe(node) + "; expected " + Durations.EXPECTED));
    }

    private void requireObject(JsonNode node, String ptr, String expected) {
        if (node == null || !node.isObject()) {
            throw fail(ptr, "got " + describe(node) + "; expected " + expected);
        }
    }

    private void requireArray(JsonNode node, String ptr, String expected) {
        if (node == null || !node.isArray()) {
            throw fail(ptr, "got " + describe(node) + "; expected " + expected);
        }
    }

    private void allowOnly(JsonNode object, String ptr, List<String> allowed) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw failAtKey(ptr + "/" + YamlLocations.escape(name),
                        "unknown key '" + name + "'; expected one of " + String.join(", ", allowed));
            }
        }
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

    private static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isObject()) {
            return "a mapping";
        }
        if (node.isArray()) {
            return "a list";
        }
        String text = node.asText();
        if (text.length() > 40) {
            text = text.substring(0, 40) + "…";
        }
        return "'" + text + "'";
    }

    private ExitException fail(String ptr, String message) {
        return failAt(locations.valueAt(ptr), ptr, message);
    }

    private ExitException failAtKey(String ptr, String message) {
        return failAt(locations.keyAt(ptr), ptr, message);
    }

    private ExitException failAt(Optional<YamlLocations.Position> at, String ptr, String message) {
        return ExitException.usage("scenario " + file + ":" + at.orElse(START) + ": " + field(ptr) + message);
    }

    /** {@code /keys/0/permissions} → {@code keys[0].permissions: }. */
    static String field(String ptr) {
        return ptr.isEmpty() ? "" : YamlLocations.field(ptr) + ": ";
    }
}
