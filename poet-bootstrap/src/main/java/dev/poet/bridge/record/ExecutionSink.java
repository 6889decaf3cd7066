package dev.poet.bridge.record;

/** The buffer's one consumer: receives each drained record, on the draining thread. */
public interface ExecutionSink {

    /**
     * Handles one record. {@code record} is a reused view, valid only during this call: copy what must outlive it.
     * An exception thrown here loses this record only; draining goes on.
     */
    void accept(ExecutionRecord record);
}
