package dev.poet.core.operate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON form (snake_case, as maps ready for a JSON writer) of the operator's views, shared by the HTTP API
 * and the command line's {@code --json}, so the two never disagree on a field.
 */
public final class OperateJson {

    private OperateJson() {
    }

    /** A method: key, names, state, versions, operator parameters and its live figures (or null). */
    public static Map<String, Object> method(MethodView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", v.key());
        m.put("display_name", v.displayName());
        m.put("domain", v.domain());
        m.put("state", v.state());
        m.put("active_version", v.activeVersion());
        m.put("generator", v.generator());
        m.put("enabled", v.enabled());
        m.put("awaiting_review", v.awaitingReview() == null ? List.of() : v.awaitingReview());
        m.put("params", v.params() == null ? Map.of() : v.params());
        m.put("live", v.live() == null ? null : live(v.live()));
        return m;
    }

    public static Map<String, Object> live(MethodView.Live l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", l.calls());
        m.put("failures", l.failures());
        m.put("failure_rate", l.failureRate());
        m.put("retries", l.retries());
        m.put("violations", l.violations());
        m.put("repairs", l.repairs());
        m.put("fallbacks", l.fallbacks());
        m.put("p50_millis", l.p50Millis());
        m.put("p99_millis", l.p99Millis());
        m.put("last_error", l.lastError());
        m.put("at", text(l.at()));
        return m;
    }

    public static Map<String, Object> version(VersionView v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("status", v.status());
        m.put("current", v.current());
        m.put("generator", v.generator());
        m.put("template_version", v.templateVersion());
        m.put("model", v.model());
        m.put("reason", v.reason());
        m.put("created_at", text(v.createdAt()));
        return m;
    }

    public static Map<String, Object> receipt(ChangeReceipt r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("method_key", r.methodKey());
        m.put("kind", r.kind());
        m.put("summary", r.summary());
        m.put("actor", r.actor());
        m.put("at", text(r.at()));
        m.put("applied", r.applied());
        return m;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
