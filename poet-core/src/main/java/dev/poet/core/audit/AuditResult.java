package dev.poet.core.audit;

import java.util.Collections;
import java.util.List;

/**
 * The outcome of an audit: passed, or rejected with every finding (up to a cap, so a hostile class cannot make
 * the result itself large).
 */
public final class AuditResult {

    private static final AuditResult PASSED = new AuditResult(Collections.emptyList(), false);

    private final List<AuditFinding> findings;
    private final boolean truncated;

    private AuditResult(List<AuditFinding> findings, boolean truncated) {
        this.findings = findings;
        this.truncated = truncated;
    }

    /** The result of an audit that found nothing. */
    public static AuditResult passed() {
        return PASSED;
    }

    /**
     * The result of an audit that found something.
     *
     * @param truncated whether more findings existed than were kept
     */
    public static AuditResult rejected(List<AuditFinding> findings, boolean truncated) {
        if (findings.isEmpty()) {
            throw new IllegalArgumentException("a rejection needs at least one finding");
        }
        return new AuditResult(Collections.unmodifiableList(findings), truncated);
    }

    /** Whether the generated code may be loaded. */
    public boolean isPassed() {
        return findings.isEmpty();
    }

    /** The findings, in the order they were met; empty when passed. */
    public List<AuditFinding> findings() {
        return findings;
    }

    /** Whether further findings were dropped beyond the cap. */
    public boolean isTruncated() {
        return truncated;
    }

    /** One line per finding, for the rejection event and for the LLM's repair prompt. */
    public String describe() {
        if (isPassed()) {
            return "audit passed";
        }
        // One line: it goes into a log line, an event and an LLM repair prompt.
        StringBuilder sb = new StringBuilder("audit rejected the generated code: ");
        for (int i = 0; i < findings.size(); i++) {
            sb.append(i == 0 ? "" : "; ").append(findings.get(i));
        }
        if (truncated) {
            sb.append("; (more findings omitted)");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
