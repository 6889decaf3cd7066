package dev.poet.core.replay;

import java.util.Objects;

/**
 * The inputs and result of one execution of a method with {@code optimize-for}, kept for replay. They are the
 * application's data.
 *
 * @param methodKey   the method's key
 * @param executionId the execution's id
 * @param timestamp   when it started, epoch milliseconds
 * @param arguments   the arguments as a JSON array, copied when the call ran; a value that could not be recorded
 *                    is {@code {"$unrecorded":"<class>"}}
 * @param result      the result as JSON ({@code null} for void or when the call failed)
 * @param status      {@code success}, {@code failure} or {@code fallback}
 */
public record RecordedExecution(String methodKey, String executionId, long timestamp, String arguments,
                                String result, String status) {

    public RecordedExecution {
        Objects.requireNonNull(methodKey, "methodKey");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(status, "status");
    }
}
