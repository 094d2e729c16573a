package dev.authbisect.scaffold;

import dev.authbisect.scaffold.ClientFinding.FoundCall;
import dev.authbisect.venue.SourceHints;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Python client without running it: its classes and methods (by indentation), the venue
 * method each method sends (a string literal, or a module constant holding one), the environment
 * variables the code reads ({@code os.environ[...]}, {@code os.environ.get(...)}, {@code os.getenv(...)},
 * or a helper called with the variable's name) and the constructor's parameters.
 */
final class PythonScan {
    private static final Pattern CLASS = Pattern.compile("^([ \\t]*)class\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*[(:]");
    private static final Pattern DEF = Pattern.compile("^([ \\t]*)(?:async\\s+)?def\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
    private static final Pattern CONSTANT = Pattern.compile("(?m)^([A-Za-z_][A-Za-z0-9_]*)\\s*(?::[^=\\n]+)?=\\s*[rbuRBU]?[\"']([^\"'\\n]+)[\"']");
    private static final Pattern NAME = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_]*)\\b");
    static final Pattern ENV_DIRECT = Pattern.compile(
            "os\\s*\\.\\s*(?:environ\\s*\\[\\s*|environ\\s*\\.\\s*get\\s*\\(\\s*|getenv\\s*\\(\\s*)[\"']([A-Za-z_][A-Za-z0-9_]*)[\"']");
    private static final Pattern ENV_HELPER = Pattern.compile("\\b[A-Za-z_][A-Za-z0-9_.]*\\s*\\(\\s*[\"']([A-Z][A-Z0-9_]{2,})[\"']\\s*[,)]");
    private static final Pattern TRIPLE = Pattern.compile("(?s)[rbuRBU]?(\"\"\"|''').*?\\1");

    private PythonScan() {
    }

    record Param(String name, boolean required) {
    }

    record Def(String name, List<Param> params, String body) {
    }

    record ClassDef(String name, List<Def> methods) {
    }

    /** The client in {@code file}, if it has a class whose methods send venue methods. */
    static Optional<ClientFinding> scan(String file, String text, RepoFiles repo, SourceHints hints) {
        String code = withoutCommentsAndDocstrings(text);
        Map<String, String> constants = new LinkedHashMap<>();
        Matcher cm = CONSTANT.matcher(code);
        while (cm.find()) {
            Matcher vm = hints.methodPattern().matcher(cm.group(2));
            if (vm.find()) {
                constants.put(cm.group(1), vm.group());
            }
        }
        ClassDef best = null;
        List<FoundCall> bestCalls = List.of();
        List<String> bestNeedArgs = List.of();
        for (ClassDef c : classes(code)) {
            List<FoundCall> calls = new ArrayList<>();
            List<String> needArgs = new ArrayList<>();
            for (Def d : c.methods()) {
                if (d.name().startsWith("_")) {
                    continue;
                }
                Optional<String> venueMethod = venueMethod(d.body(), hints, constants);
                if (venueMethod.isEmpty()) {
                    continue;
                }
                List<String> required = d.params().stream().filter(Param::required).map(Param::name).toList();
                if (required.isEmpty()) {
                    calls.add(new FoundCall(d.name(), venueMethod.get()));
                } else {
                    needArgs.add(d.name() + "(" + String.join(", ", required) + ")");
                }
            }
            if (best == null || calls.size() + needArgs.size() > bestCalls.size() + bestNeedArgs.size()) {
                best = c;
                bestCalls = calls;
                bestNeedArgs = needArgs;
            }
        }
        if (best == null || bestCalls.isEmpty() && bestNeedArgs.isEmpty()) {
            return Optional.empty();
        }
        Layout layout = layout(file, repo);
        Map<Role, String> env = new EnumMap<>(Role.class);
        Set<String> other = new LinkedHashSet<>();
        readEnv(code, env, other);
        for (Map.Entry<String, String> e : repo.sources().entrySet()) {
            if (!e.getKey().equals(file) && e.getKey().endsWith(".py") && inModule(e.getKey(), layout.modulePath())) {
                readEnv(withoutCommentsAndDocstrings(e.getValue()), env, other);
            }
        }
        other.removeAll(env.values());
        Map<Role, String> ctor = new EnumMap<>(Role.class);
        List<String> unmapped = new ArrayList<>();
        best.methods().stream().filter(d -> d.name().equals("__init__")).findFirst().ifPresent(init -> {
            for (Param p : init.params()) {
                Optional<Role> role = Role.of(p.name());
                if (role.isPresent() && !ctor.containsKey(role.get()) && (p.required() || !env.containsKey(role.get()))) {
                    ctor.put(role.get(), p.name());
                } else if (p.required()) {
                    unmapped.add(p.name());
                }
            }
        });
        List<String> hosts = hints.hosts().stream().filter(text::contains).toList();
        return Optional.of(new ClientFinding(ClientFinding.Language.PYTHON, file, layout.modulePath(), layout.importRoot(),
                layout.moduleName(), best.name(), bestCalls, bestNeedArgs, env, List.copyOf(other), ctor, unmapped, hosts));
    }

    static boolean inModule(String path, String modulePath) {
        return modulePath.endsWith("/") ? path.startsWith(modulePath) : path.equals(modulePath);
    }

    /** Where the module lives and how it is imported. */
    record Layout(String modulePath, String importRoot, String moduleName) {
    }

    /**
     * The top package holding {@code file} (folders with {@code __init__.py} upwards) is the module,
     * imported from the folder above it; a file outside packages is imported from its own folder.
     */
    static Layout layout(String file, RepoFiles repo) {
        String dir = SourceText.parent(file);
        String top = null;
        for (String d = dir; !d.isEmpty() && repo.exists(d + "/__init__.py"); d = SourceText.parent(d)) {
            top = d;
        }
        if (top != null) {
            String root = SourceText.parent(top);
            String rel = root.isEmpty() ? file : file.substring(root.length() + 1);
            String name = rel.substring(0, rel.length() - ".py".length()).replace('/', '.');
            if (name.endsWith(".__init__")) {
                name = name.substring(0, name.length() - ".__init__".length());
            }
            return new Layout(top + "/", root, name);
        }
        if (!dir.isEmpty()) {
            return new Layout(dir + "/", dir, SourceText.stem(file));
        }
        return new Layout(file, "", SourceText.stem(file));
    }

    private static void readEnv(String code, Map<Role, String> env, Set<String> other) {
        List<String> names = new ArrayList<>();
        Matcher m = ENV_DIRECT.matcher(code);
        while (m.find()) {
            names.add(m.group(1));
        }
        if (code.contains("os.environ") || code.contains("os.getenv") || code.contains("getenv(")) {
            Matcher h = ENV_HELPER.matcher(code);
            while (h.find()) {
                if (Role.of(h.group(1)).isPresent()) {
                    names.add(h.group(1));
                }
            }
        }
        for (String n : names) {
            Optional<Role> role = Role.of(n);
            if (role.isPresent() && !env.containsKey(role.get())) {
                env.put(role.get(), n);
            } else if (!env.containsValue(n)) {
                other.add(n);
            }
        }
    }

    private static Optional<String> venueMethod(String body, SourceHints hints, Map<String, String> constants) {
        Optional<String> literal = SourceText.firstInLiterals(body, hints.methodPattern());
        if (literal.isPresent()) {
            return literal;
        }
        Matcher m = NAME.matcher(body);
        while (m.find()) {
            String v = constants.get(m.group(1));
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The classes of a module and their methods. */
    static List<ClassDef> classes(String code) {
        List<String> lines = code.lines().toList();
        List<ClassDef> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = CLASS.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            int indent = width(m.group(1));
            int end = blockEnd(lines, i + 1, indent);
            List<Def> methods = new ArrayList<>();
            int methodIndent = -1;
            for (int k = i + 1; k < end; k++) {
                Matcher d = DEF.matcher(lines.get(k));
                if (!d.find()) {
                    continue;
                }
                int di = width(d.group(1));
                if (methodIndent < 0 && di > indent) {
                    methodIndent = di;
                }
                if (di != methodIndent) {
                    continue;
                }
                StringBuilder sig = new StringBuilder();
                int open = lines.get(k).indexOf('(', d.start(2));
                int last = k;
                sig.append(lines.get(k).substring(open));
                while (SourceText.closing(sig.toString(), 0) < 0 && last + 1 < end) {
                    last++;
                    sig.append('\n').append(lines.get(last));
                }
                int close = SourceText.closing(sig.toString(), 0);
                String params = close < 0 ? "" : sig.substring(1, close - 1);
                int bodyEnd = Math.min(blockEnd(lines, last + 1, di), end);
                String body = String.join("\n", lines.subList(Math.min(last + 1, bodyEnd), bodyEnd));
                methods.add(new Def(d.group(2), params(params), body));
            }
            out.add(new ClassDef(m.group(2), methods));
        }
        return out;
    }

    private static List<Param> params(String text) {
        List<Param> out = new ArrayList<>();
        List<String> parts = SourceText.splitTopLevel(text);
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            if (p.startsWith("*") || p.equals("/") || i == 0 && (p.equals("self") || p.equals("cls"))) {
                continue;
            }
            int colon = p.indexOf(':');
            int eq = p.indexOf('=');
            int cut = colon >= 0 && (eq < 0 || colon < eq) ? colon : eq;
            String name = (cut >= 0 ? p.substring(0, cut) : p).strip();
            if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                out.add(new Param(name, eq < 0));
            }
        }
        return out;
    }

    /** The first line at or after {@code from} that is not blank and indented no deeper than {@code indent}. */
    private static int blockEnd(List<String> lines, int from, int indent) {
        for (int j = from; j < lines.size(); j++) {
            String l = lines.get(j);
            if (!l.isBlank() && width(l.substring(0, l.length() - l.stripLeading().length())) <= indent) {
                return j;
            }
        }
        return lines.size();
    }

    private static int width(String indent) {
        int w = 0;
        for (char c : indent.toCharArray()) {
            w += c == '\t' ? 8 - w % 8 : 1;
        }
        return w;
    }

    /** The code with docstrings/triple-quoted strings blanked (newlines kept) and comments removed. */
    static String withoutCommentsAndDocstrings(String text) {
        Matcher t = TRIPLE.matcher(text);
        StringBuilder b = new StringBuilder();
        while (t.find()) {
            t.appendReplacement(b, Matcher.quoteReplacement("\"\"" + t.group().replaceAll("[^\\n]", "")));
        }
        t.appendTail(b);
        StringBuilder out = new StringBuilder(b.length());
        for (String line : b.toString().split("\n", -1)) {
            out.append(stripComment(line)).append('\n');
        }
        return out.toString();
    }

    private static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
