package dev.poet.core.operate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.poet.core.config.IncludeCheck;
import dev.poet.core.operate.OperationException.Kind;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.SafeName;
import dev.poet.core.store.StoredVersion;
import dev.poet.core.store.VersionMetadata;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;

/**
 * {@link Operations} on the files of a {@code poet.home}: the version store, each method's {@code operator.json},
 * {@code selection.json}, the {@code changes/} journal and the running application's {@code status.json}. Works
 * with the application running (its writes and ours take the same per-method lock) and without it. Every mutation
 * is written to the store first, then journalled; {@link #applied} says whether it already runs (here: no, the
 * application picks it up within {@code poet.operate.poll-ms}).
 *
 * <p>Nothing is written for a request that is refused: names and values are checked before any file is touched.
 */
public class StoreOperations implements Operations {

    private final OperateFiles files;
    private final VersionStore store;
    private final ChangeJournal journal;
    private final String configuredInclude;
    private final Clock clock;

    /**
     * @param configuredInclude the configuration's {@code poet.methods.include}, shown while the operator has set
     *                          none
     */
    public StoreOperations(Path home, String configuredInclude, Clock clock) {
        this.files = new OperateFiles(home);
        this.store = new VersionStore(home);
        this.journal = new ChangeJournal(files.changes());
        this.configuredInclude = configuredInclude == null ? "" : configuredInclude;
        this.clock = clock;
    }

    public StoreOperations(Path home, String configuredInclude) {
        this(home, configuredInclude, Clock.systemUTC());
    }

    /** The {@code poet.home} this works on. */
    public Path home() {
        return files.home();
    }

    /** The store this reads versions from. */
    protected VersionStore store() {
        return store;
    }

    /**
     * Called after a change was written and journalled.
     *
     * @return whether the change already runs
     */
    protected boolean applied(String changeId) {
        return false;
    }

    /** The running application's figures for a method; from {@code status.json} here. */
    protected MethodView.Live live(String key, StatusFile.Entry entry) {
        return entry == null ? null : entry.live();
    }

    /** What a running application says about a method, or null; here from a {@code status.json} whose writer runs. */
    protected StatusFile.Entry running(String key) throws OperationException {
        Optional<StatusFile.Snapshot> s = status();
        return s.isPresent() && s.get().writerAlive() ? s.get().methods().get(key) : null;
    }

    /** The last {@code status.json}, whether its writer still runs or not. */
    public Optional<StatusFile.Snapshot> status() throws OperationException {
        try {
            return StatusFile.read(files.status());
        } catch (IOException e) {
            throw failed("status.json could not be read", e);
        }
    }

    /** Keys every method the store or a running application knows. */
    protected TreeSet<String> knownKeys() throws OperationException {
        TreeSet<String> keys = new TreeSet<>();
        try {
            for (MethodKey k : store.methods()) {
                keys.add(k.value());
            }
        } catch (IOException e) {
            throw failed("the version store could not be read", e);
        }
        Optional<StatusFile.Snapshot> s = status();
        if (s.isPresent() && s.get().writerAlive()) {
            keys.addAll(s.get().methods().keySet());
        }
        return keys;
    }

    @Override
    public List<MethodView> methods() throws OperationException {
        List<MethodView> out = new ArrayList<>();
        for (String key : knownKeys()) {
            out.add(view(key));
        }
        return out;
    }

    @Override
    public MethodView method(String methodKey) throws OperationException {
        return view(known(methodKey).value());
    }

    @Override
    public String resolve(String name) throws OperationException {
        return MethodNames.resolve(name, knownKeys());
    }

    @Override
    public List<VersionView> versions(String methodKey) throws OperationException {
        MethodKey key = known(methodKey);
        try {
            String current = store.currentName(key).orElse(null);
            List<String> names = new ArrayList<>(store.versions(key));
            Collections.reverse(names);
            List<VersionView> out = new ArrayList<>();
            for (String n : names) {
                Optional<StoredVersion> v = store.version(key, n);
                if (v.isPresent()) {
                    out.add(versionView(v.get(), n.equals(current)));
                }
            }
            return out;
        } catch (IOException e) {
            throw failed("versions of " + key + " could not be read", e);
        }
    }

