package dev.poet.core.feedback;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventIds;
import dev.poet.core.events.EventLog;
import dev.poet.core.events.EventTypes;
import dev.poet.core.log.PoetLog;

/**
 * Stores feedback as a {@code function.feedback} event joined to its execution ({@code correlation_id} = the
 * execution id, {@code causation_id} = the execution's event), synced to disk before {@link #submit} returns
 * {@link FeedbackOutcome.Accepted}: acknowledged feedback is never lost, and feedback on an execution that was never
 * recorded is refused with nothing written. Thread-safe.
 */
public final class FeedbackService {

    private final EventLog log;
    private final EventFactory events;
    private final Runnable flushPending;

    /**
     * @param flushPending writes out execution events still buffered (the event writer's {@code flushNow}), so
     *                     feedback sent right after a call finds its execution; called only when a look-up misses
     */
    public FeedbackService(EventLog log, EventFactory events, Runnable flushPending) {
        this.log = Objects.requireNonNull(log, "log");
        this.events = Objects.requireNonNull(events, "events");
        this.flushPending = Objects.requireNonNull(flushPending, "flushPending");
    }

    /**
     * Stores {@code feedback} from {@code actor} (who sent it: {@code http:127.0.0.1}, {@code application}).
     * Never throws.
     */
    public FeedbackOutcome submit(Feedback feedback, String actor) {
        Optional<Event> execution;
        try {
            execution = findExecution(feedback.executionId());
        } catch (IOException | RuntimeException e) {
            PoetLog.warn("feedback on " + feedback.executionId() + " not stored: the event log could not be read: " + e);
            return new FeedbackOutcome.NotStored("the event log could not be read: " + e.getMessage());
        }
        if (execution.isEmpty()) {
            return new FeedbackOutcome.UnknownExecution(feedback.executionId());
        }
        Event event = feedbackEvent(feedback, execution.get(), actor);
        try {
            log.appendDurable(event);
        } catch (IOException | RuntimeException e) {
            PoetLog.warn("feedback on " + feedback.executionId() + " not stored: " + e);
            return new FeedbackOutcome.NotStored("the feedback could not be written: " + e.getMessage());
        }
        return new FeedbackOutcome.Accepted(event.id(), event);
    }

    private Optional<Event> findExecution(String executionId) throws IOException {
        Optional<Event> found = log.execution(executionId);
        if (found.isPresent()) {
            return found;
        }
        try {
            flushPending.run();
        } catch (RuntimeException e) {
            PoetLog.warn("flushing pending events before a feedback look-up failed: " + e);
        }
        return log.execution(executionId);
    }

    private Event feedbackEvent(Feedback feedback, Event execution, String actor) {
        // The feedback id is the event's own id, so one look-up finds both.
        String id = EventIds.next();
        long now = events.clock().millis();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put(FeedbackParser.EXECUTION_ID, feedback.executionId());
        payload.put(FeedbackParser.FEEDBACK_TYPE, feedback.feedbackType());
        payload.putAll(feedback.fields());
        payload.put("feedback_id", id);
        payload.put("method", execution.method());
        payload.put("actor", actor);
        payload.put("received_at", Instant.ofEpochMilli(now).toString());
        return new Event(id, EventTypes.FUNCTION_FEEDBACK, now, feedback.executionId(), execution.id(),
                events.metadata(), payload);
    }
}
