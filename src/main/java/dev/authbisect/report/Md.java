package dev.authbisect.report;

/** Escaping for GitHub-flavoured Markdown text (also inside table cells). */
public final class Md {
    private Md() {
    }

    /**
     * Text that renders as itself in the middle of a line: no emphasis, links, HTML, math,
     * mentions, code spans or table breaks; one line. (Our own text always starts the line.)
     */
    public static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~', '$', '@' ->
                        sb.append('\\').appendCodePoint(cp);
                case '\n', '\r', '\t' -> sb.append(' ');
                default -> {
                    if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT) {
                        sb.append(' ');
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * A code span for a name: backticks inside become ', and | is escaped (GitHub splits table
     * cells on | even inside code spans, unless escaped).
     */
    public static String code(String s) {
        String clean = s.replace('`', '\'').replace("|", "\\|").replaceAll("[\\p{Cntrl}\\p{Cf}]", " ");
        return "`" + clean + "`";
    }

    /** A verdict sentence: text parts escaped, backtick parts as code spans. */
    public static String sentence(String sentence) {
        StringBuilder sb = new StringBuilder();
        for (SentenceParts.Part p : SentenceParts.of(sentence).parts()) {
            sb.append(p.code() ? code(p.text()) : text(p.text()));
        }
        return sb.toString();
    }
}
