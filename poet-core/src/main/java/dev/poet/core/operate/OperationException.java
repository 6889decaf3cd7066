package dev.poet.core.operate;

/** Why an operation was refused; {@link Kind} maps to an HTTP status and a CLI exit code. */
public final class OperationException extends Exception {

    /** What kind of refusal. */
    public enum Kind {
        /** Malformed name, version, value or body: HTTP 400, exit 2. */
        BAD_REQUEST(400, 2),
        /** No such method, version or template: HTTP 404, exit 1. */
        UNKNOWN(404, 1),
        /** A name matches more than one method: HTTP 409, exit 2. */
        AMBIGUOUS(409, 2),
        /** The state does not allow it (approving an active version, rolling back to a rejected one): 409, exit 1. */
        CONFLICT(409, 1),
        /** The store could not be read or written: HTTP 500, exit 1. */
        FAILED(500, 1);

        private final int httpStatus;
        private final int exitCode;

        Kind(int httpStatus, int exitCode) {
            this.httpStatus = httpStatus;
            this.exitCode = exitCode;
        }

        public int httpStatus() {
            return httpStatus;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    public OperationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public OperationException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
