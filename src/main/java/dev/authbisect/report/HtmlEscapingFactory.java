package dev.authbisect.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheException;
import java.io.IOException;
import java.io.Writer;

/**
 * The Mustache factory for every authbisect page. {@code {{ }}} escapes {@code & < > " '}: enough
 * for element text and for attribute values, which the templates always double-quote. Unlike
 * the default escaper it leaves line breaks alone, so {@code <pre>} blocks stay small and readable
 * in the page source. Characters HTML cannot carry (C0 controls other than tab and line breaks)
 * become U+FFFD. Templates never use triple braces on data.
 */
final class HtmlEscapingFactory extends DefaultMustacheFactory {
    HtmlEscapingFactory(String resourceRoot) {
        super(resourceRoot);
    }

    @Override
    public void encode(String value, Writer writer) {
        try {
            writer.write(escape(value));
        } catch (IOException e) {
            throw new MustacheException("cannot write the page", e);
        }
    }

    static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\t', '\n' -> sb.append(c);
                case '\r' -> { }
                default -> sb.append(c < 0x20 || c == 0x7f ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
