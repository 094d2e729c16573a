package dev.authbisect.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.config.ProbeSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.ExitException;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.Redactor;
import dev.authbisect.process.ProcessOutcome;
import dev.authbisect.process.ProcessResult;
import dev.authbisect.process.ProcessRunner;
import dev.authbisect.process.Processes;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeRunnerTest {
    private static final String API_KEY = "raHZAk1MDkAWviDpcBxAWU";
    private static final String API_SECRET = "cAnArY-SeCrEt-9f8e7d6c";
    private static final URI SENTINEL = URI.create("http://127.0.0.1:41000");
    private static final Redactor SHOWS_ALL = Redactor.create(new byte[] {7});
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path tmp;

    private final ProbeRunner runner = new ProbeRunner();

    private ProbeVariables variables(OptionalLong fixedTime) {
        return new ProbeVariables("http://127.0.0.1:41001/t/abc", "http://127.0.0.1:41001/control/abc",
                List.of("get_account_summary", "get_open_orders"), "1234567890abcdef", "mv-42", "local", fixedTime);
    }

    private Path moduleDir() throws IOException {
        return Files.createDirectories(tmp.resolve("module"));
    }

    private ProbeRequest request(List<String> command, Map<String, String> env, Duration timeout, Redactor redactor,
                                 OptionalLong fixedTime) throws IOException {
        ProbeSpec spec = new ProbeSpec(command, timeout, env);
        return ProbeRequest.of(spec, moduleDir(), tmp.resolve("scratch"), variables(fixedTime),
                Credentials.of(API_KEY, API_SECRET), SENTINEL, "127.0.0.1", redactor);
    }

    private ProcessResult run(List<String> command, Map<String, String> env, Duration timeout, Redactor redactor,
                              OptionalLong fixedTime) throws IOException {
        return runner.run(request(command, env, timeout, redactor, fixedTime));
    }

    private ProcessResult run(List<String> command, Map<String, String> env) throws IOException {
        return run(command, env, TIMEOUT, SHOWS_ALL, OptionalLong.empty());
    }

    private static Map<String, String> parseEnv(String out) {
        return Arrays.stream(out.split("\n")).filter(l -> l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    @Test
    void theProbeGetsExactlyTheContractEnvironmentAndNothingOfOurs() throws IOException {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("PYTHONPATH", "{{module.dir}}/backend");
        templates.put("EXCHANGE_CUSTOM_BASE_URL", "{{relay.url}}");
        templates.put("EXCHANGE_CUSTOM_API_KEY", "{{credentials.api_key}}");
        templates.put("EXCHANGE_CUSTOM_API_SECRET", "{{credentials.api_secret}}");
        templates.put("WHERE", "{{env.name}}@{{commit}}/{{module_version}} calls={{calls}} control={{control.url}}");

        ProbeRequest request = request(List.of("env"), templates, TIMEOUT, SHOWS_ALL, OptionalLong.of(1766131200000L));
        ProcessResult r = runner.run(request);

        Map<String, String> env = parseEnv(r.stdoutTail());
        String home = env.get("HOME");
        assertTrue(home.startsWith(tmp.resolve("scratch").toString()), home);
        String module = tmp.resolve("module").toAbsolutePath().toString();
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("PATH", ProcessRunner.minimalPath(Path.of(Processes.which("env")).getParent()));
        expected.put("HOME", home);
        expected.put("TMPDIR", Path.of(home).resolveSibling("tmp").toString());
        expected.put("LANG", "C.UTF-8");
        for (String proxy : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy")) {
            expected.put(proxy, "http://127.0.0.1:41000");
        }
        expected.put("NO_PROXY", "127.0.0.1");
        expected.put("no_proxy", "127.0.0.1");
        expected.put("AUTHBISECT_RELAY_URL", "http://127.0.0.1:41001/t/abc");
        expected.put("AUTHBISECT_CONTROL_URL", "http://127.0.0.1:41001/control/abc");
        expected.put("AUTHBISECT_CALLS", "get_account_summary,get_open_orders");
        expected.put("AUTHBISECT_COMMIT", "1234567890abcdef");
        expected.put("AUTHBISECT_MODULE_VERSION", "mv-42");
        expected.put("AUTHBISECT_ENV", "local");
        expected.put("AUTHBISECT_MODULE_DIR", module);
        expected.put("AUTHBISECT_FIXED_TIME_MS", "1766131200000");
        expected.put("PYTHONPATH", module + "/backend");
        expected.put("EXCHANGE_CUSTOM_BASE_URL", "http://127.0.0.1:41001/t/abc");
        expected.put("EXCHANGE_CUSTOM_API_KEY", API_KEY);
        expected.put("EXCHANGE_CUSTOM_API_SECRET", API_SECRET);
        expected.put("WHERE", "local@1234567890abcdef/mv-42 calls=get_account_summary,get_open_orders "
                + "control=http://127.0.0.1:41001/control/abc");
        assertEquals(expected, env);
        assertEquals(List.of("PYTHONPATH", "EXCHANGE_CUSTOM_BASE_URL", "EXCHANGE_CUSTOM_API_KEY",
                "EXCHANGE_CUSTOM_API_SECRET", "WHERE"), request.envNames());
        System.getenv().keySet().stream().filter(k -> !expected.containsKey(k))
                .forEach(k -> assertFalse(env.containsKey(k), k + " leaked"));
    }

    @Test
    void theFixedTimeIsAbsentWithoutAFixedClock() throws IOException {
        ProcessResult r = run(List.of("env"), Map.of());

        assertFalse(parseEnv(r.stdoutTail()).containsKey("AUTHBISECT_FIXED_TIME_MS"));
    }

    @Test
    void theProbeRunsInAnEmptyScratchFolderThatIsRemovedAfterwards() throws IOException {
        ProcessResult r = run(List.of("sh", "-c", "pwd; ls -A | wc -l; touch left-behind"), Map.of());

        String[] lines = r.stdoutTail().split("\n");
        assertTrue(lines[0].startsWith(tmp.resolve("scratch").toString()) && lines[0].endsWith("/work"), lines[0]);
        assertEquals("0", lines[1].strip());
        try (Stream<Path> left = Files.list(tmp.resolve("scratch"))) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void templateValuesAreNotHtmlEscaped() throws IOException {
        ProbeSpec spec = new ProbeSpec(List.of("sh", "-c", "printf %s \"$RAW\""), TIMEOUT, Map.of("RAW", "{{credentials.api_secret}}"));
        String secret = "a&b<c>\"d'=e/f";
        ProbeRequest request = ProbeRequest.of(spec, moduleDir(), tmp.resolve("scratch"), variables(OptionalLong.empty()),
                Credentials.of(API_KEY, secret), SENTINEL, "127.0.0.1", SHOWS_ALL);

        assertEquals(secret, runner.run(request).stdoutTail());
    }

    @Test
    void anUnknownTemplateVariableIsAConfigErrorNamingIt() {
        ExitException e = assertThrows(ExitException.class,
                () -> run(List.of("env"), Map.of("PYTHONPATH", "{{modul.dir}}/backend")));

        assertEquals(ExitCodes.USAGE, e.code());
        assertTrue(e.getMessage().startsWith("probe.env.PYTHONPATH: unknown template variable 'modul.dir' (known: calls, commit, "),
                e.getMessage());
        assertTrue(e.getMessage().contains("credentials.api_secret"), e.getMessage());
        assertFalse(e.getMessage().contains(API_SECRET));
    }

    @Test
    void anUnknownLeafOfAKnownMapIsAlsoAnError() {
        ExitException e = assertThrows(ExitException.class,
                () -> run(List.of("env"), Map.of("KEY", "{{credentials.key}}")));

        assertTrue(e.getMessage().startsWith("probe.env.KEY: unknown template variable 'credentials.key'"), e.getMessage());
    }

    @Test
    void aBrokenTemplateIsAConfigError() {
        ExitException e = assertThrows(ExitException.class, () -> run(List.of("env"), Map.of("URL", "{{relay.url")));

        assertEquals(ExitCodes.USAGE, e.code());
        assertTrue(e.getMessage().startsWith("probe.env.URL: invalid template: "), e.getMessage());
    }

    @Test
    void partialsAreRefused() {
        ExitException e = assertThrows(ExitException.class, () -> run(List.of("env"), Map.of("X", "{{> /etc/passwd}}")));

        assertEquals("probe.env.X: invalid template: partials are not supported ({{> /etc/passwd}})", e.getMessage());
    }

    @Test
    void probeEnvCannotOverrideWhatTheHarnessSets() {
        for (String owned : List.of("HTTPS_PROXY", "no_proxy", "HOME", "AUTHBISECT_RELAY_URL")) {
            ExitException e = assertThrows(ExitException.class, () -> run(List.of("env"), Map.of(owned, "x")));
            assertTrue(e.getMessage().startsWith("probe.env." + owned + ": set by authbisect itself"), e.getMessage());
        }
    }

    @Test
    void probeEnvMaySetPathAndLang() throws IOException {
        ProcessResult r = run(List.of("env"), Map.of("PATH", "/opt/venv/bin:/usr/bin:/bin", "LANG", "en_US.UTF-8"));

        Map<String, String> env = parseEnv(r.stdoutTail());
        assertEquals("/opt/venv/bin:/usr/bin:/bin", env.get("PATH"));
        assertEquals("en_US.UTF-8", env.get("LANG"));
    }

    @Test
    void exit125IsReportedAsItIs() throws IOException {
        ProcessResult r = run(List.of("sh", "-c", "echo cannot test this version >&2; exit 125"), Map.of());

        assertEquals(new ProcessOutcome.Exited(125), r.outcome());
        assertEquals(125, r.exitCode().orElseThrow());
        assertEquals("cannot test this version\n", r.stderrTail());
    }

    @Test
    void aHangingProbeTimesOutAndItsChildrenDie() throws Exception {
        String sleep = Processes.uniqueSleep(); // found in /proc by its argument: pids printed inside a PID namespace are not ours
        ProcessResult r = run(List.of("sh", "-c", "sleep " + sleep + " & wait"), Map.of(), Duration.ofMillis(600),
                SHOWS_ALL, OptionalLong.empty());

        assertEquals(new ProcessOutcome.TimedOut(Duration.ofMillis(600)), r.outcome());
        assertEquals(List.of(), Processes.stillRunningAfter(Duration.ofSeconds(2), sleep));
    }

    @Test
    void credentialsThatTheProbePrintsAreRedacted() throws IOException {
        Redactor redactor = SHOWS_ALL.with(Credentials.of(API_KEY, API_SECRET));

        ProcessResult r = run(List.of("sh", "-c", "echo key=$K secret=$S; echo $S >&2"),
                Map.of("K", "{{credentials.api_key}}", "S", "{{credentials.api_secret}}"), TIMEOUT, redactor, OptionalLong.empty());

        assertEquals("key=" + redactor.keyId(API_KEY) + " secret=***\n", r.stdoutTail());
        assertEquals("***\n", r.stderrTail());
    }

    @Test
    void aMistypedProbeCommandIsAOneLineResult() throws IOException {
        ProbeSpec spec = new ProbeSpec(List.of("pytho3", "probe.py"), TIMEOUT, Map.of());
        ProbeRequest request = new ProbeRequest(spec, moduleDir(), tmp.resolve("scratch"), variables(OptionalLong.empty()),
                Map.of(), SENTINEL, "127.0.0.1", SHOWS_ALL, "/usr/bin:/bin");

        ProcessResult r = runner.run(request);

        assertEquals(new ProcessOutcome.FailedToStart("probe command not found: 'pytho3' (not on PATH /usr/bin:/bin)"), r.outcome());
    }

    @Test
    void validateFindsTemplateErrorsWithoutRunningAnything() {
        ProbeSpec good = new ProbeSpec(List.of("no-such-probe"), TIMEOUT,
                Map.of("URL", "{{relay.url}}", "KEY", "{{credentials.api_key}}", "DIR", "{{module.dir}}/src"));
        ProbeSpec bad = new ProbeSpec(List.of("no-such-probe"), TIMEOUT, Map.of("URL", "{{relay.uri}}"));

        ProbeRunner.validate(good);
        ExitException e = assertThrows(ExitException.class, () -> ProbeRunner.validate(bad));

        assertTrue(e.getMessage().startsWith("probe.env.URL: unknown template variable 'relay.uri'"), e.getMessage());
    }

    @Test
    void theRequestDoesNotPrintCredentials() throws IOException {
        ProbeRequest request = ProbeRequest.of(new ProbeSpec(List.of("env"), TIMEOUT, Map.of()), moduleDir(), tmp,
                variables(OptionalLong.empty()), Credentials.of(API_KEY, API_SECRET), SENTINEL, "127.0.0.1", SHOWS_ALL);

        assertFalse(request.toString().contains(API_SECRET));
        assertFalse(request.toString().contains(API_KEY));
        assertFalse(request.templateContext().toString().contains(API_SECRET));
    }
}
