package dev.poet.core.store;

/**
 * What a version's metadata keeps of its bytecode audit: passed or not, and one line of why. The audit's own,
 * in-memory outcome with every finding is {@link dev.poet.core.audit.AuditResult}; this is its stored summary.
 *
 * @param passed whether the audit accepted the bytes
 * @param reason why it rejected them (e.g. {@code "denied: java/lang/Runtime.exec"}); null when passed
 */
public record AuditRecord(boolean passed, String reason) {

    /** An accepting audit. */
    public static AuditRecord pass() {
        return new AuditRecord(true, null);
    }

    /** A rejecting audit with its reason. */
    public static AuditRecord reject(String reason) {
        return new AuditRecord(false, reason);
    }
}
