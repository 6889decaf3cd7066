package dev.poet.core.feedback;

/**
 * Bounds on one feedback document, so a submission cannot make an event near the store's 1 MiB limit.
 *
 * @param maxTextChars       longest string field ({@code label}, {@code comments}, {@code reason}, ...) and
 *                           longest string in {@code values}
 * @param maxValues          most entries in {@code values}
 * @param maxExtraFields     most fields POET does not know, kept as given
 * @param maxExtraFieldBytes largest JSON encoding of one such field's value
 */
public record FeedbackLimits(int maxTextChars, int maxValues, int maxExtraFields, int maxExtraFieldBytes) {

    /** Longest field name accepted, known or not. */
    public static final int MAX_NAME_CHARS = 64;

    public FeedbackLimits {
        if (maxTextChars < 1 || maxValues < 0 || maxExtraFields < 0 || maxExtraFieldBytes < 1) {
            throw new IllegalArgumentException("feedback limits must be positive");
        }
    }

    /** 4096 characters per string, 64 values, 32 extra fields of at most 4 KiB each. */
    public static FeedbackLimits defaults() {
        return new FeedbackLimits(4096, 64, 32, 4096);
    }
}
