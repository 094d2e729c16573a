package dev.authbisect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionTest {
    @Test
    void theFastVersionLineIsWhatPicocliPrints() {
        for (String option : new String[] {"--version", "-V"}) {
            StringWriter out = new StringWriter();
            CommandLine cl = AuthBisect.commandLine();
            cl.setOut(new PrintWriter(out, true));
            assertEquals(0, cl.execute(option));
            assertEquals(Main.versionLine() + System.lineSeparator(), out.toString());
        }
    }
}
