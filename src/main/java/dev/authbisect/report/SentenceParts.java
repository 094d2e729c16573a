package dev.authbisect.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A verdict sentence split into text and code parts: backticks delimit names (see the analysis
 * package's sentence rules). An unpaired backtick is kept as text.
 */
public record SentenceParts(List<Part> parts) {
    /** One run of text; {@code code} when it was between backticks. */
    public record Part(String text, boolean code) {
    }

    public static SentenceParts of(String sentence) {
        List<Part> parts = new ArrayList<>();
        String[] pieces = sentence.split("`", -1);
        boolean paired = pieces.length % 2 == 1;
        if (!paired) {
            return new SentenceParts(List.of(new Part(sentence, false)));
        }
        for (int i = 0; i < pieces.length; i++) {
            if (!pieces[i].isEmpty()) {
                parts.add(new Part(pieces[i], i % 2 == 1));
            }
        }
        return new SentenceParts(parts);
    }
}
