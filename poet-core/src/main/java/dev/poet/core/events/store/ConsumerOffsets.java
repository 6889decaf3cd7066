package dev.poet.core.events.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventJson;

/**
 * Named consumers of the event store and their positions, kept crash-safely in {@code events/offsets/<name>.offset}
 * (written to a temporary file, synced, renamed): {@link #read} returns the events after the stored position,
 * {@link #commit} stores the new one. Works from any JVM; a consumer name should have one reader at a time.
 */
public final class ConsumerOffsets {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String HEADER = "poet-consumer-offsets 1";

    private final SegmentDirectory dir;
    private final ToLongFunction<String> readLimit;

    ConsumerOffsets(SegmentDirectory dir, ToLongFunction<String> readLimit) {
        this.dir = dir;
        this.readLimit = readLimit;
    }

    /** Consumers of the store in {@code eventsDir}, read directly from its segments (another JVM may be writing). */
    public static ConsumerOffsets open(Path eventsDir) {
        return new ConsumerOffsets(new SegmentDirectory(eventsDir), base -> Long.MAX_VALUE);
    }

    /** The stored position of {@code consumer}, or the start when it never committed. */
    public ConsumerPosition position(String consumer) throws IOException {
        Path file = file(consumer);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return ConsumerPosition.start();
        }
        if (lines.isEmpty() || !HEADER.equals(lines.get(0))) {
            throw new IOException("consumer offsets file " + file + " is not in the expected format");
        }
        Map<String, Long> offsets = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int sp = line.lastIndexOf(' ');
            if (sp > 0) {
                offsets.put(line.substring(0, sp), Long.parseLong(line.substring(sp + 1)));
            }
        }
        return new ConsumerPosition(offsets);
    }

    /** At most {@code max} events after {@code consumer}'s stored position, in segment order, and the position after them. */
    public ConsumerBatch read(String consumer, int max) throws IOException {
        return read(position(consumer), max);
    }

    /** At most {@code max} events after {@code from}. */
    public ConsumerBatch read(ConsumerPosition from, int max) throws IOException {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        List<Event> events = new ArrayList<>();
        Map<String, Long> next = new HashMap<>();
        List<SegmentFile> segments = dir.list();
        Set<String> present = new HashSet<>();
        for (SegmentFile s : segments) {
            present.add(s.base());
        }
        for (Map.Entry<String, Long> e : from.offsets().entrySet()) {
            if (present.contains(e.getKey())) {
                next.put(e.getKey(), e.getValue());
            }
        }
        for (SegmentFile s : segments) {
            if (events.size() >= max) {
                break;
            }
            long start = from.offset(s.base());
            long limit = readLimit.applyAsLong(s.base());
            SegmentReader.Visitor v = (offset, payload, length) -> {
                events.add(EventJson.decode(payload, 0, length));
                return events.size() < max;
            };
            long end = SegmentReader.scan(s, start, limit, v);
            if (end < 0) {
                SegmentFile now = SegmentReader.current(s);
                end = now.compressed() && !s.compressed() ? SegmentReader.scan(now, start, limit, v) : -1;
            }
            if (end > start) {
                next.put(s.base(), end);
            }
        }
        return new ConsumerBatch(events, new ConsumerPosition(next));
    }

    /** Stores {@code position} as {@code consumer}'s; durable when this returns. */
    public void commit(String consumer, ConsumerPosition position) throws IOException {
        Path file = file(consumer);
        Files.createDirectories(file.getParent());
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<String, Long> e : position.offsets().entrySet()) {
            text.append(e.getKey()).append(' ').append(e.getValue()).append('\n');
        }
        Durable.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    private Path file(String consumer) {
        if (consumer == null || !NAME.matcher(consumer).matches()) {
            throw new IllegalArgumentException("a consumer name is 1 to 64 of [A-Za-z0-9._-], was " + consumer);
        }
        return dir.eventsDir().resolve("offsets").resolve(consumer + ".offset");
    }
}
