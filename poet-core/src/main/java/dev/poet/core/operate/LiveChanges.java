package dev.poet.core.operate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.poet.core.engine.OperatorPolicy;
import dev.poet.core.events.EventTypes;
import dev.poet.core.events.record.AggregateSnapshot;
import dev.poet.core.log.PoetLog;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.StoredVersion;
import dev.poet.core.store.VersionStatus;
import dev.poet.core.store.VersionStore;
import dev.poet.core.train.TrainEvents;

/**
 * The running JVM's side of operating: every {@code poet.operate.poll-ms} it compares what the files of its
 * {@code poet.home} say with what runs and applies the difference, so a change written by another process (the
 * command line) runs within seconds, and one written while the application was down runs from its start:
 * <ul>
 *   <li>{@code current} changed since the last look (a rollback, an approval): that stored version is put in the
 *       method's slot, through the gate again;</li>
 *   <li>{@code operator.json}: a disabled method runs its original, an enabled one its version again; parameter
 *       overrides are laid over what the method runs from its next call on;</li>
 *   <li>the selection file is looked at by whoever owns it in this JVM ({@link #watchSelection});</li>
 *   <li>each new {@code changes/} entry is one {@code config.changed} event with its actor;</li>
 *   <li>{@code status.json} is written with every method's state, version and figures.</li>
 * </ul>
 * It is also the engine's {@link OperatorPolicy} at activation. Nothing here throws into the application: a
 * failed round is logged and the next one tries again.
 */
public final class LiveChanges implements OperatorPolicy, AutoCloseable {

    /** The version name of an activated method not yet stored. */
    private static final String PENDING = "pending";

    private final OperateFiles files;
    private final VersionStore store;
    private final ChangeJournal journal;
    private final EngineControl engine;
    private final Function<String, AggregateSnapshot> figures;
    private final TrainEvents events;
    private final long pollMs;
    private final Clock clock;
    private volatile Runnable selectionLook;
    private volatile Supplier<String> httpAddress = () -> null;
    private ScheduledExecutorService timer;

    /** The {@code current} each method had at the last look; guarded by {@code this}. */
    private final Map<String, String> seenCurrent = new HashMap<>();
    /** The operator parameters last handed to the engine; guarded by {@code this}. */
    private final Map<String, Map<String, String>> appliedParams = new HashMap<>();
    /** Journal entries already announced; guarded by {@code this}. */
    private final Set<String> announced = new HashSet<>();
    /** Entries older than this were announced by an earlier run. */
    private long announceFrom;

    /**
     * @param figures a method's aggregates by key (the execution recorder's), or a function returning null
     * @param events  where {@code config.changed} goes
     */
    public LiveChanges(Path home, VersionStore store, EngineControl engine,
                       Function<String, AggregateSnapshot> figures, TrainEvents events, long pollMs, Clock clock) {
        this.files = new OperateFiles(home);
        this.store = store;
        this.journal = new ChangeJournal(files.changes());
        this.engine = engine;
        this.figures = figures == null ? k -> null : figures;
        this.events = events == null ? TrainEvents.NONE : events;
        this.pollMs = Math.max(50, pollMs);
        this.clock = clock;
        try {
            // What an earlier run wrote its last status at: entries after it are announced by this run.
            announceFrom = StatusFile.read(files.status()).map(s -> s.at() == null ? 0L : s.at().toEpochMilli())
                    .orElse(0L);
        } catch (IOException | RuntimeException e) {
            PoetLog.suppressed("operate: the last status could not be read", e);
        }
    }

    /**
     * One look at {@code selection.json} by its owner in this JVM (the agent's, which retransforms), run in every
     * round: so a selection written by the HTTP API is applied before the request is answered, and one written by
     * the command line within a round.
     */
    public void watchSelection(Runnable look) {
        this.selectionLook = look;
    }

    /** Where the embedded HTTP server listens, for {@code status.json}; null while none runs. */
    public void httpAddress(Supplier<String> address) {
        this.httpAddress = address == null ? () -> null : address;
    }

