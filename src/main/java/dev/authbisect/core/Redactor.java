package dev.authbisect.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one redactor every output goes through (files, stdout, logs, exceptions). It knows the
 * run's credentials: a key is shown as its first 6 characters plus a short keyed hash
 * ({@code raHZAk…#3f2a}), so "same key" and "rotated key" stay visible; a secret is never
 * shown ({@code ***}); 64-hex signatures are truncated to 8 characters.
 *
 * <p>Immutable; {@link #with(Credentials)} returns a redactor that also knows more credentials.
 */
public final class Redactor {
    private static final Pattern SIGNATURE = Pattern.compile("(?<![0-9a-fA-F])([0-9a-fA-F]{8})[0-9a-fA-F]{56}(?![0-9a-fA-F])");
    /** Values shorter than this are not replaced as free text (they would match everywhere). */
    private static final int MIN_LENGTH = 6;

    private final byte[] hashKey;
    private final Map<String, String> replacements; // clear value -> shown form, longest first

    private Redactor(byte[] hashKey, Map<String, String> replacements) {
        this.hashKey = hashKey.clone();
        List<Map.Entry<String, String>> entries = new ArrayList<>(replacements.entrySet());
        entries.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        LinkedHashMap<String, String> ordered = new LinkedHashMap<>();
        entries.forEach(e -> ordered.put(e.getKey(), e.getValue()));
        this.replacements = ordered;
    }

    /** A redactor that knows no credentials yet; {@code hashKey} keys the short key hashes. */
    public static Redactor create(byte[] hashKey) {
        return new Redactor(hashKey, Map.of());
    }

    /** A redactor with its own random hash key (hashes are then comparable within one run only). */
    public static Redactor random() {
        byte[] key = new byte[16];
        new java.security.SecureRandom().nextBytes(key);
        return create(key);
    }

    /** Also redact an environment's key (shown as {@link #keyId(Credentials)}) and its secret. */
    public Redactor with(Credentials credentials) {
        return withKey(credentials.apiKey().reveal(), keyId(credentials)).withSecret(credentials.apiSecret().reveal());
    }

    public Redactor with(Collection<Credentials> credentials) {
        Redactor r = this;
        for (Credentials c : credentials) {
            r = r.with(c);
        }
        return r;
    }

    /** Also redact {@code apiKey} (shown as prefix and keyed hash). */
    public Redactor withKey(String apiKey) {
        return apiKey == null || apiKey.isEmpty() ? this : withKey(apiKey, keyId(apiKey));
    }

    private Redactor withKey(String apiKey, String shown) {
        if (apiKey == null || apiKey.isEmpty()) {
            return this;
        }
        Map<String, String> next = new LinkedHashMap<>(replacements);
        for (String form : forms(apiKey)) {
            next.putIfAbsent(form, shown);
        }
        return new Redactor(hashKey, next);
    }

    /** Also redact {@code secret} (never shown). */
    public Redactor withSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            return this;
        }
        Map<String, String> next = new LinkedHashMap<>(replacements);
        for (String form : forms(secret)) {
            next.put(form, "***");
        }
        return new Redactor(hashKey, next);
    }

    /** Also redact each of {@code secrets} (never shown). */
    public Redactor withSecrets(Collection<String> secrets) {
        Redactor r = this;
        for (String s : secrets) {
            r = r.withSecret(s);
        }
        return r;
    }

    /**
     * How a key is shown: first 6 characters, an ellipsis, and a 4-hex keyed hash. A key this
     * redactor knows with its secret ({@link #with(Credentials)}) shows as {@link #keyId(Credentials)},
     * the same on every machine; any other key (one the code sent that is no environment's) is hashed
     * with this redactor's hash key, so it is comparable within the run (and the cache) only.
     */
    public String keyId(String apiKey) {
        String known = replacements.get(apiKey);
        if (known != null && !known.equals("***")) {
            return known;
        }
        return keyPrefix(apiKey) + "…#" + shortHash(apiKey);
    }

    /**
     * How an environment's key is shown: first 6 characters and the first 4 hex digits of
     * HMAC-SHA256(api_secret, api_key). The same on every machine and in every run (so nights can be
     * compared, and a rotated secret shows as another id), and not checkable without the secret.
     */
    public static String keyId(Credentials credentials) {
        String key = credentials.apiKey().reveal();
        return keyPrefix(key) + "…#" + hmacHex(credentials.apiSecret().reveal().getBytes(StandardCharsets.UTF_8), key);
    }

    private static String keyPrefix(String apiKey) {
        return apiKey.length() <= 6 ? "" : apiKey.substring(0, 6);
    }

    /** The short keyed hash of a value (4 hex characters). */
    public String shortHash(String value) {
        return hmacHex(hashKey, value);
    }

    private static String hmacHex(byte[] key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 2);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Redacts every known key and secret and truncates signatures. Null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, String> e : replacements.entrySet()) {
            if (e.getKey().length() >= MIN_LENGTH || out.equals(e.getKey())) {
                out = out.replace(e.getKey(), e.getValue());
            }
        }
        return SIGNATURE.matcher(out).replaceAll("$1…");
    }

    /** Redacts and also bounds the text to {@code maxChars}, keeping the tail. */
    public String redactTail(String text, int maxChars) {
        String r = redact(text);
        if (r == null || r.length() <= maxChars) {
            return r;
        }
        return "…(" + (r.length() - maxChars) + " characters cut)…\n" + r.substring(r.length() - maxChars);
    }

    /**
     * The texts that give {@code value} away: as is, URL-encoded (form and RFC 3986, either case of
     * the escapes, every byte escaped), JSON-escaped, hex (either case), and base64 (standard and
     * URL-safe, padded or not) — also inside a larger base64 text ({@code "Basic " + base64(key:secret)}),
     * where it is found by the characters that encode only its own bits, at each of the three byte
     * alignments. Forms of fewer than 8 characters are left out of the embedded ones (they would match by chance).
     */
    static List<String> forms(String value) {
        java.util.LinkedHashSet<String> forms = new java.util.LinkedHashSet<>();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        forms.add(value);
        forms.add(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
        forms.add(percentEncoded(bytes, false, false));
        forms.add(percentEncoded(bytes, false, true));
        forms.add(percentEncoded(bytes, true, false));
        forms.add(percentEncoded(bytes, true, true));
        forms.add(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
        forms.add(HexFormat.of().formatHex(bytes));
        forms.add(HexFormat.of().withUpperCase().formatHex(bytes));
        for (java.util.Base64.Encoder encoder : List.of(java.util.Base64.getEncoder(), java.util.Base64.getUrlEncoder())) {
            forms.add(encoder.encodeToString(bytes));
            forms.add(encoder.withoutPadding().encodeToString(bytes));
            for (int align = 0; align < 3; align++) {
                byte[] shifted = new byte[align + bytes.length];
                System.arraycopy(bytes, 0, shifted, align, bytes.length);
                String encoded = encoder.withoutPadding().encodeToString(shifted);
                int from = (8 * align + 5) / 6;        // the first character made of the value's bits only
                int to = 8 * (align + bytes.length) / 6; // after the last such character
                if (to - from >= 8) {
                    forms.add(encoded.substring(from, to));
                }
            }
        }
        forms.removeIf(String::isEmpty);
        return new ArrayList<>(forms);
    }

    /** RFC 3986 percent-encoding ({@code everyByte}: every byte escaped), escapes in upper or lower case. */
    private static String percentEncoded(byte[] bytes, boolean everyByte, boolean lower) {
        StringBuilder sb = new StringBuilder();
        HexFormat hex = lower ? HexFormat.of() : HexFormat.of().withUpperCase();
        for (byte b : bytes) {
            int c = b & 0xff;
            boolean unreserved = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved && !everyByte) {
                sb.append((char) c);
            } else {
                sb.append('%').append(hex.toHexDigits((byte) c));
            }
        }
        return sb.toString();
    }
}
