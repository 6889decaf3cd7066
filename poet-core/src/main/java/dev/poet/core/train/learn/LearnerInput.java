package dev.poet.core.train.learn;

import dev.poet.core.train.TrainedMethod;
import dev.poet.core.train.evidence.Evidence;
import dev.poet.core.train.learned.ParamBounds;
import dev.poet.runtime.params.Params;

/**
 * What a learner decides on: the method, the parameters it runs with now, the window's evidence and the bounds.
 */
public record LearnerInput(TrainedMethod method, Params current, Evidence evidence, ParamBounds bounds) {

    /** Whether {@code key} may be learned for this method: it has bounds and the user did not set it. */
    public boolean learnable(String key) {
        return bounds.has(key) && !method.explicitKeys().contains(key);
    }
}
