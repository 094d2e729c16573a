package dev.authbisect.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TemplatesTest {
    @Test
    void theStylePartialIsThereForOtherPagesToInclude() {
        String css = Templates.render("style.mustache", new Object());
        assertTrue(css.contains(".o-auth-rejected"));
        assertTrue(css.contains(".verdict"));
    }

    @Test
    void anUnknownTemplateIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Templates.render("nope.mustache", new Object()));
        assertEquals("no template nope.mustache under dev/authbisect/report/", e.getMessage());
    }

    @Test
    void escapingKeepsLineBreaksAndReplacesControlCharacters() {
        assertEquals("a\n&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; \uFFFD", HtmlEscapingFactory.escape("a\r\n<b> & \"c\" 'd' \u0007"));
    }
}
