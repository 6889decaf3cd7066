package dev.poet.core.events.store;

/**
 * How much the local event store keeps.
 *
 * @param retentionDays closed segments older than this are removed (they are compressed after a day)
 * @param maxBytes      size cap of all segments together; the oldest closed segments go first when it is exceeded
 * @param segmentBytes  a segment is closed and a new one started when the next record would pass this size
 */
public record EventStoreOptions(int retentionDays, long maxBytes, long segmentBytes) {

    /** Retention default: 30 days. */
    public static final int DEFAULT_RETENTION_DAYS = 30;
    /** Size cap default: 1 GiB. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;
    /** Segment size default: 64 MiB. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

    public EventStoreOptions {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("retentionDays must be >= 1, was " + retentionDays);
        }
        if (segmentBytes < 4096) {
            throw new IllegalArgumentException("segmentBytes must be >= 4096, was " + segmentBytes);
        }
        if (maxBytes < segmentBytes) {
            throw new IllegalArgumentException("maxBytes (" + maxBytes + ") must be >= segmentBytes (" + segmentBytes + ")");
        }
    }

    public static EventStoreOptions defaults() {
        return new EventStoreOptions(DEFAULT_RETENTION_DAYS, DEFAULT_MAX_BYTES, DEFAULT_SEGMENT_BYTES);
    }
}
