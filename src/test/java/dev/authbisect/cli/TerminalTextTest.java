package dev.authbisect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void terminalControlsBecomeVisibleAndLineBreaksStay() {
        assertEquals("␛]0;pwned␇␛[2J subject\tauthor\nnext␍", TerminalText.clean("\u001b]0;pwned\u0007\u001b[2J subject\tauthor\nnext\r"));
        assertEquals("�[31m C1 CSI, ␡, bidi �evil� zero-width �", TerminalText.clean("\u009b[31m C1 CSI, \u007f, bidi \u202eevil\u202c zero-width \u200b"));
        String plain = "plain café – 日本 ✓";
        assertSame(plain, TerminalText.clean(plain));
    }

    @Test
    void theSanitizingWriterCleansEverythingWrittenThroughIt() {
        StringWriter sink = new StringWriter();
        PrintWriter w = TerminalText.sanitizing(new PrintWriter(sink));

        w.println("a\u001b[2Kb");
        w.print('\u0007');
        w.printf("%s%n", "\u009b");
        w.flush();

        assertEquals("a␛[2Kb\n␇�\n", sink.toString());
        assertSame(w, TerminalText.sanitizing(w), "never wrapped twice");
    }
}
