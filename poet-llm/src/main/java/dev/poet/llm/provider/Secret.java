package dev.poet.llm.provider;

/**
 * An API key. Only the providers of this package read it, to put it into a request header; everything else sees
 * {@code ****}, and any text that might echo it back (an error body) is {@link #redact redacted}.
 */
public final class Secret {

    private static final String MASK = "****";
    private static final Secret NONE = new Secret(null);

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A key; blank means none. */
    public static Secret of(String value) {
        return value == null || value.isBlank() ? NONE : new Secret(value.trim());
    }

    public static Secret none() {
        return NONE;
    }

    public boolean isPresent() {
        return value != null;
    }

    /** The key itself: for request headers only. */
    String reveal() {
        return value;
    }

    /** {@code text} with every occurrence of the key replaced by {@code ****}; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null || value == null) {
            return text;
        }
        return text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return value == null ? "(none)" : MASK;
    }
}
