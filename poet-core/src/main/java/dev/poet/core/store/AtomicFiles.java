package dev.poet.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Crash-safe file writes: a reader (or a process restarted after a crash) sees either the old content or the new,
 * never a torn file.
 */
public final class AtomicFiles {

    /** Temp files end with this; anything with it left in the store is debris of a crash. */
    static final String TEMP_SUFFIX = ".tmp";

    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {
    }

    /** The content of a file written by {@link #write}; empty when there is none. */
    public static java.util.Optional<byte[]> read(Path file) throws IOException {
        try {
            return java.util.Optional.of(Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Writes {@code data} to a temp file in the target's directory (a rename is only atomic within one file
     * system), forces it to disk, renames it over {@code target} and forces the directory entry.
     */
    public static void write(Path target, byte[] data) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet() + TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(target.getParent());
    }

    /**
     * Replaces {@code target} atomically (temp file + rename) without forcing anything to disk: for a snapshot that
     * is rewritten every second and worth nothing after a crash, so that it never queues in front of the fsyncs
     * that matter (the event log's, the versions').
     */
    public static void replace(Path target, byte[] data) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet() + TEMP_SUFFIX);
        try {
            Files.write(tmp, data, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Whether {@code tempFile} (a name {@link #write} made) is debris: its writer, named by the process id in the
     * name, no longer runs. A temp file of a live process may be a write in progress — the method folder also holds
     * files written outside the version store's lock (learned values, Train's state, the last configuration) — so
     * it is left alone. A name without a readable process id is debris.
     */
    static boolean abandoned(Path tempFile) {
        String name = tempFile.getFileName().toString();
        if (!name.endsWith(TEMP_SUFFIX)) {
            return false;
        }
        String stem = name.substring(0, name.length() - TEMP_SUFFIX.length());
        int dot = stem.lastIndexOf('.');
        int dash = stem.lastIndexOf('-');
        if (dot < 0 || dash < dot) {
            return true;
        }
        long pid;
        try {
            pid = Long.parseLong(stem.substring(dot + 1, dash));
        } catch (NumberFormatException e) {
            return true;
        }
        if (pid == ProcessHandle.current().pid()) {
            return false;
        }
        try {
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Forces a directory's entries (new names, renames) to disk. Some platforms (Windows) cannot open a
     * directory for this; there the rename's own guarantees have to do.
     */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not supported here; nothing better is available.
        }
    }

    /** Deletes a file tree; files already gone are fine (a concurrent reader may race with us). */
    static void deleteRecursively(Path path) throws IOException {
        if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
                for (Path child : children) {
                    deleteRecursively(child);
                }
            } catch (NoSuchFileException e) {
                return;
            }
        }
        Files.deleteIfExists(path);
    }
}
