package dev.authbisect.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on one cache key, across threads AND processes: an in-JVM lock (file locks
 * are held per process, a second thread of the same JVM cannot wait on one) plus an OS file lock.
 * The lock table is per JVM on purpose, like the OS's own lock table; it only grows by one
 * entry per key used. Used for build entries ({@link BuildCache}) and clones ({@code history.GitRepos}).
 */
public final class KeyLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private KeyLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Blocks until this thread holds the key. */
    public static KeyLock acquire(Path lockFile) {
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), k -> new ReentrantLock());
        threadLock.lock();
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return new KeyLock(threadLock, channel, channel.lock());
        } catch (IOException e) {
            closeQuietly(channel);
            threadLock.unlock();
            throw new UncheckedIOException("cannot lock " + lockFile, e);
        }
    }

    /** The key if nobody (no thread, no process) holds it now; empty otherwise. Never blocks. */
    public static java.util.Optional<KeyLock> tryAcquire(Path lockFile) {
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), k -> new ReentrantLock());
        if (!threadLock.tryLock()) {
            return java.util.Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                closeQuietly(channel);
                threadLock.unlock();
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new KeyLock(threadLock, channel, lock));
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            closeQuietly(channel);
            threadLock.unlock();
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            fileLock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        } finally {
            closeQuietly(channel);
            threadLock.unlock();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }
}
