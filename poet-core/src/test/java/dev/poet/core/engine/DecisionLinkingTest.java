package dev.poet.core.engine;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.domains.Models;

import dev.poet.bridge.Call;
import dev.poet.bridge.CurrentExecution;
import dev.poet.bridge.MethodStats;
import dev.poet.bridge.record.ExecutionFlags;
import dev.poet.core.domains.DomainHarness;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventMetadata;
import dev.poet.core.events.EventQuery;
import dev.poet.core.events.MemoryEventLog;
import dev.poet.core.events.engine.EngineEvents;
import dev.poet.core.events.write.EventWriter;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.retry.Retry;
import dev.poet.runtime.retry.RetryConfig;
import dev.poet.runtime.validate.InputRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Phase decisions taken in an enhanced call reach the event log with that call's execution id and leave their
 * mark on the call. The call is made current here as the dispatcher makes it current around a real call.
 */
class DecisionLinkingTest {

    private final MemoryEventLog log = new MemoryEventLog();
    private final EventFactory factory = new EventFactory(new EventMetadata("test", "default", "svc"),
            Clock.systemUTC());
    private final EventWriter writer = new EventWriter(log, 3_600_000, 1_000, factory);
    private final MethodStats stats = new MethodStats();
    private final DecisionSink sink = new DecisionSink(stats, EngineEvents.writingTo(writer, factory),
            PhaseEventSink.NONE);

    @AfterEach
    void close() {
        writer.close();
    }

    private List<Event> written(String type) {
        writer.flushNow();
        return log.query(EventQuery.all().withType(type));
    }

    @Test
    void aRepairedResultIsWrittenWithTheExecutionIdAndMarksTheCall() throws Throwable {
        DomainHarness risk = DomainHarness.withSink(sink, Models.class, "creditScore", "financial_risk");
        Call call = Call.forVerification(risk.active.context(), new Models(), new Object[] {20000.0, 3.0});

        Call previous = CurrentExecution.enter(call);
        Object clamped;
        try {
            clamped = risk.active.enhancement().enforce(call, 1997.0);
        } finally {
            CurrentExecution.restore(previous);
        }

        assertThat(clamped).isEqualTo(1000.0);
        List<Event> events = written("enforce.violation");
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.correlationId()).isEqualTo(call.executionId());
        assertThat(e.payload()).containsEntry("execution_id", call.executionId())
                .containsEntry("method", risk.active.context().key()).containsEntry("action", "repaired");
        assertThat(e.metadata().service()).isEqualTo("svc");
        assertThat(call.flags()).isEqualTo(ExecutionFlags.VIOLATION | ExecutionFlags.REPAIR
                | ExecutionFlags.ID_EXPOSED);
        assertThat(stats.violations.sum()).isEqualTo(1);
    }

    @Test
    void aRejectedArgumentMarksTheCallRejected() throws Throwable {
        DomainHarness risk = DomainHarness.withSink(sink, Models.class, "creditScore", "financial_risk");
        Object[] args = {-50.0, 3.0};
        Call call = Call.forVerification(risk.active.context(), new Models(), args);

        Call previous = CurrentExecution.enter(call);
        try {
            assertThatThrownBy(() -> risk.active.enhancement().perceive(call, args))
                    .isInstanceOf(InputRejectedException.class);
        } finally {
            CurrentExecution.restore(previous);
        }

        assertThat(call.flags() & (ExecutionFlags.VIOLATION | ExecutionFlags.REJECTED | ExecutionFlags.REPAIR))
                .isEqualTo(ExecutionFlags.VIOLATION | ExecutionFlags.REJECTED);
        assertThat(written("perceive.violation")).singleElement()
                .satisfies(e -> assertThat(e.correlationId()).isEqualTo(call.executionId()));
    }

    @Test
    void retriesAreWrittenWithTheExecutionIdAndExposeIt() throws Throwable {
        DomainHarness base = DomainHarness.of(Models.class, "creditScore", "base");
        Call call = Call.forVerification(base.active.context(), new Models(), new Object[] {1.0, 1.0});
        assertThat(call.flags()).isZero();
        Retry retry = Retry.builder("test~retried").config(RetryConfig.builder().maxAttempts(3).initialBackoffMs(1)
                .build()).events(sink).build();
        AtomicInteger attempts = new AtomicInteger();

        Call previous = CurrentExecution.enter(call);
        Object result;
        try {
            result = retry.execute(() -> {
                if (attempts.incrementAndGet() < 3) {
                    throw new IOException("connection reset");
                }
                return "ok";
            });
        } finally {
            CurrentExecution.restore(previous);
        }

        assertThat(result).isEqualTo("ok");
        List<Event> retries = written("retry.scheduled");
        assertThat(retries).hasSize(2).allSatisfy(e -> {
            assertThat(e.correlationId()).isEqualTo(call.executionId());
            assertThat(e.payload()).containsEntry("method", "test~retried").containsKey("attempt");
        });
        assertThat(call.flags()).isEqualTo(ExecutionFlags.ID_EXPOSED);
        assertThat(stats.violations.sum()).isZero();
    }

    @Test
    void decisionsOnTwoThreadsCarryTheirOwnCallsIds() throws Exception {
        DomainHarness risk = DomainHarness.withSink(sink, Models.class, "creditScore", "financial_risk");
        CyclicBarrier together = new CyclicBarrier(2);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Call[] calls = new Call[2];
        CountDownLatch done = new CountDownLatch(2);
        for (int t = 0; t < 2; t++) {
            int i = t;
            calls[i] = Call.forVerification(risk.active.context(), new Models(), new Object[] {1.0, 1.0});
            new Thread(() -> {
                Call previous = CurrentExecution.enter(calls[i]);
                try {
                    together.await();
                    for (int n = 0; n < 50; n++) {
                        risk.active.enhancement().enforce(calls[i], 5000.0 + i);
                    }
                } catch (Throwable e) {
                    failed.set(e);
                } finally {
                    CurrentExecution.restore(previous);
                    done.countDown();
                }
            }).start();
        }
        done.await();

        assertThat(failed.get()).isNull();
        List<Event> events = written("enforce.violation");
        assertThat(events).hasSize(100);
        for (Event e : events) {
            assertThat(e.correlationId()).isIn(calls[0].executionId(), calls[1].executionId());
        }
        assertThat(events).filteredOn(e -> e.correlationId().equals(calls[0].executionId())).hasSize(50);
        assertThat(events).filteredOn(e -> e.correlationId().equals(calls[1].executionId())).hasSize(50);
    }

    @Test
    void aDecisionOutsideAnEnhancedCallIsWrittenWithoutAnExecution() throws Throwable {
        DomainHarness risk = DomainHarness.withSink(sink, Models.class, "creditScore", "financial_risk");
        Call call = Call.forVerification(risk.active.context(), new Models(), new Object[] {1.0, 1.0});

        risk.active.enhancement().enforce(call, 1997.0);

        Event e = written("enforce.violation").get(0);
        assertThat(e.correlationId()).isNull();
        assertThat(e.payload()).doesNotContainKey("execution_id").containsEntry("method",
                risk.active.context().key());
        assertThat(call.flags()).isZero();
    }
}
