package dev.poet.core.events.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import dev.poet.core.events.EventLog;

/**
 * The bytes of a segment: an 8-byte header ({@code PSEG} and format version 1), then records of
 * {@code int length, int crc32c, payload}, big-endian, where the CRC covers the length and the payload (so a torn or
 * flipped length is caught as surely as a damaged payload) and the payload is one event's JSON. A reader stops at the
 * first record that is incomplete or fails its CRC: after a crash that is the torn tail; in a live segment it is the
 * record being written.
 */
final class SegmentFormat {

    static final byte[] MAGIC = "PSEG\0\0\0\1".getBytes(StandardCharsets.ISO_8859_1);
    static final int HEADER_BYTES = MAGIC.length;
    static final int RECORD_OVERHEAD = 8;

    private SegmentFormat() {
    }

    static int crc(int length, byte[] payload, int offset, int count) {
        CRC32C crc = new CRC32C();
        crc.update(length >>> 24);
        crc.update(length >>> 16);
        crc.update(length >>> 8);
        crc.update(length);
        crc.update(payload, offset, count);
        return (int) crc.getValue();
    }

    static int crc(int length, ByteBuffer payload) {
        CRC32C crc = new CRC32C();
        crc.update(length >>> 24);
        crc.update(length >>> 16);
        crc.update(length >>> 8);
        crc.update(length);
        crc.update(payload);
        return (int) crc.getValue();
    }

    static boolean plausibleLength(int length) {
        return length > 0 && length <= EventLog.MAX_EVENT_BYTES;
    }
}
