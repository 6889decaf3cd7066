package dev.poet.core.operate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The operator's state of one method, {@code methods/<key>/operator.json}:
 * {@code {"enabled": true, "params": {"retries": "5"}, "changed_by": "cli:ann", "changed_at": "ISO"}}. Absent means
 * enabled with no overrides. Fields this agent does not know are kept on rewrite.
 *
 * @param params operator overrides of the method's parameters, key to raw value, sorted
 * @param pinned the version the operator last made current (rollback, approval), {@code pinned_version}; it is
 *               reused after a restart even when the configuration changed since, as long as the method's code did
 *               not
 */
record OperatorState(boolean enabled, Map<String, String> params, String pinned, String changedBy,
                     Instant changedAt, Map<String, Object> other) {

    static final OperatorState DEFAULT = new OperatorState(true, Map.of(), null, null, null, Map.of());

    OperatorState {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        other = Map.copyOf(other);
    }

    OperatorState with(boolean enabled, Map<String, String> params, String actor, Instant at) {
        return new OperatorState(enabled, params, pinned, actor, at, other);
    }

    OperatorState pin(String version, String actor, Instant at) {
        return new OperatorState(enabled, params, version, actor, at, other);
    }

    /** The state in {@code file}; {@link #DEFAULT} when there is none. A malformed file is an IOException. */
    static OperatorState read(Path file) throws IOException {
        Optional<Map<String, Object>> read = OperateFiles.readObject(file);
        if (read.isEmpty()) {
            return DEFAULT;
        }
        Map<String, Object> m = new LinkedHashMap<>(read.get());
        Object enabled = m.remove("enabled");
        Object params = m.remove("params");
        Object by = m.remove("changed_by");
        Object at = m.remove("changed_at");
        Object pinned = m.remove("pinned_version");
        Map<String, String> p = new TreeMap<>();
        if (params instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() != null && e.getValue() != null) {
                    p.put(e.getKey().toString(), e.getValue().toString());
                }
            }
        }
        Instant changedAt = null;
        if (at != null) {
            try {
                changedAt = Instant.parse(at.toString());
            } catch (RuntimeException e) {
                // Kept unknown: the time is for people, nothing depends on it.
            }
        }
        m.values().removeIf(java.util.Objects::isNull);
        return new OperatorState(!Boolean.FALSE.equals(enabled) && !"false".equals(String.valueOf(enabled)), p,
                pinned == null ? null : pinned.toString(), by == null ? null : by.toString(), changedAt, m);
    }

    void write(Path file) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>(other);
        out.put("enabled", enabled);
        out.put("params", new TreeMap<>(params));
        if (pinned != null) {
            out.put("pinned_version", pinned);
        }
        if (changedBy != null) {
            out.put("changed_by", changedBy);
        }
        if (changedAt != null) {
            out.put("changed_at", changedAt.toString());
        }
        OperateFiles.writeObject(file, out);
    }
}
