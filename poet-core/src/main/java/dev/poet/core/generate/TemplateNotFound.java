package dev.poet.core.generate;

/** No template folder for a domain, or one that lacks a required file or property. */
public final class TemplateNotFound extends Exception {

    private static final long serialVersionUID = 1L;

    public TemplateNotFound(String message) {
        super(message);
    }
}
