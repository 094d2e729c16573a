package dev.authbisect.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheNotFoundException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Renders authbisect's Mustache templates, which live under {@code dev/authbisect/report/} on
 * the classpath, with the reports' HTML escaping. Another page (e.g. a bisect report) gets the same
 * look by putting {@code <style>{{> style}}</style>} in its template and using the same CSS classes
 * ({@code o-ok}, {@code o-auth-rejected} …, {@code verdict}, {@code badge}).
 *
 * <pre>{@code
 * String html = Templates.render("bisect.mustache", model);   // model: records, lists, strings
 * }</pre>
 *
 * Use {@code {{ }}} for all data; never triple braces.
 */
public final class Templates {
    private static final DefaultMustacheFactory FACTORY = new HtmlEscapingFactory("dev/authbisect/report");

    private Templates() {
    }

    /** Renders {@code name} (e.g. {@code index.mustache}) with {@code scope}; an unknown name is an IllegalArgumentException. */
    public static String render(String name, Object scope) {
        Mustache template;
        try {
            template = FACTORY.compile(name);
        } catch (MustacheNotFoundException e) {
            throw new IllegalArgumentException("no template " + name + " under dev/authbisect/report/", e);
        }
        StringWriter out = new StringWriter();
        try {
            template.execute(out, scope).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
