package dev.authbisect.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Drains one output stream of a child on its own daemon thread, so the child never blocks on a
 * full pipe, keeping only the last {@code capacity} bytes and the total count.
 */
final class OutputTail {
    private final byte[] ring;
    private int next;          // where the next byte goes
    private boolean wrapped;   // the ring has been filled at least once
    private long total;
    private final CountDownLatch done = new CountDownLatch(1);

    private OutputTail(int capacity) {
        this.ring = new byte[capacity];
    }

    /** Starts draining {@code in} on a daemon thread named {@code name}. */
    static OutputTail drain(InputStream in, int capacity, String name) {
        OutputTail tail = new OutputTail(capacity);
        Thread t = new Thread(() -> tail.pump(in), name);
        t.setDaemon(true);
        t.start();
        return tail;
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                append(buf, n);
            }
        } catch (IOException e) {
            // the stream was closed under us (process killed): what we have is the tail
        } finally {
            done.countDown();
        }
    }

    private synchronized void append(byte[] buf, int n) {
        total += n;
        int from = 0;
        if (n >= ring.length) {
            from = n - ring.length;
        }
        while (from < n) {
            int chunk = Math.min(n - from, ring.length - next);
            System.arraycopy(buf, from, ring, next, chunk);
            from += chunk;
            next += chunk;
            if (next == ring.length) {
                next = 0;
                wrapped = true;
            }
        }
    }

    /** Waits up to {@code grace} for the stream to end; false if it is still open (a leftover holds it). */
    boolean awaitEnd(Duration grace) throws InterruptedException {
        return done.await(grace.toNanos(), TimeUnit.NANOSECONDS);
    }

    synchronized long totalBytes() {
        return total;
    }

    /** True when earlier output was dropped. */
    synchronized boolean truncated() {
        return wrapped && total > ring.length;
    }

    /** The kept bytes decoded as UTF-8 (malformed sequences replaced). */
    synchronized String text() {
        if (!wrapped) {
            return new String(ring, 0, next, StandardCharsets.UTF_8);
        }
        byte[] linear = new byte[ring.length];
        System.arraycopy(ring, next, linear, 0, ring.length - next);
        System.arraycopy(ring, 0, linear, ring.length - next, next);
        return new String(linear, StandardCharsets.UTF_8);
    }
}
