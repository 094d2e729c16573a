package dev.authbisect.cli;

import dev.authbisect.analysis.RunResult;
import dev.authbisect.analysis.VerdictAnalyzer;
import dev.authbisect.core.ExitCodes;
import dev.authbisect.report.Format;
import dev.authbisect.report.ReportWriter;
import dev.authbisect.report.ResultJson;
import dev.authbisect.run.OutputFolder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code authbisect report result.json [--format html,md,junit] [--out DIR]}: re-renders a run's reports. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render the reports of a run from its result.json alone.")
public final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RESULT_JSON", description = "A result.json written by 'authbisect run'.")
    Path resultFile;

    @Option(names = "--format", paramLabel = "LIST", defaultValue = "html,md,junit",
            description = "Comma-separated formats to write: html, md, junit, json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder to write into (default: the folder of RESULT_JSON).")
    Path out;

    @Override
    public Integer call() {
        Set<Format> formats = Format.parse(format);
        RunResult result = ResultJson.read(resultFile);
        if (result.verdicts().isEmpty() && !result.cells().isEmpty()) {
            result = VerdictAnalyzer.apply(result);
        }
        Path dir = OutputFolder.create(out != null ? out : resultFile.toAbsolutePath().getParent(),
                out != null ? "--out" : "the folder of " + resultFile, false);
        List<Path> written = ReportWriter.write(result, dir, formats);
        PrintWriter o = spec.commandLine().getOut();
        written.forEach(p -> o.println(p));
        o.flush();
        return ExitCodes.OK;
    }
}
