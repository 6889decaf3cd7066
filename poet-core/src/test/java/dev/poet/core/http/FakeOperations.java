package dev.poet.core.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.poet.core.operate.ChangeReceipt;
import dev.poet.core.operate.MethodView;
import dev.poet.core.operate.OperationException;
import dev.poet.core.operate.OperationException.Kind;
import dev.poet.core.operate.Operations;
import dev.poet.core.operate.VersionDetail;
import dev.poet.core.operate.VersionView;

/**
 * A collaborator of the routes under test: methods and versions in memory, every change recorded in
 * {@link #changes}, so a test sees whether a refused request reached it. Refuses as the contract says.
 */
final class FakeOperations implements Operations {

    static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
    static final String PRICING = "com.acme.Pricing~quote~1a2b3c4d";
    static final String PRICING_TOTAL = "com.acme.Pricing~total~0badcafe";
    static final String DRIFT = "com.acme.Drift~detect~00c0ffee";

    /** Each change as {@code kind method detail actor}. */
    final List<String> changes = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Method> methods = new TreeMap<>();
    private String selection;
    /** When set, {@link #method} fails as a store that cannot be read would. */
    volatile boolean failMethodReads;

    private static final class Method {
        String active;
        boolean enabled = true;
        final Map<String, String> params = new TreeMap<>();
        final Map<String, String> statuses = new TreeMap<>();
        final String domain;

        Method(String domain) {
            this.domain = domain;
        }
    }

    FakeOperations() {
        reset();
    }

    /** Back to the three methods every test starts from, no changes recorded. */
    synchronized void reset() {
        changes.clear();
        failMethodReads = false;
        methods.clear();
        selection = "com.acme.Pricing[*];com.acme.Drift[detect]";
        Method p = new Method("financial_risk");
        p.statuses.put("v1", "superseded");
        p.statuses.put("v2", "active");
        p.statuses.put("v3", "awaiting_review");
        p.statuses.put("v4", "rejected");
        p.active = "v2";
        p.params.put("retries", "3");
        methods.put(PRICING, p);
        methods.put(PRICING_TOTAL, new Method("financial_risk"));
        Method d = new Method("ml_monitoring");
        d.statuses.put("v1", "active");
        d.active = "v1";
        methods.put(DRIFT, d);
    }

    @Override
    public synchronized List<MethodView> methods() {
        List<MethodView> out = new ArrayList<>();
        for (String key : methods.keySet()) {
            out.add(view(key));
        }
        return out;
    }

    @Override
    public synchronized MethodView method(String methodKey) throws OperationException {
        if (failMethodReads) {
            throw new OperationException(Kind.FAILED, "operator.json could not be read");
        }
        get(methodKey);
        return view(methodKey);
    }

    private MethodView view(String key) {
        Method m = methods.get(key);
        List<String> waiting = new ArrayList<>();
        m.statuses.forEach((v, s) -> {
            if (s.equals("awaiting_review")) {
                waiting.add(v);
            }
        });
        String[] parts = key.split("~");
        MethodView.Live live = key.equals(PRICING)
                ? new MethodView.Live(200, 10, 7, 2, 1, 3, 1.5, 12.25, "java.io.IOException: down", AT) : null;
        String state = !m.enabled ? "disabled" : m.active != null ? "active" : "original";
        return new MethodView(key, parts[0] + "." + parts[1] + "(int)", m.domain, state, m.active,
                m.active == null ? null : "template", m.enabled, waiting, new LinkedHashMap<>(m.params), live);
    }

    @Override
    public synchronized String resolve(String name) throws OperationException {
        if (name == null || name.isEmpty() || name.contains("/") || name.contains("..")) {
            throw new OperationException(Kind.BAD_REQUEST, "not a method name: " + name);
        }
        if (methods.containsKey(name)) {
            return name;
        }
        List<String> matches = new ArrayList<>();
        for (String key : methods.keySet()) {
            String[] parts = key.split("~");
            String cls = parts[0];
            String simple = cls.substring(cls.lastIndexOf('.') + 1);
            if (name.equals(cls + "." + parts[1]) || name.equals(simple + "." + parts[1]) || key.startsWith(name)) {
                matches.add(key);
            }
        }
        if (matches.isEmpty()) {
            throw new OperationException(Kind.UNKNOWN, "no method " + name);
        }
        if (matches.size() > 1) {
            throw new OperationException(Kind.AMBIGUOUS, name + " matches " + String.join(", ", matches));
        }
        return matches.get(0);
    }

