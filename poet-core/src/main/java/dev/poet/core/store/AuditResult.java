package dev.poet.core.store;

/**
 * The outcome of the bytecode audit of a version.
 *
 * @param passed whether the audit accepted the bytes
 * @param reason why it rejected them (e.g. {@code "denied: java/lang/Runtime.exec"}); null when passed
 */
public record AuditResult(boolean passed, String reason) {

    /** An accepting audit. */
    public static AuditResult pass() {
        return new AuditResult(true, null);
    }

    /** A rejecting audit with its reason. */
    public static AuditResult reject(String reason) {
        return new AuditResult(false, reason);
    }
}
