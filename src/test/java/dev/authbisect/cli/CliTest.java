package dev.authbisect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.analysis.Cell;
import dev.authbisect.core.Outcome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line itself: suggestions, exit-code table, ANSI rules, completion, progress lines. */
class CliTest {
    record Ran(int code, String out, String err) {
    }

    static Ran run(Terminal terminal, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = AuthBisect.commandLine(terminal);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Ran(cl.execute(args), out.toString(), err.toString());
    }

    static Ran run(String... args) {
        return run(Terminal.of(false, Map.of()), args);
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        Ran r = run("chek", "--config", "x.yaml");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("authbisect: unknown command 'chek' (did you mean 'check'?) (commands: run, bisect,"), r.err());
        assertTrue(run("bisekt").err().contains("did you mean 'bisect'?"));
        assertFalse(run("frobnicate").err().contains("did you mean"), "no wild guesses");
    }

    @Test
    void aMistypedOptionGetsASuggestionEvenWhenARequiredOptionIsMissingBecauseOfIt() {
        Ran r = run("run", "--confg", "x.yaml");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("authbisect: Unknown option: '--confg' (did you mean '--config'?)"), r.err());
        Ran range = run("run", "--config", "x.yaml", "--rnage=A..B");
        assertTrue(range.err().contains("Unknown option: '--rnage' (did you mean '--range'?)"), range.err());
        Ran probe = run("check", "--config", "x.yaml", "--prob");
        assertTrue(probe.err().contains("did you mean '--probe'?"), probe.err());
    }

    @Test
    void theHelpListsEveryExitCodeIncludingInterrupted() {
        String help = run("--help").out();
        for (String line : List.of("0     success", "1     internal error", "2     usage or config error", "3     failures found",
                "4     incomplete", "130   interrupted by SIGINT (Ctrl-C)", "143   interrupted by SIGTERM")) {
            assertTrue(help.contains(line), line + " in\n" + help);
        }
        assertTrue(help.contains("init") && help.contains("completion"), help);
    }

    @Test
    void ansiOnlyOnATerminalWithoutNoColorOrDumbTerm() {
        assertTrue(run(Terminal.of(true, Map.of()), "--help").out().contains("\u001B["), "styled help on a terminal");
        assertFalse(run(Terminal.of(false, Map.of()), "--help").out().contains("\u001B["), "not into a pipe");
        assertFalse(run(Terminal.of(true, Map.of("NO_COLOR", "1")), "--help").out().contains("\u001B["), "NO_COLOR");
        assertFalse(run(Terminal.of(true, Map.of("TERM", "dumb")), "--help").out().contains("\u001B["), "TERM=dumb");
        assertTrue(Terminal.of(true, Map.of("NO_COLOR", "")).ansi(), "an empty NO_COLOR does not count (no-color.org)");
        assertFalse(Terminal.of(true, Map.of("CI", "true")).bar(), "CI logs get lines, not a bar");
        assertFalse(Terminal.of(true, Map.of("NO_COLOR", "1")).bar());
    }

    @Test
    void completionPrintsABashScriptForEveryCommand() {
        Ran r = run("completion");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("complete -F"), r.out());
        for (String c : List.of("run", "bisect", "check", "init", "report", "--worktree", "--probe")) {
            assertTrue(r.out().contains(c), c);
        }
    }

    static Cell probeError(String row, String call) {
        return new Cell(row, "prod", call, Outcome.PROBE_ERROR,
                "probe exited 1 before the call (it never announced " + call + " and no request for private/x reached the relay)",
                null, null, null, new Cell.Evidence(null, null, null,
                "Traceback (most recent call last):\n  File \"probe.py\", line 3\nModuleNotFoundError: No module named 'requests'\n"));
    }

    @Test
    void undecidedCellsShowTheirReasonAndLogAndAreCountedAtTheEnd() {
        StringWriter err = new StringWriter();
        ConsoleProgress p = ConsoleProgress.create(new PrintWriter(err), Terminal.of(false, Map.of()));
        p.planned(2, 3, 3);
        p.trialFinished("mv1 × prod", List.of(probeError("mv1", "a"), probeError("mv1", "b")),
                Optional.of(Path.of("/r/logs/probe-mv1@prod.log")));
        Cell transport = new Cell("ref", "prod", "a", Outcome.TRANSPORT_ERROR,
                "connect refused: 127.0.0.1:9 (the upstream is down?)", null, null, null, null);
        p.trialFinished("reference × prod × a", List.of(transport));
        Cell skipped = new Cell("mv2", "prod", "a", Outcome.SKIPPED, "probe exited 125: cannot test this module version",
                null, null, null, new Cell.Evidence(null, null, null, "no client\n"));
        p.trialFinished("mv2 × prod", List.of(skipped), Optional.of(Path.of("/r/logs/probe-mv2@prod.log")));
        p.finished();
        String text = err.toString();
        assertTrue(text.contains("[1/3] mv1 × prod: a=PROBE_ERROR, b=PROBE_ERROR\n"
                + "    PROBE_ERROR: probe exited 1 before the call: ModuleNotFoundError: No module named 'requests'"
                + " (log: /r/logs/probe-mv1@prod.log)\n[2/3]"), "one reason line for both cells:\n" + text);
        assertTrue(text.contains("    TRANSPORT_ERROR: connect refused: 127.0.0.1:9 (the upstream is down?)\n"), text);
        assertFalse(text.contains("    SKIPPED"), "a skip gets no line of its own:\n" + text);
        assertTrue(text.contains("authbisect: 4 cells undecided:\n"
                + "  2 × PROBE_ERROR: probe exited 1 before the call: ModuleNotFoundError: No module named 'requests'"
                + " (e.g. /r/logs/probe-mv1@prod.log)\n"), text);
        assertTrue(text.contains("  1 × SKIPPED: probe exited 125: no client (e.g. /r/logs/probe-mv2@prod.log)\n"), text);
    }

    @Test
    void progressCountersComeOutInOrderUnderParallelTrials() throws Exception {
        StringWriter err = new StringWriter();
        ConsoleProgress p = ConsoleProgress.create(new PrintWriter(err), Terminal.of(false, Map.of()));
        int trials = 400;
        p.planned(trials, trials, trials);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < trials; i++) {
            int n = i;
            pool.submit(() -> p.trialFinished("mv" + n + " × prod", List.of(Cell.of("mv" + n, "prod", "a", Outcome.OK, 0, "SUCCESS"))));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        List<Integer> counters = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\[(\\d+)/400\\]").matcher(err.toString());
        while (m.find()) {
            counters.add(Integer.parseInt(m.group(1)));
        }
        assertEquals(trials, counters.size());
        for (int i = 0; i < trials; i++) {
            assertEquals(i + 1, counters.get(i), "line " + i);
        }
    }

    @Test
    void reasonsNeverCarryControlCharacters() {
        Cell c = new Cell("mv1", "prod", "a", Outcome.NOT_SENT, "the probe announced a\u001B[31m but", null, null, null, null);
        assertEquals("the probe announced a␛[31m but", CellReasons.of(c), "shown by the one terminal sanitizer, TerminalText");
    }
}