    private Method get(String key) throws OperationException {
        Method m = methods.get(key);
        if (m == null) {
            throw new OperationException(Kind.UNKNOWN, "no method " + key);
        }
        return m;
    }

    private String status(Method m, String version) throws OperationException {
        String s = m.statuses.get(version);
        if (s == null) {
            throw new OperationException(Kind.UNKNOWN, "no version " + version);
        }
        return s;
    }

    @Override
    public synchronized List<VersionView> versions(String methodKey) throws OperationException {
        Method m = get(methodKey);
        List<VersionView> out = new ArrayList<>();
        m.statuses.forEach((v, s) -> out.add(0, new VersionView(v, s, v.equals(m.active), "template", "v1", null,
                null, AT)));
        return out;
    }

    @Override
    public synchronized VersionDetail version(String methodKey, String version) throws OperationException {
        Method m = get(methodKey);
        String s = status(m, version);
        return new VersionDetail(new VersionView(version, s, version.equals(m.active), "template", "v1", null, null,
                AT), "public final class Enhancement { /* " + version + " */ }",
                Map.of("status", s, "generator", "template"), Map.of("verdict", "passed", "findings", List.of()),
                Map.of("retries", 3));
    }

    private ChangeReceipt record(String kind, String key, String detail, String actor) {
        changes.add(kind + " " + key + " " + detail + " " + actor);
        return new ChangeReceipt("c" + changes.size(), key, kind, kind + " " + key + " " + detail, actor, AT, true);
    }

    @Override
    public synchronized ChangeReceipt rollback(String methodKey, String version, String actor)
            throws OperationException {
        Method m = get(methodKey);
        String s = status(m, version);
        if (s.equals("rejected")) {
            throw new OperationException(Kind.CONFLICT, version + " was rejected and may not run");
        }
        if (m.active != null) {
            m.statuses.put(m.active, "rolled_back");
        }
        m.statuses.put(version, "active");
        m.active = version;
        return record("rollback", methodKey, version, actor);
    }

    @Override
    public synchronized ChangeReceipt approve(String methodKey, String version, String actor)
            throws OperationException {
        Method m = get(methodKey);
        if (!status(m, version).equals("awaiting_review")) {
            throw new OperationException(Kind.CONFLICT, version + " is not awaiting review");
        }
        if (m.active != null) {
            m.statuses.put(m.active, "superseded");
        }
        m.statuses.put(version, "active");
        m.active = version;
        return record("approve", methodKey, version, actor);
    }

    @Override
    public synchronized ChangeReceipt reject(String methodKey, String version, String reason, String actor)
            throws OperationException {
        Method m = get(methodKey);
        if (!status(m, version).equals("awaiting_review")) {
            throw new OperationException(Kind.CONFLICT, version + " is not awaiting review");
        }
        m.statuses.put(version, "rejected");
        return record("reject", methodKey, version + " " + reason, actor);
    }

    @Override
    public synchronized Map<String, String> params(String methodKey) throws OperationException {
        return new LinkedHashMap<>(get(methodKey).params);
    }

    @Override
    public synchronized ChangeReceipt setParams(String methodKey, Map<String, String> values, String actor)
            throws OperationException {
        Method m = get(methodKey);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().equals("retries") && !e.getValue().isEmpty() && !e.getValue().matches("[0-9]+")) {
                throw new OperationException(Kind.BAD_REQUEST, "retries: not a whole number: " + e.getValue());
            }
        }
        values.forEach((k, v) -> {
            if (v.isEmpty()) {
                m.params.remove(k);
            } else {
                m.params.put(k, v);
            }
        });
        return record("params", methodKey, new TreeMap<>(values).toString(), actor);
    }

    @Override
    public synchronized ChangeReceipt setEnabled(String methodKey, boolean enabled, String actor)
            throws OperationException {
        get(methodKey).enabled = enabled;
        return record(enabled ? "enable" : "disable", methodKey, "", actor);
    }

    @Override
    public synchronized String selection() {
        return selection;
    }

    @Override
    public synchronized ChangeReceipt setSelection(String include, String actor) throws OperationException {
        if (include.contains("[[")) {
            throw new OperationException(Kind.BAD_REQUEST, "entry " + include + " does not parse");
        }
        if (include.equals("fail")) {
            throw new OperationException(Kind.FAILED, "the store could not be written: disk full");
        }
        selection = include;
        return record("selection", null, include, actor);
    }
}
