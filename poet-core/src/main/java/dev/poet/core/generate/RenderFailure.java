package dev.poet.core.generate;

/** A template that does not render (syntax error, unknown variable). */
public final class RenderFailure extends Exception {

    private static final long serialVersionUID = 1L;

    public RenderFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
