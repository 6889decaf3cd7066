package dev.poet.core.audit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the findings of one audit: each distinct (class, owner, member, rule) once, up to a cap, so that a
 * loop calling {@code File.delete} a thousand times yields one finding and a hostile class cannot flood the result.
 */
final class Findings {

    static final int MAX_FINDINGS = 100;

    private final List<AuditFinding> list = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private boolean truncated;

    void add(String className, String site, String owner, String member, String descriptor,
             AuditFinding.Kind kind, String rule) {
        String key = className + ' ' + owner + ' ' + member + ' ' + descriptor + ' ' + rule;
        if (!seen.add(key)) {
            return;
        }
        if (list.size() >= MAX_FINDINGS) {
            truncated = true;
            return;
        }
        list.add(new AuditFinding(TypeNames.binary(className), site, TypeNames.binary(owner), member, descriptor,
                kind, rule));
    }

    AuditResult result() {
        return list.isEmpty() ? AuditResult.passed() : AuditResult.rejected(list, truncated);
    }
}
