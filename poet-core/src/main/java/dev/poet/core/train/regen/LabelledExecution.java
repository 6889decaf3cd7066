package dev.poet.core.train.regen;

import dev.poet.core.replay.RecordedExecution;

/**
 * A recorded execution with what feedback says about it.
 *
 * @param real whether the event it was about was real (a detecting method's ground truth); null when the feedback
 *             says nothing about it
 */
public record LabelledExecution(RecordedExecution execution, Boolean real) {
}
