package dev.poet.core.train.regen;

import java.util.Map;
import java.util.Optional;

/**
 * What regeneration needs of the engine. Implemented by {@code dev.poet.core.engine.PoetEngine}; the bridge's slot
 * table stays the only writer of slots.
 */
public interface VersionControl {

    /** A stored candidate and fresh instances of it and of the running version for replay. */
    record CandidateVersion(String methodKey, String version, ReplayTarget candidate, ReplayTarget current) {
    }

    /**
     * Produces a new version of the active method {@code methodKey} through the same gate as any generation
     * (render or source generator, compile, audit, verify) and stores it as a candidate, not current and in no slot.
     *
     * @param params   parameters laid over the configured ones in the candidate (learned values folded in); keys
     *                 the user set are kept as configured
     * @param evidence what a source generator is told about why the method is regenerated; ignored by templates
     * @return empty when no candidate passed (the engine said why: {@code generation.failed}, {@code version.rejected})
     */
    Optional<CandidateVersion> generateCandidate(String methodKey, Map<String, Object> params, String evidence);

    /** Makes the stored candidate current and puts it in the method's slot; false when it no longer can be. */
    boolean promote(String methodKey, String version);

    /** Marks a candidate that was not promoted, with the reason, so that it is never reused. */
    void discard(String methodKey, String version, String reason);

    /**
     * Makes the stored version {@code version} of the active method current again and puts it in the slot, the
     * version it replaces marked rolled back with {@code reason}.
     *
     * @return false when it cannot be (no such version, not activatable, the method is not active)
     */
    boolean rollBack(String methodKey, String version, String reason);
}
