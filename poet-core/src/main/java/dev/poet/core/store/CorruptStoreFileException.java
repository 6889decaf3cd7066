package dev.poet.core.store;

import java.io.IOException;

/**
 * A stored file exists but its content is not what POET wrote: bad magic, unknown format version, checksum
 * mismatch, truncation or unparseable JSON. The caller should treat the version as unusable (and regenerate);
 * the message names the file and what is wrong.
 */
public class CorruptStoreFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A corruption described by {@code message}, which should name the file. */
    public CorruptStoreFileException(String message) {
        super(message);
    }

    /** A corruption described by {@code message}, found through {@code cause}. */
    public CorruptStoreFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
