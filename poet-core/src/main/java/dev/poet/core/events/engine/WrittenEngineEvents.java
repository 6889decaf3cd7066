package dev.poet.core.events.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.poet.bridge.Call;
import dev.poet.bridge.CurrentExecution;
import dev.poet.core.events.Event;
import dev.poet.core.events.EventFactory;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.write.EventWriter;
import dev.poet.runtime.event.PhaseEvent;

/** {@link EngineEvents} queued on an {@link EventWriter}. */
final class WrittenEngineEvents implements EngineEvents {

    private final EventWriter writer;
    private final EventFactory factory;

    WrittenEngineEvents(EventWriter writer, EventFactory factory) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    @Override
    public void decision(PhaseEvent event) {
        try {
            Call call = CurrentExecution.call();
            String executionId = null;
            if (call != null) {
                int flags = DecisionFlags.of(event);
                if (flags != 0) {
                    call.note(flags);
                }
                // Asking for the id marks it exposed: an execution with a decision always gets its own event.
                executionId = call.executionId();
            }
            Map<String, Object> payload = new LinkedHashMap<>(event.fields());
            payload.put("method", event.methodKey());
            if (executionId != null) {
                payload.put("execution_id", executionId);
            }
            writer.offer(factory.create(event.type(), event.timestampMillis(), executionId, null, payload));
        } catch (RuntimeException ignored) {
            // A decision that cannot be recorded must not fail the call that took it.
        }
    }

    @Override
    public String generationSucceeded(VersionFacts version, Map<String, Long> timings) {
        Map<String, Object> p = version.payload();
        if (timings != null && !timings.isEmpty()) {
            p.put("timings_ms", new LinkedHashMap<>(timings));
        }
        return write(EventTypes.GENERATION_SUCCEEDED, null, p);
    }

    @Override
    public String generationFailed(VersionFacts version, String reason, String activeVersion, String causationId) {
        Map<String, Object> p = version.payload();
        p.put("reason", reason);
        p.put("active_version", activeVersion);
        p.put("fallback", activeVersion != null ? "template" : "original");
        return write(EventTypes.GENERATION_FAILED, causationId, p);
    }

    @Override
    public String versionActivated(VersionFacts version, boolean reused, String replaced, String causationId) {
        Map<String, Object> p = version.payload();
        p.put("reused", reused);
        VersionFacts.putIfPresent(p, "replaced", replaced);
        return write(EventTypes.VERSION_ACTIVATED, causationId, p);
    }

    @Override
    public String versionRejected(VersionFacts version, String stage, String reason) {
        Map<String, Object> p = version.payload();
        p.put("stage", stage);
        p.put("reason", reason);
        return write(EventTypes.VERSION_REJECTED, null, p);
    }

    @Override
    public String versionQuarantined(VersionFacts version, int failures, String phase, String reason) {
        Map<String, Object> p = version.payload();
        p.put("failures", failures);
        p.put("phase", phase);
        p.put("reason", reason);
        return write(EventTypes.VERSION_QUARANTINED, null, p);
    }

    private String write(String type, String causationId, Map<String, Object> payload) {
        try {
            Event e = factory.create(type, null, causationId, payload);
            return writer.offer(e) ? e.id() : null;
        } catch (RuntimeException e) {
            // The engine's work stands whether or not it could be told.
            return null;
        }
    }
}
