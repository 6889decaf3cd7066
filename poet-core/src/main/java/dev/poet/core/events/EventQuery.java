package dev.poet.core.events;

import java.util.Objects;

/**
 * Which events to read back; every filter is optional ({@code null} = any).
 *
 * @param type        exact type, or a prefix ending in {@code .*} ({@code version.*})
 * @param method      a method key, or a prefix of one ({@code com.acme.Pricing~quote})
 * @param sinceMillis only events at or after this epoch millisecond; {@code 0} = from the start
 * @param executionId only events whose {@code correlation_id} (or payload {@code execution_id}) is this
 * @param limit       at most this many, the newest kept when more match; {@code 0} = no limit
 */
public record EventQuery(String type, String method, long sinceMillis, String executionId, int limit) {

    public EventQuery {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
    }

    /** Every event. */
    public static EventQuery all() {
        return new EventQuery(null, null, 0, null, 0);
    }

    public EventQuery withType(String t) { return new EventQuery(t, method, sinceMillis, executionId, limit); }

    public EventQuery withMethod(String m) { return new EventQuery(type, m, sinceMillis, executionId, limit); }

    public EventQuery since(long millis) { return new EventQuery(type, method, millis, executionId, limit); }

    public EventQuery withExecution(String id) { return new EventQuery(type, method, sinceMillis, id, limit); }

    public EventQuery limit(int n) { return new EventQuery(type, method, sinceMillis, executionId, n); }

    /** Whether {@code e} passes every filter. */
    public boolean matches(Event e) {
        if (e.timestamp() < sinceMillis) {
            return false;
        }
        if (type != null) {
            if (type.endsWith(".*")) {
                if (!e.type().startsWith(type.substring(0, type.length() - 1))) {
                    return false;
                }
            } else if (!type.equals(e.type())) {
                return false;
            }
        }
        if (method != null) {
            String m = e.method();
            if (m == null || !m.startsWith(method)) {
                return false;
            }
        }
        if (executionId != null) {
            return executionId.equals(e.correlationId()) || Objects.equals(executionId, e.payload().get("execution_id"));
        }
        return true;
    }
}
