package dev.authbisect.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.ProbeSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.Redactor;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay's per-run CA reaches the probe in every variable a TLS stack reads a bundle from. */
class ProbeCaBundleTest {
    @TempDir
    Path tmp;

    private ProbeRequest request(Map<String, String> env) throws IOException {
        ProbeVariables vars = new ProbeVariables("http://127.0.0.1:41001/t", "http://127.0.0.1:41001/t/_authbisect",
                List.of("c"), "commit", "mv", "local", OptionalLong.empty());
        return ProbeRequest.of(new ProbeSpec(List.of("env"), Duration.ofSeconds(5), env), Files.createDirectories(tmp.resolve("m")),
                tmp.resolve("scratch"), vars, Credentials.of("key", "secret"), URI.create("http://127.0.0.1:41000"), "127.0.0.1",
                Redactor.create(new byte[] {7}));
    }

    private static Map<String, String> parse(String out) {
        return Arrays.stream(out.split("\n")).filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    @Test
    void everyCaBundleVariableNamesTheRunsCa() throws IOException {
        Path bundle = Files.writeString(tmp.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, String> env = parse(new ProbeRunner().run(request(Map.of()).withCaBundle(bundle)).stdoutTail());
        for (String name : List.of("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "AUTHBISECT_CA_FILE")) {
            assertEquals(bundle.toAbsolutePath().toString(), env.get(name), name);
        }
        assertEquals(ProbeRunner.CA_VARIABLES.size(), 5);
    }

    @Test
    void withoutABundleNoneIsSet() throws IOException {
        Map<String, String> env = parse(new ProbeRunner().run(request(Map.of())).stdoutTail());
        ProbeRunner.CA_VARIABLES.forEach(name -> assertFalse(env.containsKey(name), name));
    }

    @Test
    void probeEnvCannotSetThem() {
        for (String name : List.of("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "AUTHBISECT_CA_FILE")) {
            ExitException e = assertThrows(ExitException.class, () -> ProbeSpec.checkEnvNames(Map.of(name, "/etc/ssl/x.pem")));
            assertTrue(e.getMessage().startsWith("probe.env." + name + ": set by authbisect itself"), e.getMessage());
        }
    }

    @Test
    void everyVariableTheRunnerSetsItselfIsReservedInTheConfig() throws IOException {
        Path bundle = Files.writeString(tmp.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Map<String, String> env = parse(new ProbeRunner().run(request(Map.of()).withCaBundle(bundle)).stdoutTail());
        assertTrue(env.containsKey("HTTPS_PROXY") && env.containsKey("HOME") && env.containsKey("SSL_CERT_FILE"), env::toString);
        for (String name : env.keySet()) {
            if (!List.of("PATH", "LANG").contains(name)) { // probe.env may set these two
                assertThrows(ExitException.class, () -> ProbeSpec.checkEnvNames(Map.of(name, "x")), name);
            }
        }
    }
}
