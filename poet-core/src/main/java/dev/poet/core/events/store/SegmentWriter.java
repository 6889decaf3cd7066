package dev.poet.core.events.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to this writer's active segment through an in-memory buffer: {@link #flush()} hands the buffer
 * to the file (readers in this JVM and others see it), {@link #force()} also makes it durable. Not thread-safe: the
 * log serialises its callers.
 */
final class SegmentWriter implements Closeable {

    private static final int BUFFER_BYTES = 1 << 20;

    private final SegmentFile file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    /** Bytes in the file plus those in the buffer. */
    private long position;
    /** Bytes known to be on disk. */
    private long durable;

    private SegmentWriter(SegmentFile file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates the segment file, writes and syncs its header and the directory entry. */
    static SegmentWriter create(SegmentFile file) throws IOException {
        FileChannel ch = FileChannel.open(file.path(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            ch.write(ByteBuffer.wrap(SegmentFormat.MAGIC));
            ch.force(true);
            Durable.syncDirectory(file.path().getParent());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        SegmentWriter w = new SegmentWriter(file, ch);
        w.position = SegmentFormat.HEADER_BYTES;
        w.durable = SegmentFormat.HEADER_BYTES;
        return w;
    }

    SegmentFile file() {
        return file;
    }

    long position() {
        return position;
    }

    long durablePosition() {
        return durable;
    }

    /** Whether a record of {@code payloadBytes} still fits under {@code segmentBytes} (an empty segment takes any). */
    boolean fits(int payloadBytes, long segmentBytes) {
        return position == SegmentFormat.HEADER_BYTES
                || position + SegmentFormat.RECORD_OVERHEAD + payloadBytes <= segmentBytes;
    }

    /** Appends one record; returns its offset in the segment. */
    long append(byte[] payload) throws IOException {
        long offset = position;
        int length = payload.length;
        int crc = SegmentFormat.crc(length, payload, 0, length);
        if (buffer.remaining() < SegmentFormat.RECORD_OVERHEAD + length) {
            drain();
        }
        if (buffer.remaining() < SegmentFormat.RECORD_OVERHEAD + length) {
            ByteBuffer whole = ByteBuffer.allocate(SegmentFormat.RECORD_OVERHEAD + length);
            whole.putInt(length).putInt(crc).put(payload).flip();
            writeFully(whole);
        } else {
            buffer.putInt(length).putInt(crc).put(payload);
        }
        position += SegmentFormat.RECORD_OVERHEAD + length;
        return offset;
    }

    /** Hands buffered records to the file system (visible to readers, not yet durable). */
    void flush() throws IOException {
        drain();
    }

    /** Flushes and fsyncs. */
    void force() throws IOException {
        drain();
        if (durable < position) {
            channel.force(false);
            durable = position;
        }
    }

    private void drain() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /**
     * Closes the file without writing what is buffered: after a failed write the file may end in part of a record,
     * and nothing may follow it there (readers stop at it), so the log continues in a new segment.
     */
    void abandon() {
        try {
            channel.close();
        } catch (IOException e) {
            // Already failing; the segment is left as it is and its valid prefix stays readable.
        }
    }

    @Override
    public void close() throws IOException {
        try {
            force();
        } finally {
            channel.close();
        }
    }

    Path path() {
        return file.path();
    }
}
