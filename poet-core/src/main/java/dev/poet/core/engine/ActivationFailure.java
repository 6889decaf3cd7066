package dev.poet.core.engine;

/** Why a method's enhancement could not be activated; the message is the one line users see. */
final class ActivationFailure extends Exception {

    private static final long serialVersionUID = 1L;

    ActivationFailure(String message) {
        super(message);
    }

    ActivationFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
