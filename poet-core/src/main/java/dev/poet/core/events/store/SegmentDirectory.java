package dev.poet.core.events.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The segments folder ({@code events/segments}) and who is writing to it. A writer holds an exclusive lock on
 * {@code events/writers/<writer>.lock} while it runs, so anyone can tell a live writer's newest segment (still
 * growing) from a closed one; the operating system drops the lock when the JVM dies, however it dies.
 */
final class SegmentDirectory {

    /** Writers open in this JVM: the file lock cannot be probed from the JVM that holds it. */
    private static final Set<String> LIVE_HERE = ConcurrentHashMap.newKeySet();

    private final Path events;
    private final Path segments;
    private final Path writers;

    SegmentDirectory(Path eventsDir) {
        this.events = eventsDir;
        this.segments = eventsDir.resolve("segments");
        this.writers = eventsDir.resolve("writers");
    }

    Path eventsDir() {
        return events;
    }

    Path segmentsDir() {
        return segments;
    }

    void create() throws IOException {
        Files.createDirectories(segments);
        Files.createDirectories(writers);
    }

    /** Every segment, sorted by name (start time), one entry per base (the compressed file when both exist). */
    List<SegmentFile> list() throws IOException {
        Map<String, SegmentFile> byBase = new HashMap<>();
        if (!Files.isDirectory(segments)) {
            return List.of();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(segments)) {
            for (Path p : files) {
                Optional<SegmentFile> s = SegmentFile.parse(p);
                if (s.isPresent()) {
                    byBase.merge(s.get().base(), s.get(), (a, b) -> a.compressed() ? a : b);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        }
        List<SegmentFile> out = new ArrayList<>(byBase.values());
        out.sort(Comparator.comparing(SegmentFile::base));
        return out;
    }

    /** Holds the lock that marks {@code writer} live until the returned handle is closed. */
    WriterLock lock(String writer) throws IOException {
        Path file = writers.resolve(writer + ".lock");
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            throw new IOException("writer " + writer + " is already open on " + events);
        }
        LIVE_HERE.add(writer);
        return new WriterLock(writer, file, ch, lock);
    }

    /** Whether {@code writer} is running, here or in another JVM. */
    boolean live(String writer) {
        if (LIVE_HERE.contains(writer)) {
            return true;
        }
        Path file = writers.resolve(writer + ".lock");
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The segments that no one writes to any more: every segment of a dead writer, all but the newest of a live one. */
    List<SegmentFile> closed(List<SegmentFile> all) {
        Map<String, Long> newest = new HashMap<>();
        for (SegmentFile s : all) {
            newest.merge(s.writer(), s.sequence(), Math::max);
        }
        Map<String, Boolean> liveness = new HashMap<>();
        List<SegmentFile> out = new ArrayList<>();
        for (SegmentFile s : all) {
            boolean live = liveness.computeIfAbsent(s.writer(), this::live);
            if (!live || s.sequence() < newest.get(s.writer())) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Removes lock files of writers that are gone. Only old ones: a writer that just created its file may not have
     * locked it yet, and deleting it then would make that writer look dead to everyone.
     */
    void pruneWriterLocks(long nowMillis) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(writers, "*.lock")) {
            for (Path p : files) {
                String name = p.getFileName().toString();
                String writer = name.substring(0, name.length() - ".lock".length());
                if (Files.getLastModifiedTime(p).toMillis() < nowMillis - 3_600_000L && !live(writer)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // Stale lock files cost a few bytes; the next maintenance tries again.
        }
    }

    /** A live writer's lock. */
    static final class WriterLock implements AutoCloseable {
        private final String writer;
        private final Path file;
        private final FileChannel channel;
        private final FileLock lock;

        private WriterLock(String writer, Path file, FileChannel channel, FileLock lock) {
            this.writer = writer;
            this.file = file;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            LIVE_HERE.remove(writer);
            try {
                lock.release();
            } finally {
                channel.close();
                Files.deleteIfExists(file);
            }
        }
    }
}
