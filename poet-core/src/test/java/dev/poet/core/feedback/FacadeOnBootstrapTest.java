package dev.poet.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.poet.api.Executions;
import dev.poet.api.FeedbackResult;
import dev.poet.api.PoetFeedback;
import dev.poet.bridge.Call;
import dev.poet.bridge.CurrentExecution;
import dev.poet.bridge.ExecutionIds;
import dev.poet.bridge.MethodContext;
import dev.poet.bridge.MethodStats;
import dev.poet.bridge.facade.FacadeBridge;
import dev.poet.core.events.MemoryEventLog;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

/**
 * The application facade with the bridge on the bootstrap class path, as under the agent (this test runs in a JVM
 * started with {@code -Xbootclasspath/a:} the bridge), and the engine's handler installed.
 */
@Tag("bridge-on-bootstrap")
class FacadeOnBootstrapTest {

    private final MemoryEventLog log = new MemoryEventLog();

    @AfterEach
    void uninstall() {
        FacadeFeedback.uninstall();
    }

    @Test
    void theBridgeIsTheBootstrapOne() {
        assertThat(FacadeBridge.class.getClassLoader()).isNull();
    }

    @Test
    void withoutAnInstalledHandlerFeedbackSaysNoAgent() {
        FeedbackResult r = PoetFeedback.submit(ExecutionIds.format(1), "user", Map.of());
        assertThat(r.status()).isEqualTo(FeedbackResult.Status.NO_AGENT);
        assertThat(r.message()).contains("has not started");
    }

    @Test
    void feedbackGoesThroughTheInstalledHandlerToTheLog() throws Exception {
        String id = ExecutionIds.format(77);
        log.append(List.of(FeedbackFixtures.execution(id, "com.acme.Drift~detect~abc")));
        new FacadeFeedback(new FeedbackParser(FeedbackLimits.defaults()),
                new FeedbackService(log, FeedbackFixtures.EVENTS, () -> { })).install();

        Map<String, Object> fields = new HashMap<>();
        fields.put("was_real_drift", false);
        fields.put("reason", "seasonal_pattern");
        FeedbackResult accepted = PoetFeedback.submit(id, "drift_validation", fields);

        assertThat(accepted.status()).as(accepted.message()).isEqualTo(FeedbackResult.Status.ACCEPTED);
        assertThat(log.durableAppends()).isEqualTo(1);
        assertThat(log.feedbackFor(id)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(accepted.feedbackId());
            assertThat(e.payload()).containsEntry("actor", "application").containsEntry("reason", "seasonal_pattern");
        });

        FeedbackResult unknown = PoetFeedback.submit(ExecutionIds.format(78), "user", null);
        assertThat(unknown.status()).isEqualTo(FeedbackResult.Status.UNKNOWN_EXECUTION);
        FeedbackResult invalid = PoetFeedback.submit(id, "user", Map.of("rating", "excellent"));
        assertThat(invalid.status()).isEqualTo(FeedbackResult.Status.INVALID);
        assertThat(invalid.message()).isEqualTo("rating must be a number, was a string");
        assertThat(log.durableAppends()).isEqualTo(1);
    }

    @Test
    void theCurrentExecutionIdIsTheEnhancedCallsOnItsThreadAndEmptyElsewhere() throws Exception {
        assertThat(Executions.currentId()).isEmpty();
        Call call = Call.forVerification(context(), null, new Object[0]);
        Call previous = CurrentExecution.enter(call);
        try {
            assertThat(Executions.currentId()).hasValue(call.executionId());
            AtomicReference<Object> elsewhere = new AtomicReference<>();
            Thread other = new Thread(() -> elsewhere.set(Executions.currentId()));
            other.start();
            other.join();
            assertThat(elsewhere.get()).isEqualTo(java.util.Optional.empty());
        } finally {
            CurrentExecution.restore(previous);
        }
        assertThat(Executions.currentId()).isEmpty();
    }

    private static MethodContext context() throws Exception {
        Method m = FacadeOnBootstrapTest.class.getDeclaredMethod("context");
        return new MethodContext(1, "FacadeOnBootstrapTest#context", FacadeOnBootstrapTest.class.getName(), "context",
                "()Ldev/poet/bridge/MethodContext;", new Class<?>[0], new String[0], m.getReturnType(),
                m.getExceptionTypes(), true, false, "api_operations", new ParamsRef(Params.of(Map.of())),
                PhaseEventSink.NONE, new MethodStats());
    }
}
