package dev.poet.core.events.filter;

/** A filter value that cannot be used; the message names the filter and what it accepts. */
public final class BadFilterException extends Exception {

    private final String filter;

    public BadFilterException(String filter, String message) {
        super(message);
        this.filter = filter;
    }

    /** The filter's name ({@code since}, {@code type}, ...). */
    public String filter() {
        return filter;
    }
}