    @Override
    public VersionDetail version(String methodKey, String version) throws OperationException {
        MethodKey key = known(methodKey);
        StoredVersion v = requireVersion(key, version);
        try {
            String current = store.currentName(key).orElse(null);
            Map<String, Object> metadata = OperateFiles.readObject(v.directory().resolve("metadata.json"))
                    .orElse(Map.of());
            Map<String, Object> audit = new LinkedHashMap<>();
            if (metadata.get("audit") instanceof Map<?, ?> a) {
                for (Map.Entry<?, ?> e : a.entrySet()) {
                    audit.put(String.valueOf(e.getKey()), e.getValue());
                }
            }
            return new VersionDetail(versionView(v, v.name().equals(current)), v.source(), metadata, audit,
                    store.readParams(key, v.name()));
        } catch (IOException e) {
            throw failed(key + "/" + version + " could not be read", e);
        }
    }

    @Override
    public Map<String, String> params(String methodKey) throws OperationException {
        return operator(known(methodKey)).params();
    }

    @Override
    public String selection() throws OperationException {
        try {
            Optional<Map<String, Object>> s = OperateFiles.readObject(files.selection());
            if (s.isPresent() && s.get().get("include") != null) {
                return s.get().get("include").toString();
            }
            return configuredInclude;
        } catch (IOException e) {
            throw failed("selection.json could not be read", e);
        }
    }

    @Override
    public ChangeReceipt rollback(String methodKey, String version, String actor) throws OperationException {
        MethodKey key = known(methodKey);
        StoredVersion target = requireVersion(key, version);
        String undone;
        try {
            undone = store.rollBackTo(key, target.name(), "rolled back to " + target.name() + " by " + actor);
        } catch (NoSuchFileException e) {
            throw new OperationException(Kind.UNKNOWN, key + " has no version " + target.name());
        } catch (IOException e) {
            if (!store.methodDir(key).toFile().isDirectory()) {
                throw failed("rollback of " + key, e);
            }
            throw conflictOrFailed(key, target.name(), "rolled back to", e);
        }
        pin(key, target.name(), actor);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", target.name());
        detail.put("previous", undone);
        return journal(key.value(), "rollback", "rollback " + key + " to " + target.name(), actor, detail);
    }

    @Override
    public ChangeReceipt approve(String methodKey, String version, String actor) throws OperationException {
        MethodKey key = known(methodKey);
        StoredVersion target = requireVersion(key, version);
        try {
            store.approve(key, target.name(), "approved by " + actor);
        } catch (NoSuchFileException e) {
            throw new OperationException(Kind.UNKNOWN, key + " has no version " + target.name());
        } catch (IOException e) {
            throw conflictOrFailed(key, target.name(), "approved", e);
        }
        pin(key, target.name(), actor);
        return journal(key.value(), "approve", "approve " + key + " " + target.name(), actor,
                Map.of("version", target.name()));
    }

