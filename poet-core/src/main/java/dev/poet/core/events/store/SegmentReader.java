package dev.poet.core.events.store;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventJson;

/**
 * Reads the valid records of a segment, plain or compressed. Stops at the first record that is incomplete or
 * fails its CRC, so a torn tail or a damaged record is never returned; what follows it in that segment is not read
 * either (its boundaries can no longer be trusted).
 */
final class SegmentReader {

    /** Receives one valid record. */
    interface Visitor {
        /** @return false to stop */
        boolean record(long offset, byte[] payload, int length) throws IOException;
    }

    private SegmentReader() {
    }

    /**
     * Visits the records at or after {@code from} (a record boundary) and before {@code limit}.
     *
     * @return the offset after the last record read, which is where reading can resume; {@code from} when nothing
     *         was read, {@code -1} when the file is gone
     */
    static long scan(SegmentFile segment, long from, long limit, Visitor visitor) throws IOException {
        InputStream raw;
        try {
            raw = open(segment, from);
        } catch (NoSuchFileException e) {
            return -1;
        }
        try (DataInputStream in = new DataInputStream(raw)) {
            long offset = Math.max(from, SegmentFormat.HEADER_BYTES);
            if (from < SegmentFormat.HEADER_BYTES && !header(in)) {
                return from;
            }
            byte[] buf = new byte[8192];
            while (offset + SegmentFormat.RECORD_OVERHEAD <= limit) {
                int length;
                int crc;
                try {
                    length = in.readInt();
                    crc = in.readInt();
                } catch (EOFException e) {
                    break;
                }
                if (!SegmentFormat.plausibleLength(length) || offset + SegmentFormat.RECORD_OVERHEAD + length > limit) {
                    break;
                }
                if (buf.length < length) {
                    buf = Arrays.copyOf(buf, Math.max(length, buf.length * 2));
                }
                try {
                    in.readFully(buf, 0, length);
                } catch (EOFException e) {
                    break;
                }
                if (SegmentFormat.crc(length, buf, 0, length) != crc) {
                    break;
                }
                long at = offset;
                offset += SegmentFormat.RECORD_OVERHEAD + length;
                if (!visitor.record(at, buf, length)) {
                    break;
                }
            }
            return offset;
        }
    }

    /** The event at {@code offset}, when a valid record starts there. */
    static Event readAt(SegmentFile segment, long offset) throws IOException {
        Event[] found = new Event[1];
        scan(segment, offset, offset + SegmentFormat.RECORD_OVERHEAD + dev.poet.core.events.EventLog.MAX_EVENT_BYTES,
                (at, payload, length) -> {
                    found[0] = EventJson.decode(payload, 0, length);
                    return false;
                });
        return found[0];
    }

    private static boolean header(DataInputStream in) throws IOException {
        byte[] h = new byte[SegmentFormat.HEADER_BYTES];
        try {
            in.readFully(h);
        } catch (EOFException e) {
            return false;
        }
        return Arrays.equals(h, SegmentFormat.MAGIC);
    }

    private static InputStream open(SegmentFile segment, long from) throws IOException {
        long skip = from < SegmentFormat.HEADER_BYTES ? 0 : from;
        if (segment.compressed()) {
            InputStream in = new GZIPInputStream(java.nio.file.Files.newInputStream(segment.path()), 1 << 16);
            try {
                in.skipNBytes(skip);
            } catch (EOFException e) {
                // Past the end: nothing to read, which the caller sees as an empty scan.
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
            return new BufferedInputStream(in, 1 << 16);
        }
        FileChannel ch = FileChannel.open(segment.path(), StandardOpenOption.READ);
        ch.position(skip);
        return new BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
    }

    /** The segment file of {@code segment}'s base now: it may have been compressed (or removed) since it was listed. */
    static SegmentFile current(SegmentFile segment) {
        if (java.nio.file.Files.exists(segment.path())) {
            return segment;
        }
        Path dir = segment.path().getParent();
        Path gz = dir.resolve(segment.base() + SegmentFile.GZIP);
        return new SegmentFile(gz, segment.base(), segment.writer(), segment.sequence(), true);
    }
}
