package dev.poet.core.events.engine;

import java.util.Map;

import dev.poet.core.events.EventFactory;
import dev.poet.core.events.write.EventWriter;
import dev.poet.runtime.event.PhaseEvent;

/**
 * What the engine tells the event log: the phase decisions taken in enhanced calls, linked to their execution,
 * and its own happenings ({@code generation.*}, {@code version.*}, see {@link dev.poet.core.events.EventTypes}).
 * Every method returns at once, never throws and never blocks: events are queued for the writer. The engine
 * methods return the id of the event written, for the {@code causation_id} of what follows from it, or
 * {@code null} when nothing is written.
 */
public interface EngineEvents {

    /** Writes nothing. */
    EngineEvents NONE = new EngineEvents() {
        @Override
        public void decision(PhaseEvent event) {
        }

        @Override
        public String generationSucceeded(VersionFacts version, Map<String, Long> timings) {
            return null;
        }

        @Override
        public String generationFailed(VersionFacts version, String reason, String activeVersion,
                                       String causationId) {
            return null;
        }

        @Override
        public String versionActivated(VersionFacts version, boolean reused, String replaced, String causationId) {
            return null;
        }

        @Override
        public String versionRejected(VersionFacts version, String stage, String reason) {
            return null;
        }

        @Override
        public String versionQuarantined(VersionFacts version, int failures, String phase, String reason) {
            return null;
        }
    };

    /** Events written through {@code writer}, made by {@code factory}. */
    static EngineEvents writingTo(EventWriter writer, EventFactory factory) {
        return new WrittenEngineEvents(writer, factory);
    }

    /**
     * A decision of the phase runtime, on the thread that took it: noted on the enhanced call running there
     * ({@link DecisionFlags}) and written with that call's execution id as its correlation id.
     */
    void decision(PhaseEvent event);

    /** {@code generation.succeeded}: a version was generated and passed audit and verification. */
    String generationSucceeded(VersionFacts version, Map<String, Long> timings);

    /**
     * {@code generation.failed}: no version came out of {@code version.generator()}.
     *
     * @param activeVersion the version that stays active instead (the template's, when an LLM failed), or
     *                      {@code null} when the original runs
     * @param causationId   the event that made it fail (a {@code version.rejected}), or {@code null}
     */
    String generationFailed(VersionFacts version, String reason, String activeVersion, String causationId);

    /**
     * {@code version.activated}.
     *
     * @param reused      a stored version taken as it was, nothing generated
     * @param replaced    the version it replaced in the slot, or {@code null}
     * @param causationId the {@code generation.succeeded} it follows, or {@code null}
     */
    String versionActivated(VersionFacts version, boolean reused, String replaced, String causationId);

    /**
     * {@code version.rejected}: the gate refused a version at {@code stage} ({@code audit}, {@code construction},
     * {@code verification}, {@code verification_recorded}, {@code original}).
     */
    String versionRejected(VersionFacts version, String stage, String reason);

    /** {@code version.quarantined}: an active version failed {@code failures} times and the original runs again. */
    String versionQuarantined(VersionFacts version, int failures, String phase, String reason);
}
