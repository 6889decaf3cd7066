package dev.poet.agent.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.poet.core.operate.ChangeReceipt;
import dev.poet.core.operate.MethodView;
import dev.poet.core.operate.OperationException;
import dev.poet.core.operate.Operations;
import dev.poet.core.operate.VersionDetail;
import dev.poet.core.operate.VersionView;

import static dev.poet.core.operate.OperationException.Kind.AMBIGUOUS;
import static dev.poet.core.operate.OperationException.Kind.BAD_REQUEST;
import static dev.poet.core.operate.OperationException.Kind.CONFLICT;
import static dev.poet.core.operate.OperationException.Kind.UNKNOWN;

/** An in-memory collaborator for the commands' tests: a few methods and versions, and a record of every change. */
final class FakeOperations implements Operations {

    static final Instant AT = Instant.parse("2025-01-02T10:00:00Z");

    final Map<String, MethodView> methods = new TreeMap<>();
    final Map<String, List<VersionView>> versions = new TreeMap<>();
    final Map<String, String> sources = new LinkedHashMap<>();
    final List<String> changes = new ArrayList<>();
    String selection = "com.acme.Pricing[quote]";

    void add(MethodView view, VersionView... stored) {
        methods.put(view.key(), view);
        versions.put(view.key(), new ArrayList<>(List.of(stored)));
    }

    @Override
    public List<MethodView> methods() {
        return List.copyOf(methods.values());
    }

    @Override
    public MethodView method(String methodKey) throws OperationException {
        MethodView view = methods.get(methodKey);
        if (view == null) {
            throw new OperationException(UNKNOWN, "no method " + methodKey);
        }
        return view;
    }

    @Override
    public String resolve(String name) throws OperationException {
        if (methods.containsKey(name)) {
            return name;
        }
        List<String> matches = new ArrayList<>();
        for (String key : methods.keySet()) {
            String[] parts = key.split("~");
            String simple = parts[0].substring(parts[0].lastIndexOf('.') + 1);
            if (key.startsWith(name) || name.equals(parts[0] + "." + parts[1]) || name.equals(simple + "." + parts[1])) {
                matches.add(key);
            }
        }
        if (matches.isEmpty()) {
            throw new OperationException(UNKNOWN, "no method matches '" + name + "'");
        }
        if (matches.size() > 1) {
            throw new OperationException(AMBIGUOUS, "'" + name + "' matches " + matches);
        }
        return matches.get(0);
    }

    @Override
    public List<VersionView> versions(String methodKey) throws OperationException {
        method(methodKey);
        return versions.get(methodKey);
    }

    @Override
    public VersionDetail version(String methodKey, String version) throws OperationException {
        for (VersionView v : versions(methodKey)) {
            if (v.name().equals(version)) {
                return new VersionDetail(v, sources.get(methodKey + "/" + version),
                        Map.of("status", v.status(), "templateDomain", "base"),
                        Map.of("verdict", "pass", "findings", List.of("no forbidden calls")), Map.of("retries", 3));
            }
        }
        throw new OperationException(UNKNOWN, methodKey + " has no version " + version);
    }

    private ChangeReceipt change(String key, String kind, String summary, String actor) {
        changes.add(kind + " " + key + " " + summary + " by " + actor);
        return new ChangeReceipt("1-2-" + changes.size(), key, kind, summary, actor, AT, false);
    }

    @Override
    public ChangeReceipt rollback(String methodKey, String version, String actor) throws OperationException {
        VersionDetail d = version(methodKey, version);
        if (d.version().status().equals("rejected")) {
            throw new OperationException(CONFLICT, version + " was rejected");
        }
        return change(methodKey, "rollback", "rollback " + methodKey + " to " + version, actor);
    }

    @Override
    public ChangeReceipt approve(String methodKey, String version, String actor) throws OperationException {
        if (!version(methodKey, version).version().status().equals("awaiting_review")) {
            throw new OperationException(CONFLICT, version + " is not awaiting review");
        }
        return change(methodKey, "approve", "approve " + methodKey + " " + version, actor);
    }

    @Override
    public ChangeReceipt reject(String methodKey, String version, String reason, String actor)
            throws OperationException {
        version(methodKey, version);
        return change(methodKey, "reject", "reject " + methodKey + " " + version + " reason=" + reason, actor);
    }

    @Override
    public Map<String, String> params(String methodKey) throws OperationException {
        return method(methodKey).params();
    }

    @Override
    public ChangeReceipt setParams(String methodKey, Map<String, String> values, String actor)
            throws OperationException {
        method(methodKey);
        if (values.containsKey("retries") && !values.get("retries").matches("[0-9]*")) {
            throw new OperationException(BAD_REQUEST, "retries: not a whole number: " + values.get("retries"));
        }
        return change(methodKey, "params", "params " + values, actor);
    }

    @Override
    public ChangeReceipt setEnabled(String methodKey, boolean enabled, String actor) throws OperationException {
        method(methodKey);
        return change(methodKey, enabled ? "enable" : "disable", (enabled ? "enable " : "disable ") + methodKey, actor);
    }

    @Override
    public String selection() {
        return selection;
    }

    @Override
    public ChangeReceipt setSelection(String include, String actor) throws OperationException {
        if (include.contains("[[")) {
            throw new OperationException(BAD_REQUEST, "entry '" + include + "' does not parse");
        }
        return change(null, "selection", "selection " + include, actor);
    }
}