    @Override
    public ChangeReceipt reject(String methodKey, String version, String reason, String actor)
            throws OperationException {
        MethodKey key = known(methodKey);
        StoredVersion target = requireVersion(key, version);
        String why = reason == null || reason.isBlank() ? "rejected by " + actor
                : "rejected by " + actor + ": " + MethodNames.Safe.printable(reason.trim());
        if (why.length() > 600) {
            throw new OperationException(Kind.BAD_REQUEST, "the reason is longer than 500 characters");
        }
        try {
            store.underLock(key, () -> {
                StoredVersion v = store.version(key, target.name()).orElseThrow(() ->
                        new NoSuchFileException(target.name()));
                if (v.metadata().status() != VersionStatus.AWAITING_REVIEW) {
                    throw new IOException(key + "/" + target.name() + " has status '" + v.metadata().statusText()
                            + "', not awaiting_review");
                }
                return null;
            });
            store.markStatus(key, target.name(), VersionStatus.REJECTED, why);
        } catch (NoSuchFileException e) {
            throw new OperationException(Kind.UNKNOWN, key + " has no version " + target.name());
        } catch (IOException e) {
            throw conflictOrFailed(key, target.name(), "rejected", e);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", target.name());
        detail.put("reason", reason);
        return journal(key.value(), "reject", "reject " + key + " " + target.name(), actor, detail);
    }

    @Override
    public ChangeReceipt setParams(String methodKey, Map<String, String> values, String actor)
            throws OperationException {
        MethodKey key = known(methodKey);
        if (values == null || values.isEmpty()) {
            throw new OperationException(Kind.BAD_REQUEST, "no parameters given: key=value, a blank value removes one");
        }
        Map<String, Object> known = knownParams(key);
        for (Map.Entry<String, String> e : values.entrySet()) {
            ParamRules.check(e.getKey(), e.getValue(), known);
        }
        Instant at = clock.instant();
        Map<String, String> before = new TreeMap<>();
        Map<String, String> after = new TreeMap<>();
        try {
            store.underLock(key, () -> {
                OperatorState state = OperatorState.read(files.operator(key));
                before.putAll(state.params());
                after.putAll(state.params());
                for (Map.Entry<String, String> e : values.entrySet()) {
                    if (e.getValue() == null || e.getValue().isBlank()) {
                        after.remove(e.getKey());
                    } else {
                        after.put(e.getKey(), e.getValue().trim());
                    }
                }
                state.with(state.enabled(), after, actor, at).write(files.operator(key));
                return null;
            });
        } catch (IOException e) {
            throw failed("operator.json of " + key + " could not be written", e);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("params", new TreeMap<>(values));
        detail.put("before", before);
        detail.put("after", after);
        StringBuilder summary = new StringBuilder("params " + key);
        new TreeMap<>(values).forEach((k, v) -> summary.append(' ').append(k).append('=')
                .append(v == null ? "" : v.trim()));
        return journal(key.value(), "params", summary.toString(), actor, detail);
    }

    @Override
    public ChangeReceipt setEnabled(String methodKey, boolean enabled, String actor) throws OperationException {
        MethodKey key = known(methodKey);
        Instant at = clock.instant();
        try {
            store.underLock(key, () -> {
                OperatorState state = OperatorState.read(files.operator(key));
                state.with(enabled, state.params(), actor, at).write(files.operator(key));
                return null;
            });
        } catch (IOException e) {
            throw failed("operator.json of " + key + " could not be written", e);
        }
        String kind = enabled ? "enable" : "disable";
        return journal(key.value(), kind, kind + " " + key, actor, Map.of("enabled", enabled));
    }

    @Override
    public ChangeReceipt setSelection(String include, String actor) throws OperationException {
        if (include == null) {
            throw new OperationException(Kind.BAD_REQUEST, "no selection given (poet.methods.include syntax)");
        }
        String text = include.trim();
        if (text.length() > 10_000 || !MethodNames.Safe.printable(text).equals(text)) {
            throw new OperationException(Kind.BAD_REQUEST, "the selection must be printable text of at most 10000"
                    + " characters");
        }
        List<String> problems = IncludeCheck.problems(text);
        if (!problems.isEmpty()) {
            throw new OperationException(Kind.BAD_REQUEST, "poet.methods.include: " + String.join("; ", problems));
        }
        String before = selection();
        Instant at = clock.instant();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("include", text);
        out.put("changed_by", actor);
        out.put("changed_at", at.toString());
        try {
            OperateFiles.writeObject(files.selection(), out);
        } catch (IOException e) {
            throw failed("selection.json could not be written", e);
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("include", text);
        detail.put("before", before);
        return journal(null, "selection", "selection " + text, actor, detail);
    }

    /**
     * Journals a change made elsewhere (a template change, say) so that the running application announces it.
     *
     * @param method the method key, or null when the change is not about one method
     */
    public ChangeReceipt journal(String method, String kind, String summary, String actor,
                                 Map<String, Object> detail) throws OperationException {
        Instant at = clock.instant();
        ChangeJournal.Change c;
        try {
            c = journal.append(at, actor, kind, method, summary, detail);
        } catch (IOException e) {
            throw failed("the change was written but not journalled (no config.changed event will say it)", e);
        }
        return new ChangeReceipt(c.id(), method, kind, summary, actor, at, applied(c.id()));
    }

    /** Records in {@code operator.json} that the operator made {@code version} current. */
    private void pin(MethodKey key, String version, String actor) throws OperationException {
        Instant at = clock.instant();
        try {
            store.underLock(key, () -> {
                OperatorState.read(files.operator(key)).pin(version, actor, at).write(files.operator(key));
                return null;
            });
        } catch (IOException e) {
            throw failed(version + " is current, but operator.json of " + key + " could not be written", e);
        }
    }

    /** The operator's state of a method ({@code operator.json}). */
    OperatorState operator(MethodKey key) throws OperationException {
        try {
            return OperatorState.read(files.operator(key));
        } catch (IOException e) {
            throw failed("operator.json of " + key + " could not be read", e);
        }
    }

    /** The parameters the method reads: those of its current version, else its newest. */
    private Map<String, Object> knownParams(MethodKey key) throws OperationException {
        try {
            Optional<StoredVersion> v = store.current(key);
            if (v.isEmpty()) {
                List<String> names = store.versions(key);
                if (!names.isEmpty()) {
                    v = store.version(key, names.get(names.size() - 1));
                }
            }
            return v.isEmpty() ? Map.of() : store.readParams(key, v.get().name());
        } catch (IOException e) {
            throw failed("parameters of " + key + " could not be read", e);
        }
    }

    private MethodView view(String keyText) throws OperationException {
        MethodKey key = MethodKey.parse(keyText);
        OperatorState op = operator(key);
        StatusFile.Entry running = running(keyText);
        List<String> awaiting = new ArrayList<>();
        String current;
        StoredVersion shown = null;
        try {
            current = store.currentName(key).orElse(null);
            for (String n : store.versions(key)) {
                Optional<StoredVersion> v = store.version(key, n);
                if (v.isEmpty()) {
                    continue;
                }
                if (v.get().metadata().status() == VersionStatus.AWAITING_REVIEW) {
                    awaiting.add(n);
                }
                if (n.equals(current) || (current == null)) {
                    shown = v.get();
                }
            }
        } catch (IOException e) {
            throw failed("versions of " + key + " could not be read", e);
        }
        VersionMetadata meta = shown == null ? null : shown.metadata();
        String domain = running != null && running.domain() != null ? running.domain()
                : meta == null ? null : meta.templateDomain();
        String generator = running != null && running.generator() != null ? running.generator()
                : meta == null ? null : meta.generator();
        String state;
        String active;
        if (running != null && running.state() != null) {
            state = running.state();
            active = running.activeVersion();
        } else {
            active = current;
            state = !op.enabled() ? "disabled" : current != null ? "active"
                    : !awaiting.isEmpty() ? "awaiting_review" : "original";
        }
        String display = running != null && running.displayName() != null ? running.displayName()
                : MethodNames.displayName(keyText);
        return new MethodView(keyText, display, domain, state, active, generator, op.enabled(),
                List.copyOf(awaiting), op.params(), live(keyText, running));
    }

    private static VersionView versionView(StoredVersion v, boolean current) {
        VersionMetadata m = v.metadata();
        return new VersionView(v.name(), m.statusText(), current, m.generator(), m.templateVersion(), m.model(),
                m.reason(), m.createdAt());
    }

    /** A key in the right form that the store or the running application knows. */
    private MethodKey known(String methodKey) throws OperationException {
        MethodKey key;
        try {
            key = MethodKey.parse(methodKey);
        } catch (IllegalArgumentException e) {
            throw new OperationException(Kind.BAD_REQUEST, e.getMessage());
        }
        if (!Files.isDirectory(store.methodDir(key)) && !knownKeys().contains(key.value())) {
            throw new OperationException(Kind.UNKNOWN, "no method " + key);
        }
        return key;
    }

    private StoredVersion requireVersion(MethodKey key, String version) throws OperationException {
        String name;
        try {
            name = SafeName.version(version);
        } catch (IllegalArgumentException e) {
            throw new OperationException(Kind.BAD_REQUEST, e.getMessage());
        }
        try {
            return store.version(key, name).orElseThrow(() ->
                    new OperationException(Kind.UNKNOWN, key + " has no version " + name));
        } catch (IOException e) {
            throw failed(key + "/" + name + " could not be read", e);
        }
    }

    private OperationException conflictOrFailed(MethodKey key, String version, String what, IOException e) {
        try {
            Optional<StoredVersion> v = store.version(key, version);
            if (v.isPresent()) {
                return new OperationException(Kind.CONFLICT, key + " " + version + " has status '"
                        + v.get().metadata().statusText() + "' and cannot be " + what);
            }
        } catch (IOException ignored) {
            // Reported as the failure below.
        }
        return failed(key + " " + version + " could not be " + what, e);
    }

    private static OperationException failed(String what, IOException e) {
        return new OperationException(Kind.FAILED, what + ": " + e.getMessage(), e);
    }
}
