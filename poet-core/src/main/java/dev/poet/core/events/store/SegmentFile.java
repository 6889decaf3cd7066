package dev.poet.core.events.store;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One segment file: {@code <start millis, 13 digits>-<writer>-<sequence, 6 digits>.log}, or {@code .log.gz} once
 * compressed. The writer is the JVM run's prefix and an instance number ({@code k3f9q2m7x1ab.0}), so two JVMs (or two
 * stores in one JVM) sharing a folder never write to the same file; names sort by start time.
 *
 * @param path       the file
 * @param base       the name without extension: the segment's identity, unchanged by compression
 * @param writer     who wrote it
 * @param sequence   its number among that writer's segments, from 1
 * @param compressed whether it is gzip
 */
record SegmentFile(Path path, String base, String writer, long sequence, boolean compressed) {

    static final String PLAIN = ".log";
    static final String GZIP = ".log.gz";

    static String base(long startMillis, String writer, long sequence) {
        return String.format("%013d-%s-%06d", startMillis, writer, sequence);
    }

    /** The segment {@code file} names, or empty for any other file (temporary files, locks). */
    static Optional<SegmentFile> parse(Path file) {
        String name = file.getFileName().toString();
        boolean gz = name.endsWith(GZIP);
        if (!gz && !name.endsWith(PLAIN)) {
            return Optional.empty();
        }
        String base = name.substring(0, name.length() - (gz ? GZIP.length() : PLAIN.length()));
        int first = base.indexOf('-');
        int last = base.lastIndexOf('-');
        if (first != 13 || last <= first + 1) {
            return Optional.empty();
        }
        try {
            Long.parseLong(base.substring(0, first));
            long seq = Long.parseLong(base.substring(last + 1));
            return Optional.of(new SegmentFile(file, base, base.substring(first + 1, last), seq, gz));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
