package dev.authbisect.probe;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.reflect.MissingWrapper;
import com.github.mustachejava.reflect.ReflectionObjectHandler;
import com.github.mustachejava.util.Wrapper;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Secret;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Renders {@code probe.env} templates with Mustache: no HTML escaping (a secret with {@code &}
 * stays a secret with {@code &}), no partials, and a variable the context lacks is an error
 * naming it, never an empty string.
 */
final class EnvTemplates {
    private EnvTemplates() {
    }

    /**
     * Renders every template of {@code templates} (variable name → template) against {@code context}
     * (nested maps; {@link Secret} leaves are revealed here and nowhere else).
     *
     * @throws ExitException (usage) naming {@code probe.env.<NAME>} and the unknown variable or syntax error
     */
    static Map<String, String> render(Map<String, String> templates, Map<String, ?> context) {
        Map<String, Object> scope = plain(context);
        Map<String, String> rendered = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : templates.entrySet()) {
            rendered.put(e.getKey(), render(e.getKey(), e.getValue(), scope));
        }
        return rendered;
    }

    private static String render(String name, String template, Map<String, Object> scope) {
        String where = "probe.env." + name;
        try {
            Mustache mustache = new RawFactory().compile(new StringReader(template), where);
            StringWriter out = new StringWriter();
            mustache.execute(out, scope).flush();
            return out.toString();
        } catch (MustacheException e) {
            UnknownVariable unknown = unknownIn(e);
            if (unknown != null) {
                throw ExitException.usage(where + ": unknown template variable '" + unknown.name
                        + "' (known: " + String.join(", ", names(scope, "")) + ")");
            }
            throw ExitException.usage(where + ": invalid template: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UnknownVariable unknownIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownVariable u) {
                return u;
            }
        }
        return null;
    }

    /** A copy with secrets revealed and leaves as strings. */
    private static Map<String, Object> plain(Map<String, ?> context) {
        Map<String, Object> out = new LinkedHashMap<>();
        context.forEach((k, v) -> out.put(k, v instanceof Map<?, ?> m ? plain(stringKeys(m)) : leaf(v)));
        return out;
    }

    private static Map<String, ?> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static String leaf(Object v) {
        if (v instanceof Secret s) {
            return s.reveal();
        }
        if (v instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v);
    }

    /** The dotted variable names a context offers, sorted. */
    static List<String> names(Map<String, ?> context, String prefix) {
        TreeSet<String> names = new TreeSet<>();
        context.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                names.addAll(names(stringKeys(m), prefix + k + "."));
            } else {
                names.add(prefix + k);
            }
        });
        return List.copyOf(names);
    }

    private static final class UnknownVariable extends RuntimeException {
        private final String name;

        UnknownVariable(String name) {
            super("unknown template variable '" + name + "'", null, false, false);
            this.name = name;
        }
    }

    /** Writes values as they are and refuses partials. */
    private static final class RawFactory extends DefaultMustacheFactory {
        RawFactory() {
            setObjectHandler(new StrictObjectHandler());
        }

        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException("could not write a value", e);
            }
        }

        @Override
        public String resolvePartialPath(String dir, String name, String extension) {
            throw new MustacheException("partials are not supported ({{> " + name + "}})");
        }

        @Override
        public Reader getReader(String resourceName) {
            throw new MustacheException("partials are not supported ('" + resourceName + "')");
        }
    }

    /** Fails on a variable no scope has, instead of rendering it empty. */
    private static final class StrictObjectHandler extends ReflectionObjectHandler {
        @Override
        public Wrapper find(String name, List<Object> scopes) {
            Wrapper wrapper = super.find(name, scopes);
            if (wrapper instanceof MissingWrapper) {
                throw new UnknownVariable(name);
            }
            return wrapper;
        }
    }
}
