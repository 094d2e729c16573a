package dev.authbisect.run;

import dev.authbisect.core.ExitException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One of {@code count} shards of a run ({@code --shard K/N}, K from 1). A module version belongs to the
 * shard its own hash picks, so it stays in its shard however the range grows or shrinks, and every
 * machine agrees; the reference row runs in every shard.
 */
public record Shard(int index, int count) {
    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw ExitException.usage("--shard " + index + "/" + count + ": expected K/N with 1 ≤ K ≤ N (e.g. 2/4)");
        }
    }

    /** Parses {@code K/N}. */
    public static Shard parse(String text) {
        String t = text == null ? "" : text.strip();
        int slash = t.indexOf('/');
        try {
            if (slash > 0) {
                return new Shard(Integer.parseInt(t.substring(0, slash)), Integer.parseInt(t.substring(slash + 1)));
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw ExitException.usage("--shard '" + text + "': expected K/N with 1 ≤ K ≤ N (e.g. 2/4: the second of four shards)");
    }

    /** Whether the module version {@code moduleVersionId} is this shard's. */
    public boolean owns(String moduleVersionId) {
        return of(moduleVersionId, count) == index;
    }

    /** The shard (1 … count) of a module version: SHA-256 of its id, first 8 bytes, modulo count. */
    static int of(String moduleVersionId, int count) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(moduleVersionId.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (h[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(v, count) + 1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
