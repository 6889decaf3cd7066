package dev.poet.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion for writes to one method's folder, across threads and across JVMs. A {@link FileLock} is held
 * per JVM, not per thread (a second {@code lock()} in the same JVM throws), so threads first take an in-JVM lock
 * chosen by the lock file's path; the stripes are static because two stores may share one home.
 */
public final class StoreLocks {

    /** What runs under the lock. */
    public interface Body<T> {
        T run() throws IOException;
    }

    private static final ReentrantLock[] STRIPES = new ReentrantLock[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new ReentrantLock();
        }
    }

    private StoreLocks() {
    }

    /** Runs {@code body} holding the lock on {@code lockFile} (created when missing). Not reentrant. */
    static <T> T withLock(Path lockFile, Body<T> body) throws IOException {
        Path normalized = lockFile.toAbsolutePath().normalize();
        ReentrantLock stripe = STRIPES[Math.floorMod(normalized.toString().hashCode(), STRIPES.length)];
        stripe.lock();
        try (FileChannel ch = FileChannel.open(normalized, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            return body.run();
        } finally {
            stripe.unlock();
        }
    }
}
