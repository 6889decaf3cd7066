package dev.poet.core.events.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventJson;
import dev.poet.core.events.EventQuery;

/**
 * Answers a query by reading segments. A record whose bytes cannot contain the wanted type or execution id is
 * skipped before it is decoded, which is what makes scanning a large store for one execution affordable.
 */
final class SegmentScan {

    private SegmentScan() {
    }

    /**
     * Events of {@code segments} matching {@code query}, oldest first (by timestamp, then by position).
     *
     * @param from where to start in each segment, by base name
     */
    static List<Event> matching(List<SegmentFile> segments, EventQuery query, ToLongFunction<String> from)
            throws IOException {
        byte[] typeNeedle = query.type() == null || query.type().endsWith(".*") ? null
                : ("\"type\":\"" + query.type() + "\"").getBytes(StandardCharsets.UTF_8);
        byte[] idNeedle = query.executionId() == null ? null
                : ("\"" + query.executionId() + "\"").getBytes(StandardCharsets.UTF_8);
        List<Event> out = new ArrayList<>();
        for (SegmentFile s : segments) {
            SegmentReader.Visitor v = (offset, payload, length) -> {
                if (typeNeedle != null && indexOf(payload, length, typeNeedle) < 0
                        || idNeedle != null && indexOf(payload, length, idNeedle) < 0) {
                    return true;
                }
                Event e = EventJson.decode(payload, 0, length);
                if (query.matches(e)) {
                    out.add(e);
                }
                return true;
            };
            long start = from.applyAsLong(s.base());
            if (SegmentReader.scan(s, start, Long.MAX_VALUE, v) < 0) {
                SegmentFile now = SegmentReader.current(s);
                if (now.compressed() && !s.compressed()) {
                    SegmentReader.scan(now, start, Long.MAX_VALUE, v);
                }
            }
        }
        out.sort(Comparator.comparingLong(Event::timestamp));
        if (query.limit() > 0 && out.size() > query.limit()) {
            return new ArrayList<>(out.subList(out.size() - query.limit(), out.size()));
        }
        return out;
    }

    static int indexOf(byte[] hay, int length, byte[] needle) {
        outer:
        for (int i = 0, last = length - needle.length; i <= last; i++) {
            if (hay[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