    /** Starts the reconciliation on a daemon thread, every {@code poll-ms}. */
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "poet-operate");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::reconcileQuietly, 0, pollMs, TimeUnit.MILLISECONDS);
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (Throwable t) {
            PoetLog.suppressed("operate: applying the operator's changes failed; the next round tries again", t);
        }
    }

    /** One round: applies what changed, announces new changes, writes {@code status.json}. */
    public synchronized void reconcile() {
        List<EngineControl.Slot> slots = engine.slots();
        for (EngineControl.Slot slot : slots) {
            try {
                apply(slot);
            } catch (IOException | RuntimeException e) {
                PoetLog.suppressed("operate: changes to " + slot.key() + " not applied yet", e);
            }
        }
        announce();
        selection();
        writeStatus();
    }

    private void apply(EngineControl.Slot slot) throws IOException {
        String key = slot.key();
        MethodKey mk = MethodKey.parse(key);
        OperatorState op = OperatorState.read(files.operator(mk));
        boolean disabled = "disabled".equals(slot.state());
        if (disabled == op.enabled()) {
            engine.setDisabled(key, !op.enabled());
        }
        if (!op.params().equals(appliedParams.getOrDefault(key, Map.of()))) {
            if (engine.setOperatorParams(key, op.params())) {
                appliedParams.put(key, op.params());
            }
        }
        String current = store.currentName(mk).orElse(null);
        if (!seenCurrent.containsKey(key)) {
            if (PENDING.equals(slot.version())) {
                return;
            }
            // First sight: what runs was chosen at activation, which honours current. A current naming another
            // version than the one running changed after that activation (a rollback can land between the
            // activation and the first round that sees the method) and is applied below.
            if (current == null || slot.version() == null || current.equals(slot.version())) {
                seenCurrent.put(key, current);
                return;
            }
        }
        if (Objects.equals(seenCurrent.get(key), current)) {
            return;
        }
        if (PENDING.equals(slot.version())) {
            // Activated and being stored: the store's current is about to name it; decided on the next round.
            return;
        }
        if (current == null || Objects.equals(current, slot.version())) {
            seenCurrent.put(key, current);
            return;
        }
        // Tried once per change: a version that does not pass the gate again is not retried every round (the
        // engine logged why); the method keeps what it ran.
        seenCurrent.put(key, current);
        engine.runStored(key, current);
    }

    private void announce() {
        List<String> ids;
        try {
            ids = journal.ids();
        } catch (IOException e) {
            PoetLog.suppressed("operate: the change journal could not be listed", e);
            return;
        }
        Set<String> listed = new HashSet<>(ids);
        announced.retainAll(listed);
        for (String id : ids) {
            if (announced.contains(id) || ChangeJournal.millisOf(id) < announceFrom) {
                continue;
            }
            announced.add(id);
            Optional<ChangeJournal.Change> c = journal.read(id);
            if (c.isEmpty()) {
                continue;
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("change_id", c.get().id());
            p.put("actor", c.get().actor());
            p.put("kind", c.get().kind());
            p.put("method", c.get().method());
            p.put("summary", c.get().summary());
            p.put("detail", c.get().detail());
            p.put("changed_at", c.get().at().toString());
            events.emit(EventTypes.CONFIG_CHANGED, null, p);
            PoetLog.info("operator change by " + c.get().actor() + ": " + c.get().summary());
        }
    }

    private void selection() {
        Runnable look = selectionLook;
        if (look != null) {
            look.run();
        }
    }

    private void writeStatus() {
        Instant now = clock.instant();
        Map<String, StatusFile.Entry> methods = new TreeMap<>();
        for (EngineControl.Slot s : engine.slots()) {
            methods.put(s.key(), entry(s, now));
        }
        try {
            String address = null;
            try {
                address = httpAddress.get();
            } catch (RuntimeException e) {
                // Not known: left out.
            }
            StatusFile.write(files.status(), new StatusFile.Snapshot(ProcessHandle.current().pid(), now, address,
                    methods));
        } catch (IOException e) {
            PoetLog.suppressed("operate: status.json not written", e);
        }
    }

    /** One method's line of {@code status.json}, also what the HTTP API answers from. */
    StatusFile.Entry entry(EngineControl.Slot s, Instant now) {
        String state = s.state();
        String generator = s.generator();
        String domain = s.domain();
        try {
            MethodKey key = MethodKey.parse(s.key());
            if ("original".equals(state) && hasAwaiting(key)) {
                state = "awaiting_review";
            }
            if (s.version() != null && (generator == null || domain == null)) {
                Optional<StoredVersion> v = store.version(key, s.version());
                if (v.isPresent()) {
                    generator = generator != null ? generator : v.get().metadata().generator();
                    domain = domain != null ? domain : v.get().metadata().templateDomain();
                }
            }
        } catch (IOException | RuntimeException e) {
            // The store's view is extra; the engine's is what is said.
        }
        return new StatusFile.Entry(s.displayName(), domain, state, s.version(), generator, live(s, now));
    }

    private boolean hasAwaiting(MethodKey key) throws IOException {
        return store.find(key, m -> m.status() == VersionStatus.AWAITING_REVIEW).isPresent();
    }

    MethodView.Live live(EngineControl.Slot s, Instant now) {
        AggregateSnapshot a;
        try {
            a = figures.apply(s.key());
        } catch (RuntimeException e) {
            a = null;
        }
        if (a == null) {
            return new MethodView.Live(0, 0, 0, 0, 0, 0, 0, 0, s.lastError(), now);
        }
        return new MethodView.Live(a.calls(), a.failures(), a.retries(), a.violations(), a.repairs(),
                a.fallbacks(), a.p50Nanos() / 1e6, a.p99Nanos() / 1e6, s.lastError(), now);
    }

    EngineControl engine() {
        return engine;
    }

    Path home() {
        return files.home();
    }

    // OperatorPolicy: read at activation, straight from the files (a change just written counts).

    @Override
    public boolean disabled(String methodKey) {
        return !state(methodKey).enabled();
    }

    @Override
    public Map<String, String> params(String methodKey) {
        return state(methodKey).params();
    }

    @Override
    public boolean pinned(String methodKey, String version) {
        return version != null && version.equals(state(methodKey).pinned());
    }

    @Override
    public void adopted(String methodKey, String version) {
        try {
            MethodKey key = MethodKey.parse(methodKey);
            Instant at = clock.instant();
            store.underLock(key, () -> {
                OperatorState.read(files.operator(key)).pin(version, "store:current", at).write(files.operator(key));
                return null;
            });
        } catch (IOException | RuntimeException e) {
            PoetLog.warn("operate: " + methodKey + " runs " + version + " as current names it, but that choice is"
                    + " not recorded (" + e.getMessage() + "); a restart may pick another version");
        }
    }

    private OperatorState state(String methodKey) {
        try {
            return OperatorState.read(files.operator(MethodKey.parse(methodKey)));
        } catch (IOException | RuntimeException e) {
            PoetLog.warn("operate: operator.json of " + methodKey + " unreadable (" + e.getMessage()
                    + "); treated as enabled without overrides");
            return OperatorState.DEFAULT;
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

}
