package dev.authbisect.core;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ways a secret shows up when code prints it transformed, computed here independently of the
 * redactor, for tests that scan output: as is, base64 (standard and URL-safe, inside a larger
 * encoded text too: "Basic " + base64(key:secret)), hex (both cases), URL-encoded (form and RFC 3986,
 * both cases of the escapes).
 */
public final class SecretForms {
    private SecretForms() {
    }

    /** Name of the form → the text to look for. */
    public static Map<String, String> of(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.put("plain", value);
        out.put("base64", Base64.getEncoder().encodeToString(bytes));
        out.put("base64url", Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        out.put("hex", HexFormat.of().formatHex(bytes));
        out.put("HEX", HexFormat.of().withUpperCase().formatHex(bytes));
        out.put("url-form", URLEncoder.encode(value, StandardCharsets.UTF_8));
        out.put("url-rfc3986", rfc3986(bytes, false));
        out.put("url-rfc3986-lower", rfc3986(bytes, true));
        out.put("url-every-byte", everyByte(bytes));
        return out;
    }

    /** Texts in which {@code value} is embedded: base64 of "prefix + value" at each of the three byte alignments. */
    public static List<String> embeddings(String value) {
        List<String> out = new ArrayList<>();
        for (String prefix : List.of("user:", "ab:", "k:")) {
            out.add("Basic " + Base64.getEncoder().encodeToString((prefix + value).getBytes(StandardCharsets.UTF_8)));
            out.add(Base64.getEncoder().encodeToString((prefix + value + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /**
     * Substrings that give the value away inside any base64 text, whatever its alignment: per
     * alignment, the characters that encode only the value's own bits (at least 8 of them).
     */
    public static List<String> base64Cores(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        for (int a = 0; a < 3; a++) {
            byte[] data = new byte[a + bytes.length];
            System.arraycopy(bytes, 0, data, a, bytes.length);
            String enc = Base64.getEncoder().withoutPadding().encodeToString(data);
            int from = (8 * a + 5) / 6;
            int to = 8 * (a + bytes.length) / 6;
            if (to - from >= 8) {
                out.add(enc.substring(from, to));
            }
        }
        return out;
    }

    private static String rfc3986(byte[] bytes, boolean lower) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                String hex = String.format("%%%02X", c);
                sb.append(lower ? hex.toLowerCase() : hex);
            }
        }
        return sb.toString();
    }

    private static String everyByte(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%%%02X", b & 0xff));
        }
        return sb.toString();
    }
}
