package dev.poet.llm.provider;

/**
 * A provider gave no usable answer. The message is one line, safe to log: it never holds the API key (response
 * snippets are passed through {@link Secret#redact(String)}).
 */
public final class ProviderException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int attempts;

    public ProviderException(String message, int attempts) {
        super(message);
        this.attempts = attempts;
    }

    /** HTTP requests made before giving up. */
    public int attempts() {
        return attempts;
    }
}
