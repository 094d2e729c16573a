package dev.authbisect.scaffold;

import dev.authbisect.scaffold.ClientFinding.FoundCall;
import dev.authbisect.venue.SourceHints;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JavaScript (Node) client without running it: its classes and methods (by braces), the
 * venue method each method sends, the environment variables it reads ({@code process.env.X},
 * {@code process.env["X"]}) and a constructor that takes an options object.
 */
final class NodeScan {
    private static final Pattern CLASS = Pattern.compile("\\bclass\\s+([A-Za-z_$][\\w$]*)(?:\\s+extends\\s+[\\w$.]+)?\\s*\\{");
    private static final Pattern METHOD = Pattern.compile("^\\s*(static\\s+)?(?:async\\s+)?\\*?\\s*(#?[A-Za-z_$][\\w$]*)\\s*\\(");
    private static final Pattern ENV = Pattern.compile("process\\.env(?:\\.([A-Za-z_][A-Za-z0-9_]*)|\\[\\s*[\"'`]([A-Za-z_][A-Za-z0-9_]*)[\"'`]\\s*\\])");
    private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "switch", "catch", "function", "return", "with");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("(?s)/\\*.*?\\*/");

    private NodeScan() {
    }

    static Optional<ClientFinding> scan(String file, String text, RepoFiles repo, SourceHints hints) {
        String code = withoutComments(text);
        String bestClass = null;
        List<FoundCall> bestCalls = List.of();
        List<String> bestNeedArgs = List.of();
        List<String> bestCtor = List.of();
        Matcher cm = CLASS.matcher(code);
        while (cm.find()) {
            int open = cm.end() - 1;
            int close = SourceText.closing(code, open);
            if (close < 0) {
                continue;
            }
            String body = code.substring(open + 1, close - 1);
            List<FoundCall> calls = new ArrayList<>();
            List<String> needArgs = new ArrayList<>();
            List<String> ctor = new ArrayList<>();
            for (Method m : methods(body)) {
                if (m.name().equals("constructor")) {
                    ctor = m.optionNames();
                    continue;
                }
                if (m.isStatic() || m.name().startsWith("_") || m.name().startsWith("#")) {
                    continue;
                }
                Optional<String> venueMethod = SourceText.firstInLiterals(m.body(), hints.methodPattern());
                if (venueMethod.isEmpty()) {
                    continue;
                }
                if (m.required().isEmpty()) {
                    calls.add(new FoundCall(m.name(), venueMethod.get()));
                } else {
                    needArgs.add(m.name() + "(" + String.join(", ", m.required()) + ")");
                }
            }
            if (bestClass == null || calls.size() + needArgs.size() > bestCalls.size() + bestNeedArgs.size()) {
                bestClass = cm.group(1);
                bestCalls = calls;
                bestNeedArgs = needArgs;
                bestCtor = ctor;
            }
        }
        if (bestClass == null || bestCalls.isEmpty() && bestNeedArgs.isEmpty()) {
            return Optional.empty();
        }
        String dir = SourceText.parent(file);
        String modulePath = dir.isEmpty() ? file : dir + "/";
        Map<Role, String> env = new EnumMap<>(Role.class);
        Set<String> other = new LinkedHashSet<>();
        readEnv(code, env, other);
        for (Map.Entry<String, String> e : repo.sources().entrySet()) {
            if (!e.getKey().equals(file) && !e.getKey().endsWith(".py") && PythonScan.inModule(e.getKey(), modulePath)) {
                readEnv(withoutComments(e.getValue()), env, other);
            }
        }
        other.removeAll(env.values());
        Map<Role, String> ctorArgs = new EnumMap<>(Role.class);
        for (String name : bestCtor) {
            Role.of(name).filter(r -> !env.containsKey(r) && !ctorArgs.containsKey(r)).ifPresent(r -> ctorArgs.put(r, name));
        }
        List<String> hosts = hints.hosts().stream().filter(text::contains).toList();
        return Optional.of(new ClientFinding(ClientFinding.Language.NODE, file, modulePath, "", file, bestClass, bestCalls,
                bestNeedArgs, env, List.copyOf(other), ctorArgs, List.of(), hosts));
    }

    private static void readEnv(String code, Map<Role, String> env, Set<String> other) {
        Matcher m = ENV.matcher(code);
        while (m.find()) {
            String n = m.group(1) != null ? m.group(1) : m.group(2);
            Optional<Role> role = Role.of(n);
            if (role.isPresent() && !env.containsKey(role.get())) {
                env.put(role.get(), n);
            } else if (!env.containsValue(n)) {
                other.add(n);
            }
        }
    }

    /**
     * A method of a class body.
     *
     * @param required    parameters without a default
     * @param optionNames the names of a destructured first parameter ({@code constructor({apiKey, baseUrl} = {})})
     */
    record Method(String name, boolean isStatic, List<String> required, List<String> optionNames, String body) {
    }

    /** The methods at the top level of a class body. */
    static List<Method> methods(String body) {
        List<Method> out = new ArrayList<>();
        int depth = 0;
        int lineStart = 0;
        char quote = 0;
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : '\n';
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '{' || c == '(' || c == '[') {
                if (depth == 0 && c == '(') {
                    Optional<Method> m = methodAt(body, lineStart, i);
                    if (m.isPresent()) {
                        out.add(m.get());
                        int paramsEnd = SourceText.closing(body, i);
                        int brace = paramsEnd < 0 ? -1 : body.indexOf('{', paramsEnd);
                        int end = brace < 0 ? -1 : SourceText.closing(body, brace);
                        if (end > 0) {
                            i = end - 1;
                            lineStart = end;
                            continue;
                        }
                    }
                }
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            } else if (c == '\n' || c == ';') {
                lineStart = i + 1;
            }
        }
        return out;
    }

    private static Optional<Method> methodAt(String body, int lineStart, int paren) {
        Matcher m = METHOD.matcher(body.substring(lineStart, paren + 1));
        if (!m.find() || KEYWORDS.contains(m.group(2))) {
            return Optional.empty();
        }
        int paramsEnd = SourceText.closing(body, paren);
        if (paramsEnd < 0) {
            return Optional.empty();
        }
        int brace = body.indexOf('{', paramsEnd);
        if (brace < 0 || !body.substring(paramsEnd, brace).isBlank()) {
            return Optional.empty();
        }
        int end = SourceText.closing(body, brace);
        String methodBody = end < 0 ? body.substring(brace) : body.substring(brace, end);
        List<String> required = new ArrayList<>();
        List<String> options = new ArrayList<>();
        List<String> params = SourceText.splitTopLevel(body.substring(paren + 1, paramsEnd - 1));
        for (int i = 0; i < params.size(); i++) {
            String p = params.get(i);
            if (p.startsWith("{")) {
                int close = SourceText.closing(p, 0);
                String inner = close < 0 ? p.substring(1) : p.substring(1, close - 1);
                if (i == 0) {
                    for (String o : SourceText.splitTopLevel(inner)) {
                        String name = o.split("[=:]", 2)[0].strip();
                        if (name.matches("[A-Za-z_$][\\w$]*")) {
                            options.add(name);
                        }
                    }
                }
                if (p.indexOf('=', close < 0 ? 0 : close) < 0) {
                    required.add(p);
                }
            } else if (!p.startsWith("...") && !p.contains("=")) {
                required.add(p);
            }
        }
        return Optional.of(new Method(m.group(2), m.group(1) != null, required, options, methodBody));
    }

    static String withoutComments(String text) {
        String noBlocks = BLOCK_COMMENT.matcher(text).replaceAll(r -> r.group().replaceAll("[^\\n]", " "));
        StringBuilder out = new StringBuilder(noBlocks.length());
        for (String line : noBlocks.split("\n", -1)) {
            out.append(stripLineComment(line)).append('\n');
        }
        return out.toString();
    }

    private static String stripLineComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
