package dev.authbisect.report;

/** XML 1.0 text and attribute escaping; characters XML cannot carry are shown as {@code \\uXXXX}. */
public final class Xml {
    private Xml() {
    }

    /** For attribute values: tabs and line breaks become character references too. */
    public static String escape(String s) {
        return escape(s, true);
    }

    /** For element text: line breaks stay as they are. */
    public static String text(String s) {
        return escape(s, false);
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                case '\t', '\n', '\r' -> {
                    if (attribute) {
                        sb.append("&#").append((int) ch).append(';');
                    } else {
                        sb.append(ch);
                    }
                }
                default -> {
                    if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(ch).append(s.charAt(++i));
                    } else if (ch < 0x20 || Character.isSurrogate(ch) || ch == 0xFFFE || ch == 0xFFFF) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }
}
