package dev.authbisect.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.ExitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulators:} pointing at the wrong file — a dotenv, a system file, a device, something huge:
 * one line, exit 2, the content described by its type and never quoted.
 */
class ScenarioLoaderHostileTest {
    static final String TOKEN = "tok3n-7f3a9c-do-not-print";

    @TempDir
    Path dir;

    private ExitException refused(String name, String content) throws Exception {
        Path f = Files.writeString(dir.resolve(name), content);
        ExitException e = assertThrows(ExitException.class, () -> Scenario.load(f));
        assertEquals(2, e.code());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e;
    }

    @Test
    void aDotenvFileIsDescribedNotQuoted() throws Exception {
        ExitException e = refused("prod.env", "API_KEY=raHZAk1MDkAWviDpcBxAWU\nAPI_SECRET=" + TOKEN + "\n");

        assertEquals("scenario " + dir.resolve("prod.env") + ":1:1: (top level): expected a scenario, a mapping with keys venue,"
                + " description, clock, nonce_window, ip_violation_code, keys, policies, rate_limit, faults, events, got plain text"
                + " (is this a scenario file?)", e.getMessage());
    }

    @Test
    void systemFilesAndMappingsOfOtherThingsAreDescribedNotQuoted() throws Exception {
        List<ExitException> errors = List.of(
                refused("passwd", "root:x:0:0:" + TOKEN + ":/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"),
                refused("creds.yaml", "PASSWORD: " + TOKEN + "\nAPI_SECRET: " + TOKEN + "\n"),
                refused("list.yaml", "- " + TOKEN + "\n"),
                refused("number.yaml", "4242424242\n"));

        for (ExitException e : errors) {
            assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
            assertFalse(e.getMessage().contains("PASSWORD"), e.getMessage());
            assertFalse(e.getMessage().contains("4242424242"), e.getMessage());
            assertTrue(e.getMessage().contains("(is this a scenario file?)"), e.getMessage());
        }
        assertTrue(errors.get(1).getMessage().contains("got a mapping with none of them"), errors.get(1).getMessage());
    }

    @Test
    void aSecretOfTheWrongTypeIsDescribedNotQuoted() throws Exception {
        ExitException e = refused("bad.yaml", "keys:\n  - api_key: 424242424242\n    secret: 13371337\n");

        assertFalse(e.getMessage().contains("424242424242"), e.getMessage());
        assertTrue(e.getMessage().endsWith("keys[0].api_key: expected a string (the key's id), got a number"), e.getMessage());
    }

    @Test
    void aHugeFileOrADeviceIsRefusedWithoutReadingIt() throws Exception {
        ExitException huge = refused("huge.yaml", "keys: []\n" + ("# " + "x".repeat(1000) + "\n").repeat(4200));
        ExitException zero = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ExitException.class, () -> Scenario.load(Path.of("/dev/zero"))));

        assertEquals("scenario " + dir.resolve("huge.yaml") + ": the file is over 4 MiB (expected a scenario, a few KiB of YAML)",
                huge.getMessage());
        assertEquals("scenario /dev/zero: the file is not a regular file (a device, FIFO or socket) (expected a scenario YAML file)",
                zero.getMessage());
    }
}
