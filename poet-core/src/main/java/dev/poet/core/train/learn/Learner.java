package dev.poet.core.train.learn;

import java.util.Optional;
import java.util.Set;

import dev.poet.core.train.Objective;

/**
 * Moves a method's learned parameters toward one or more objectives from a window's evidence. A learner proposes
 * values only; the orchestrator keeps the keys it may learn (bounded, not set explicitly), clamps them into their
 * bounds, applies, persists, reports and watches the change. Implementations are stateless and deterministic:
 * the same input gives the same proposal.
 */
public interface Learner {

    /** The objectives this learner serves. */
    Set<Objective> objectives();

    /** New values for some parameters, or empty when the evidence asks for no change. */
    Optional<Proposal> propose(LearnerInput input);
}
