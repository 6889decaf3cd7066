package dev.poet.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.poet.bridge.ExecutionIds;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.MemoryEventLog;

class FeedbackServiceTest {

    static final EventFactory EVENTS = FeedbackFixtures.EVENTS;

    private final MemoryEventLog log = new MemoryEventLog();
    private final FeedbackParser parser = new FeedbackParser(FeedbackLimits.defaults());

    private static Event execution(String id, String method) {
        return FeedbackFixtures.execution(id, method);
    }

    @Test
    void storesFeedbackDurablyJoinedToItsExecution() throws Exception {
        String id = ExecutionIds.format(7);
        Event exec = execution(id, "com.acme.Drift~detect~abc");
        log.append(List.of(exec));
        FeedbackService service = new FeedbackService(log, EVENTS, () -> { });

        FeedbackOutcome outcome = service.submit(parser.parse("{\"execution_id\":\"" + id
                + "\",\"feedback_type\":\"drift_validation\",\"was_real_drift\":false,\"reason\":\"seasonal_pattern\"}"), "http:127.0.0.1");

        assertThat(outcome).isInstanceOf(FeedbackOutcome.Accepted.class);
        FeedbackOutcome.Accepted accepted = (FeedbackOutcome.Accepted) outcome;
        assertThat(log.durableAppends()).isEqualTo(1);
        Event stored = log.feedbackFor(id).get(0);
        assertThat(stored.id()).isEqualTo(accepted.feedbackId());
        assertThat(stored.type()).isEqualTo(EventTypes.FUNCTION_FEEDBACK);
        assertThat(stored.correlationId()).isEqualTo(id);
        assertThat(stored.causationId()).isEqualTo(exec.id());
        assertThat(stored.payload()).containsEntry("execution_id", id).containsEntry("feedback_type", "drift_validation")
                .containsEntry("was_real_drift", false).containsEntry("reason", "seasonal_pattern")
                .containsEntry("feedback_id", accepted.feedbackId()).containsEntry("method", "com.acme.Drift~detect~abc")
                .containsEntry("actor", "http:127.0.0.1").containsEntry("received_at", "2025-01-02T10:00:00Z");
        assertThat(log.feedbackForMethod("com.acme.Drift~detect~abc", 0)).containsExactly(stored);
    }

    @Test
    void anExecutionStillInTheBufferIsFlushedThenFound() throws Exception {
        String id = ExecutionIds.format(8);
        AtomicInteger flushes = new AtomicInteger();
        FeedbackService service = new FeedbackService(log, EVENTS, () -> {
            flushes.incrementAndGet();
            try {
                log.append(List.of(execution(id, "m")));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });

        FeedbackOutcome outcome = service.submit(parser.of(id, "user", Map.of("rating", 1)), "application");

        assertThat(outcome).isInstanceOf(FeedbackOutcome.Accepted.class);
        assertThat(flushes).hasValue(1);
        assertThat(log.feedbackFor(id)).hasSize(1);
    }

    @Test
    void anUnknownExecutionIsRefusedWithNothingWritten() throws Exception {
        AtomicInteger flushes = new AtomicInteger();
        FeedbackService service = new FeedbackService(log, EVENTS, flushes::incrementAndGet);
        String id = ExecutionIds.format(9);

        assertThat(service.submit(parser.of(id, "user", Map.of()), "application"))
                .isEqualTo(new FeedbackOutcome.UnknownExecution(id));
        assertThat(flushes).hasValue(1);
        assertThat(log.events()).isEmpty();
        assertThat(log.durableAppends()).isZero();
    }

    @Test
    void aFoundExecutionNeedsNoFlush() throws Exception {
        String id = ExecutionIds.format(10);
        log.append(List.of(execution(id, "m")));
        AtomicInteger flushes = new AtomicInteger();
        new FeedbackService(log, EVENTS, flushes::incrementAndGet).submit(parser.of(id, "user", Map.of()), "a");
        assertThat(flushes).hasValue(0);
    }

    @Test
    void aStoreThatFailsIsReportedNotAcknowledged() throws Exception {
        String id = ExecutionIds.format(11);
        log.append(List.of(execution(id, "m")));
        log.close();
        FeedbackOutcome outcome = new FeedbackService(log, EVENTS, () -> { }).submit(parser.of(id, "user", Map.of()), "a");
        assertThat(outcome).isInstanceOf(FeedbackOutcome.NotStored.class);
        assertThat(((FeedbackOutcome.NotStored) outcome).reason()).contains("closed");
    }
}
