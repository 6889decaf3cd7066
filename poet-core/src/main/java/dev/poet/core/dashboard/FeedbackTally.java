package dev.poet.core.dashboard;

import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventLog;
import dev.poet.core.feedback.FeedbackParser;

/**
 * Feedback counts per method and {@code feedback_type}, read from the event log incrementally: each call reads
 * only the feedback at or after the newest one already counted, so a dashboard refreshing every few seconds does
 * not re-read a long history. Counts what the log keeps (retention removes old feedback from the log, not from a
 * count already made in this JVM). Thread-safe.
 */
public final class FeedbackTally {

    /** A method's counts at one moment. */
    public record Counts(long total, Map<String, Long> byType) {
    }

    private final EventLog log;
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();

    public FeedbackTally(EventLog log) {
        this.log = log;
    }

    /** The counts of {@code methodKey}, including feedback that arrived since the last call. */
    public Counts counts(String methodKey) throws IOException {
        Tally t = tallies.computeIfAbsent(methodKey, k -> new Tally());
        synchronized (t) {
            for (Event e : log.feedbackForMethod(methodKey, t.upTo)) {
                // Feedback at the edge millisecond was read last time as well; its ids tell the two apart.
                if (e.timestamp() == t.upTo && t.idsAtEdge.contains(e.id())) {
                    continue;
                }
                if (e.timestamp() > t.upTo) {
                    t.upTo = e.timestamp();
                    t.idsAtEdge.clear();
                }
                if (e.timestamp() == t.upTo) {
                    t.idsAtEdge.add(e.id());
                }
                Object type = e.payload().get(FeedbackParser.FEEDBACK_TYPE);
                t.byType.merge(type instanceof String s ? s : "unspecified", 1L, Long::sum);
                t.total++;
            }
            return new Counts(t.total, Collections.unmodifiableMap(new TreeMap<>(t.byType)));
        }
    }

    private static final class Tally {
        long upTo;
        long total;
        final Set<String> idsAtEdge = new HashSet<>();
        final Map<String, Long> byType = new TreeMap<>();
    }
}
