package dev.authbisect.relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server side of HTTP/1.1 on a captured (TLS-terminated) connection: reads one request at a
 * time (request line, headers, a {@code Content-Length} or chunked body, {@code Expect:
 * 100-continue}), and writes answers with a {@code Content-Length}. Keep-alive as the client
 * asks; no pipelining (clients wait for an answer before the next request).
 */
final class HttpWire {
    static final int MAX_HEAD = 64 * 1024;

    private HttpWire() {
    }

    /** A request as it came off the wire; {@code target} is the origin-form path and query. */
    record Request(String method, String path, String query, String version, Map<String, List<String>> headers, byte[] body) {
        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst();
        }

        /** HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it. */
        boolean keepAlive() {
            String c = header("connection").orElse("").toLowerCase(Locale.ROOT);
            return "HTTP/1.1".equals(version) ? !c.contains("close") : c.contains("keep-alive");
        }
    }

    /** The client sent something that is not an HTTP/1.x request, or too much of it. */
    static final class BadRequest extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * Reads the next request; empty when the client closed the connection before sending one.
     *
     * @param out where {@code 100 Continue} goes when the client waits for it
     */
    static Optional<Request> read(InputStream in, OutputStream out, int maxBody) throws IOException {
        Optional<String> head = head(in);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<String> lines = head.get().lines().toList();
        String[] start = lines.isEmpty() ? new String[0] : lines.get(0).split(" ");
        if (start.length != 3 || !start[2].startsWith("HTTP/1.")) {
            throw new BadRequest(400, "not an HTTP/1.x request line");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest(400, "malformed header line");
            }
            headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        String target = start[1];
        int scheme = target.indexOf("://");
        if (scheme > 0) { // absolute-form: keep the path
            int slash = target.indexOf('/', scheme + 3);
            target = slash < 0 ? "/" : target.substring(slash);
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q + 1);
        Request partial = new Request(start[0], path, query, start[2], headers, new byte[0]);
        if (partial.header("expect").map(v -> v.equalsIgnoreCase("100-continue")).orElse(false)) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body;
        if (partial.header("transfer-encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
            body = chunked(in, maxBody);
        } else {
            String length = partial.header("content-length").orElse("0").trim();
            if (!length.matches("\\d{1,10}")) {
                throw new BadRequest(400, "bad Content-Length");
            }
            long n = Long.parseLong(length);
            if (n > maxBody) {
                throw new BadRequest(413, "request body over " + maxBody + " bytes");
            }
            body = in.readNBytes((int) n);
            if (body.length < n) {
                throw new BadRequest(400, "the body ended early");
            }
        }
        return Optional.of(new Request(start[0], path, query, start[2], headers, body));
    }

    private static byte[] chunked(InputStream in, int maxBody) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semi = sizeLine.indexOf(';');
            String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim();
            if (!hex.matches("[0-9a-fA-F]{1,7}")) {
                throw new BadRequest(400, "bad chunk size");
            }
            int size = Integer.parseInt(hex, 16);
            if (size == 0) {
                while (!line(in).isEmpty()) {
                    // trailers: ignored
                }
                return body.toByteArray();
            }
            if (body.size() + size > maxBody) {
                throw new BadRequest(413, "request body over " + maxBody + " bytes");
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length < size) {
                throw new BadRequest(400, "the body ended early");
            }
            body.write(chunk);
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (b.size() > 8192) {
                throw new BadRequest(400, "line too long");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0) {
            throw new BadRequest(400, "the body ended early");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** The head up to and without the blank line; empty on a clean EOF before the first byte. */
    static Optional<String> head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return Optional.empty();
                }
                throw new BadRequest(400, "the request head ended early");
            }
            if (head.size() == 0 && (b == '\r' || b == '\n')) {
                continue; // stray CRLF between requests
            }
            head.write(b);
            if (head.size() > MAX_HEAD) {
                throw new BadRequest(431, "request head over " + MAX_HEAD + " bytes");
            }
            state = switch (state) {
                case 0 -> b == '\r' ? 1 : b == '\n' ? 5 : 0;
                case 1 -> b == '\n' ? 2 : 0;
                case 2 -> b == '\r' ? 3 : b == '\n' ? 4 : 0;
                case 3 -> b == '\n' ? 4 : 0;
                case 5 -> b == '\n' ? 4 : b == '\r' ? 1 : 0; // bare LF line ends
                default -> 0;
            };
            if (state == 4) {
                return Optional.of(head.toString(StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** Writes an answer with a Content-Length (no body for HEAD, 1xx, 204 and 304). */
    static void write(OutputStream out, String requestMethod, int status, Map<String, List<String>> headers, byte[] body,
                      boolean keepAlive) throws IOException {
        boolean noBody = "HEAD".equals(requestMethod) || status < 200 || status == 204 || status == 304;
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        headers.forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (!Forwarder.isHopByHop(n)) {
                values.forEach(v -> h.append(name).append(": ").append(v.replace("\r", "").replace("\n", "")).append("\r\n"));
            }
        });
        if (!noBody) {
            h.append("Content-Length: ").append(body.length).append("\r\n");
        }
        h.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!noBody) {
            out.write(body);
        }
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
