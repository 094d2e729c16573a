package dev.authbisect.report;

import java.util.List;

/**
 * The values {@code index.mustache} renders. Every string is raw data: the template escapes
 * it ({@code {{ }}} only, never triple braces).
 */
final class HtmlModel {
    private HtmlModel() {
    }

    record Page(String title, Header header, List<VerdictView> verdicts, List<EnvView> environments,
                List<EnvGroup> envGroups, List<ColumnView> columns, List<StripView> strips, Axis axis,
                List<RowView> rows, List<LegendItem> legend, List<String> warnings, boolean hasWarnings,
                String omittedNote, boolean hasOmitted, String incomplete) {
    }

    record Header(String repo, String range, String rangeResolved, String modulePaths, String startedAt, String finishedAt,
                  String toolVersion, int exitCode, String exitWords, String configDigest, int versions, int commits,
                  int environments, int calls) {
    }

    record VerdictView(String call, String method, String kind, String kindWords, String kindClass, boolean provisional,
                       List<SentenceParts> sentences, List<TransitionView> transitions, boolean hasTransitions,
                       String transitionCount, boolean transitionsOpen) {
    }

    record TransitionView(String env, String kind, String kindClass, CommitView lastGood, CommitView firstBad,
                          String from, String to) {
    }

    record CommitView(String shortId, String id, String subject, String author, String time) {
    }

    record EnvView(String name, String upstreamKind, String upstream, String keyId, String egressIp,
                   boolean hasEgressIp) {
    }

    record EnvGroup(String name, int span, String upstreamKind) {
    }

    record ColumnView(String env, String call, String cls) {
    }

    record StripView(String env, String call, List<SegView> segments) {
    }

    /** The ends of the history strips. */
    record Axis(String oldest, String newest) {
    }

    record SegView(String cls, String title) {
    }

    record LegendItem(String cls, String label, String name, String words) {
    }

    record RowView(String id, boolean reference, String moduleVersion, String build, boolean buildProblem,
                   int commitCount, String commitWords, CommitView first, CommitView last, boolean many,
                   List<CommitView> commits, int hiddenCommits, boolean hasHidden, List<Mark> marks, boolean hasMarks,
                   List<CellView> cells, boolean worktree, boolean versioned) {
    }

    record Mark(String cls, String text) {
    }

    /**
     * @param anchor the cell's id: its permalink is {@code index.html#<anchor>}
     * @param place  "env · call", shown where the matrix has no column headers (print)
     */
    record CellView(boolean present, String cls, String label, String colCls, boolean sigBad, String title,
                    Detail detail, String anchor, String place) {
    }

    record Detail(String where, String outcome, String outcomeWords, String codeLabel, String httpStatus,
                  String latency, String signatureStatus, String signatureSummary, String clockStatus, String clockSummary,
                  List<FindingView> findings,
                  boolean hasFindings, String diagnosis, String simReason, List<String> egress, boolean hasEgress,
                  List<String> repetitions, boolean hasRepetitions, String request, String response, String probeTail,
                  boolean omitted, String anchor, String repro) {
    }

    record FindingView(String kind, String component, String client, String canonical) {
    }
}
