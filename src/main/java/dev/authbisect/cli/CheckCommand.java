package dev.authbisect.cli;

import dev.authbisect.analysis.Cell;
import dev.authbisect.config.HarnessConfig;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.Outcome;
import dev.authbisect.run.ConfigCheck;
import dev.authbisect.run.ProbeTryout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code authbisect check}: validate a config, list the range's module versions, and with --probe try the probe once. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validate a config (credentials, repository, range, module paths), print it resolved with secrets "
                + "redacted, and list the range's commits and module versions.",
                "With --probe: materialize the newest commit's module version, run the probe once through the relay against a "
                        + "throwaway simulator (a generated key; no configured upstream is contacted) and show what reached the relay."})
public final class CheckCommand extends ConfigCommand implements Callable<Integer> {
    private static final int REQUEST_CHARS = 300;

    @Option(names = "--probe", description = "Also run the probe once on the newest module version against a throwaway simulator.")
    boolean probe;

    @Option(names = "--out", paramLabel = "DIR", description = "With --probe: where its journal and logs go (default: reports/check-<time>).")
    Path out;

    @Override
    public Integer call() {
        HarnessConfig cfg = options.load(root);
        String text = ConfigCheck.of(cfg, System.getenv(), options.cache, r -> root.redactor(r)).describe();
        PrintWriter o = spec.commandLine().getOut();
        o.print(text);
        o.flush();
        if (!probe) {
            return ExitCodes.OK;
        }
        Path dir = out != null ? out : Path.of("reports", "check-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        ProbeTryout.Result r = ProbeTryout.of(cfg, System.getenv(), options.cache, dir).call();
        o.println();
        o.println("probe tryout: module version " + r.moduleVersion().substring(0, Math.min(8, r.moduleVersion().length()))
                + " at " + r.commit().id().name().substring(0, 7) + " \"" + CellReasons.printable(r.commit().subject()) + "\"");
        o.println("  through the relay to a throwaway simulator with a generated key (no configured upstream was contacted):");
        for (Cell c : r.cells()) {
            o.println("  " + c.call() + ": " + c.outcome() + (c.outcome() == Outcome.OK || c.codeLabel().equals(c.outcome().name())
                    ? "" : " " + c.codeLabel()) + details(c));
            if (!c.evidence().request().isEmpty()) {
                String req = c.evidence().request().replace('\n', ' ').strip();
                o.println("    reached the relay: " + CellReasons.printable(req.length() > REQUEST_CHARS
                        ? req.substring(0, REQUEST_CHARS) + "…" : req));
            }
            if (!c.outcome().decisive() || c.outcome() != Outcome.OK && !c.diagnosis().isEmpty()) {
                o.println("    why: " + CellReasons.of(c));
            }
        }
        r.log().ifPresent(p -> o.println("  probe log: " + p));
        o.println(switch (r.exitCode()) {
            case ExitCodes.OK -> "probe tryout: every call reached the relay, signed correctly, and got OK";
            case ExitCodes.FAILURES -> "probe tryout: the simulator rejected a call (see above): the code or the probe config is wrong";
            default -> r.cells().stream().anyMatch(c -> c.diagnosis().contains(dev.authbisect.run.MissingSupport.MARK))
                    ? "probe tryout: the module needs files from outside its paths: add the paths named above to"
                    + " target.module.support, then check again"
                    : "probe tryout: some calls never got an answer: fix the probe or its probe.env before `authbisect run`";
        });
        o.flush();
        return r.exitCode();
    }

    private static String details(Cell c) {
        StringBuilder b = new StringBuilder();
        if (c.checks().signature().status() != dev.authbisect.core.SignatureCheck.Status.NOT_CHECKED) {
            b.append(", signature ").append(c.checks().signature().status());
        }
        if (c.answer().httpStatus() != null) {
            b.append(", HTTP ").append(c.answer().httpStatus());
        }
        if (c.timing().latencyMs() != null) {
            b.append(", ").append(c.timing().latencyMs()).append(" ms");
        }
        return b.toString();
    }
}
