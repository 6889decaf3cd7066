package dev.poet.core.train;

import java.util.List;

import dev.poet.runtime.params.Params;

/**
 * What Train needs of the engine: the active methods with {@code optimize-for}, and the one way to put new
 * parameters into force. Implemented by {@code dev.poet.core.engine.PoetEngine}.
 */
public interface TrainedMethods {

    /** The active methods whose {@code optimize-for} is set (known objective or not), in no particular order. */
    List<TrainedMethod> trainedMethods();

    /**
     * Makes {@code params} the running snapshot of the active method with key {@code methodKey}, from its next call
     * on: no recompilation, no new version. {@code params} must be complete (configured values with the learned
     * ones on top); a snapshot the enhancement cannot use is refused by it, with a {@code params.rejected} event.
     *
     * @return false when no active method with optimize-for has this key
     */
    boolean applyLearned(String methodKey, Params params);
}
