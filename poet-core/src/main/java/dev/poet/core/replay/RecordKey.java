package dev.poet.core.replay;

import java.util.Base64;
import java.util.Optional;

/**
 * The key that encrypts recorded inputs at rest, from {@code poet.record.key} (or {@code POET_RECORD_KEY}): base64 of
 * 16, 24 or 32 bytes (AES-128, -192, -256). Messages name the key and what is wrong with it, never its value.
 */
public final class RecordKey {

    /** The configuration key, for messages. */
    public static final String CONFIG_KEY = "poet.record.key";

    private RecordKey() {
    }

    /** Thrown for a configured value that is not a usable key. */
    public static final class InvalidRecordKeyException extends IllegalArgumentException {
        InvalidRecordKeyException(String message) {
            super(message);
        }
    }

    /**
     * The key bytes of a configured value; empty when none is set (null or blank).
     *
     * @throws InvalidRecordKeyException when the value is not base64 of 16, 24 or 32 bytes
     */
    public static Optional<byte[]> parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return Optional.empty();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(configured.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordKeyException(CONFIG_KEY + " is not valid base64 (the value is not shown); "
                    + "give base64 of 16, 24 or 32 random bytes, e.g. from: openssl rand -base64 32");
        }
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new InvalidRecordKeyException(CONFIG_KEY + " decodes to " + key.length
                    + " bytes; AES needs 16, 24 or 32 (the value is not shown)");
        }
        return Optional.of(key);
    }
}
