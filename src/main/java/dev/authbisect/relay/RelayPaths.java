package dev.authbisect.relay;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Which request paths the relay refuses to forward: anything that could reach the upstream
 * outside its base path. The relay forwards {@code <relay>/<token>/<path>} to
 * {@code <upstream>/<path>}, and HTTP clients and servers resolve dot segments — raw or
 * percent-encoded, in any case, even double-encoded or hidden behind {@code ;params} — so
 * {@code /%2e%2e/%2e%2e/private/x} would otherwise leave {@code /exchange/v1}. Refused: {@code .}
 * and {@code ..} segments in any of those spellings, encoded slashes and backslashes, malformed
 * percent-encoding, and any URL that, as the forwarder would build it, is not under the base path.
 */
final class RelayPaths {
    /** Decoding rounds: a segment still changing after this many is refused as well. */
    private static final int ROUNDS = 3;

    private RelayPaths() {
    }

    /** Why {@code rawPath} (the raw path after the trial prefix) must not be forwarded to {@code upstream}, if it must not. */
    static Optional<String> problem(String rawPath, URI upstream) {
        if (rawPath.indexOf('\\') >= 0) {
            return Optional.of("a backslash in the path");
        }
        for (String segment : rawPath.split("/", -1)) {
            String decoded = segment;
            for (int round = 0; ; round++) {
                Optional<String> next = percentDecode(decoded);
                if (next.isEmpty()) {
                    return Optional.of("malformed percent-encoding in the path segment '" + shown(segment) + "'");
                }
                if (next.get().equals(decoded)) {
                    break;
                }
                if (round == ROUNDS) {
                    return Optional.of("a path segment encoded more than " + ROUNDS + " times ('" + shown(segment) + "')");
                }
                decoded = next.get();
            }
            if (!decoded.equals(segment) && (decoded.indexOf('/') >= 0 || decoded.indexOf('\\') >= 0)) {
                return Optional.of("an encoded slash in the path segment '" + shown(segment) + "'");
            }
            String bare = decoded.split(";", 2)[0]; // servlet containers drop ;params before resolving dot segments
            if (bare.equals(".") || bare.equals("..")) {
                return Optional.of("a dot segment '" + shown(segment) + "' in the path: it would resolve outside the upstream's base path");
            }
        }
        return outsideBase(rawPath, upstream);
    }

    /** The URL the forwarder builds, read as OkHttp reads it, must stay on the upstream's host and under its base path. */
    private static Optional<String> outsideBase(String rawPath, URI upstream) {
        HttpUrl base = HttpUrl.parse(upstream.toString());
        if (base == null) {
            return Optional.empty(); // not an HTTP upstream: the forwarder reports it
        }
        String b = upstream.toString();
        if (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        HttpUrl url = HttpUrl.parse(b + (rawPath.startsWith("/") ? rawPath : "/" + rawPath));
        String basePath = base.encodedPath().endsWith("/") ? base.encodedPath() : base.encodedPath() + "/";
        if (url == null || !url.scheme().equals(base.scheme()) || !url.host().equals(base.host()) || url.port() != base.port()
                || !(url.encodedPath() + "/").startsWith(basePath)) {
            return Optional.of("the path would resolve outside the upstream's base path " + base.encodedPath());
        }
        return Optional.empty();
    }

    /** {@code %XX} sequences decoded as UTF-8 ({@code +} stays); empty when an escape or the UTF-8 is malformed. */
    static Optional<String> percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return Optional.of(s);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != '%') {
                bytes.write(raw[i]);
                continue;
            }
            if (i + 2 >= raw.length) {
                return Optional.empty();
            }
            int hi = Character.digit(raw[i + 1], 16);
            int lo = Character.digit(raw[i + 2], 16);
            if (hi < 0 || lo < 0) {
                return Optional.empty();
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Request text from the code, for one-line messages: control and format characters become '?', bounded. */
    static String shown(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(160).forEach(cp -> sb.appendCodePoint(
                Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT ? '?' : cp));
        return text.codePointCount(0, text.length()) > 160 ? sb + "…" : sb.toString();
    }
}
