package dev.authbisect.report;

import dev.authbisect.core.ExitException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The report files a run can write into its folder. */
public enum Format {
    /** {@code index.html}: one self-contained page. */
    HTML("index.html"),
    /** {@code summary.md}: verdicts and a compact matrix for {@code $GITHUB_STEP_SUMMARY}. */
    MD("summary.md"),
    /** {@code junit.xml}: one test suite per environment. */
    JUNIT("junit.xml"),
    /** {@code result.json}: everything, schema {@code authbisect.result/2}. */
    JSON("result.json");

    private final String fileName;

    Format(String fileName) {
        this.fileName = fileName;
    }

    public String fileName() {
        return fileName;
    }

    /** Every format. */
    public static Set<Format> all() {
        return EnumSet.allOf(Format.class);
    }

    /** Parses "html,md,junit" (case-insensitive; "markdown" and "xml" accepted too). */
    public static Set<Format> parse(String list) {
        Set<Format> out = EnumSet.noneOf(Format.class);
        for (String raw : list.split(",")) {
            String s = raw.trim().toLowerCase(Locale.ROOT);
            if (s.isEmpty()) {
                continue;
            }
            out.add(switch (s) {
                case "html" -> HTML;
                case "md", "markdown" -> MD;
                case "junit", "xml" -> JUNIT;
                case "json" -> JSON;
                default -> throw ExitException.usage("--format: unknown format '" + raw.trim()
                        + "' (expected a comma-separated list of html, md, junit, json)");
            });
        }
        if (out.isEmpty()) {
            throw ExitException.usage("--format: no format given (expected a comma-separated list of html, md, junit, json)");
        }
        return out;
    }
}
