package dev.authbisect.simulator;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** One allowlist entry: an IP literal ({@code 47.130.143.159}) or a CIDR block ({@code 10.0.0.0/8}). Never resolves names. */
record IpRange(byte[] network, int prefixBits, String text) {
    static final String EXPECTED = "an IP address like 47.130.143.159 or a CIDR block like 47.130.143.0/24";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    static Optional<IpRange> parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        Optional<byte[]> bytes = literal(address);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        int max = bytes.get().length * 8;
        int bits = max;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            if (bits < 0 || bits > max) {
                return Optional.empty();
            }
        }
        return Optional.of(new IpRange(bytes.get(), bits, t));
    }

    /** The bytes of an IP literal; empty for anything else (host names are never looked up). */
    static Optional<byte[]> literal(String address) {
        boolean v4 = IPV4.matcher(address).matches();
        boolean v6 = address.contains(":") && address.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        if (v4) {
            for (String part : address.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            return Optional.of(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    boolean contains(String ip) {
        Optional<byte[]> candidate = literal(ip);
        if (candidate.isEmpty() || candidate.get().length != network.length) {
            return false;
        }
        byte[] c = candidate.get();
        int full = prefixBits / 8;
        for (int i = 0; i < full; i++) {
            if (c[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (c[full] & mask) == (network[full] & mask);
    }
}
