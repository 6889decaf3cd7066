package dev.poet.core.events.store;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import dev.poet.core.log.PoetLog;

/**
 * What the store keeps: a closed segment (see {@link SegmentDirectory#closed}) idle for a day is compressed, one
 * idle for the retention period is removed, and while all segments together exceed the size cap the closed ones
 * idle longest are removed first. Idle time is the file's last write against the store's clock. A day before
 * compressing keeps the segments that consumers and look-ups read most (today's) cheap to read.
 */
final class Retention {

    static final long COMPRESS_AFTER_MILLIS = 24L * 3600 * 1000;

    private final SegmentDirectory dir;
    private final EventStoreOptions options;
    private final Clock clock;

    Retention(SegmentDirectory dir, EventStoreOptions options, Clock clock) {
        this.dir = dir;
        this.options = options;
        this.clock = clock;
    }

    /** Applies retention and the size cap; returns the base names of the segments removed. */
    List<String> apply() throws IOException {
        long now = clock.millis();
        long keepMillis = options.retentionDays() * 24L * 3600 * 1000;
        List<String> removed = new ArrayList<>();
        for (SegmentFile s : dir.closed(dir.list())) {
            long idle = now - lastWrite(s);
            if (idle > keepMillis) {
                if (delete(s)) {
                    removed.add(s.base());
                }
            } else if (!s.compressed() && idle > COMPRESS_AFTER_MILLIS) {
                compress(s);
            }
        }
        List<SegmentFile> all = dir.list();
        long total = 0;
        for (SegmentFile s : all) {
            total += size(s);
        }
        if (total > options.maxBytes()) {
            List<SegmentFile> closed = new ArrayList<>(dir.closed(all));
            closed.sort(Comparator.comparingLong(Retention::lastWrite).thenComparing(SegmentFile::base));
            for (SegmentFile s : closed) {
                if (total <= options.maxBytes()) {
                    break;
                }
                long size = size(s);
                if (delete(s)) {
                    removed.add(s.base());
                    total -= size;
                }
            }
        }
        dir.pruneWriterLocks(now);
        if (!removed.isEmpty()) {
            PoetLog.info("event store: removed " + removed.size() + " old segment(s) from " + dir.segmentsDir());
        }
        return removed;
    }

    /**
     * Rewrites {@code s} gzip-compressed, keeping only its valid records (a torn tail goes, offsets stay), and
     * replaces it atomically: a reader sees the plain file or the compressed one, both complete.
     */
    static void compress(SegmentFile s) throws IOException {
        Path gz = s.path().resolveSibling(s.base() + SegmentFile.GZIP);
        Path tmp = s.path().resolveSibling(s.base() + SegmentFile.GZIP + ".tmp-" + ProcessHandle.current().pid());
        FileTime mtime;
        try {
            mtime = Files.getLastModifiedTime(s.path());
            try (OutputStream out = new GZIPOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16),
                    1 << 16)) {
                out.write(SegmentFormat.MAGIC);
                byte[] head = new byte[SegmentFormat.RECORD_OVERHEAD];
                SegmentReader.scan(s, 0, Long.MAX_VALUE, (offset, payload, length) -> {
                    int crc = SegmentFormat.crc(length, payload, 0, length);
                    head[0] = (byte) (length >>> 24);
                    head[1] = (byte) (length >>> 16);
                    head[2] = (byte) (length >>> 8);
                    head[3] = (byte) length;
                    head[4] = (byte) (crc >>> 24);
                    head[5] = (byte) (crc >>> 16);
                    head[6] = (byte) (crc >>> 8);
                    head[7] = (byte) crc;
                    out.write(head);
                    out.write(payload, 0, length);
                    return true;
                });
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.setLastModifiedTime(tmp, mtime);
            Durable.move(tmp, gz);
            Files.deleteIfExists(s.path());
        } catch (NoSuchFileException e) {
            // Another JVM compressed or removed it first.
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean delete(SegmentFile s) {
        try {
            Files.deleteIfExists(s.path());
            Path gz = s.path().resolveSibling(s.base() + SegmentFile.GZIP);
            Files.deleteIfExists(gz);
            // Gone either way, by this JVM or another one sharing the folder: its index entries must go too.
            return true;
        } catch (IOException e) {
            PoetLog.warn("event store: cannot remove " + s.path() + ": " + e.getMessage());
            return false;
        }
    }

    private static long lastWrite(SegmentFile s) {
        try {
            return Files.getLastModifiedTime(s.path()).toMillis();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long size(SegmentFile s) {
        try {
            return Files.size(s.path());
        } catch (IOException e) {
            return 0;
        }
    }
}
