package dev.poet.core.replay;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Recent executions of methods with {@code optimize-for}, bounded per method in count and bytes (the oldest go
 * first), kept for replay. Thread-safe.
 */
public interface RecordedInputs extends AutoCloseable {

    /** Keeps {@code execution}; may drop the method's oldest to stay within bounds. Never throws for a full store. */
    void add(RecordedExecution execution) throws IOException;

    /** The method's recorded executions, newest last, at most {@code max} (the newest). */
    List<RecordedExecution> recent(String methodKey, int max) throws IOException;

    /** The recorded execution {@code executionId}, when kept. */
    Optional<RecordedExecution> get(String methodKey, String executionId) throws IOException;

    @Override
    void close() throws IOException;
}
