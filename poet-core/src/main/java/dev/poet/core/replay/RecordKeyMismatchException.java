package dev.poet.core.replay;

import java.io.IOException;

/** Recorded inputs that cannot be read with the key given (another key, or none for encrypted ones). */
public final class RecordKeyMismatchException extends IOException {

    public RecordKeyMismatchException(String message) {
        super(message);
    }
}
