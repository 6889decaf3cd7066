package dev.poet.core.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.poet.bridge.ActiveMethod;
import dev.poet.bridge.BridgeHooks;
import dev.poet.bridge.FailureReporter;
import dev.poet.bridge.MethodStats;
import dev.poet.bridge.PendingActivation;
import dev.poet.bridge.Recording;
import dev.poet.bridge.SlotTable;
import dev.poet.core.events.record.MethodDirectory;
import dev.poet.core.events.engine.EngineEvents;
import dev.poet.core.log.PoetLog;
import dev.poet.core.train.TrainedMethod;
import dev.poet.core.train.TrainedMethods;
import dev.poet.core.train.regen.ReplayTarget;
import dev.poet.core.train.regen.VersionControl;
import dev.poet.core.store.MethodKey;
import dev.poet.core.store.VersionStatus;
import dev.poet.runtime.params.Params;

/**
 * The engine behind the bridge: learns which classes are live, has their enhancements generated off the
 * application's threads, activates them, and keeps count of failures, quarantining a version that keeps failing.
 * Every change of a slot goes through the registry's {@link SlotTable}.
 */
public final class PoetEngine implements BridgeHooks, FailureReporter, MethodDirectory, TrainedMethods,
        VersionControl, dev.poet.core.operate.EngineControl {

    private final EngineOptions options;
    private final MethodRegistry registry;
    private final SlotTable slots;
    private final ClassActivator activator;
    private final ExecutorService generators;
    private final EngineEvents events;
    private final Set<String> scheduledClasses = ConcurrentHashMap.newKeySet();
    private final Map<ActiveMethod, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<Integer, Tracked> tracked = new ConcurrentHashMap<>();
    private final Object exitLock = new Object();
    /** Set once at exit; written under {@link #exitLock}. */
    /** Methods in the recording state, by id; removing one is the right to finish it (exactly once). */
    private final Map<Integer, Recording> recordings = new ConcurrentHashMap<>();
    private volatile boolean closing;
    /** The operator's choices consulted at activation. */
    private volatile OperatorPolicy operator = OperatorPolicy.NONE;
    /** Operator parameter overrides in force, by method key. */
    private final Map<String, Map<String, String>> operatorParams = new ConcurrentHashMap<>();
    /** What each method runs without the operator's overrides (configured, learned), to lay them over again. */
    private final Map<ActiveMethod, Params> baseParams = java.util.Collections.synchronizedMap(
            new java.util.WeakHashMap<>());
    /** Versions held back from their slot because the operator disabled the method, by method key. */
    private final Map<String, ActiveMethod> held = new ConcurrentHashMap<>();
    /** The last failure of each method's enhancement code, by method key. */
    private final Map<String, String> lastErrors = new ConcurrentHashMap<>();
    /** Activations whose versions are being stored; guarded by {@link #exitLock}. */
    private int storing;

    /**
     * A method that had an enhancement at some point, for the summary and the execution recorder; {@code method} is
     * the version that runs (or ran last, when it was quarantined).
     */
    record Tracked(String displayName, MethodStats stats, ActiveMethod method) {
        Tracked(ActiveMethod method) {
            this(method.context().className() + "." + method.context().methodName(), method.context().stats(), method);
        }
    }

    public PoetEngine(EngineOptions options, MethodRegistry registry, ClassActivator activator) {
        this(options, registry, activator, EngineEvents.NONE);
    }

    /** @param events where quarantines are said ({@code version.quarantined}) */
    public PoetEngine(EngineOptions options, MethodRegistry registry, ClassActivator activator, EngineEvents events) {
        this.options = options;
        this.events = events == null ? EngineEvents.NONE : events;
        this.registry = registry;
        this.slots = registry.slots();
        this.activator = activator;
        // One generator thread: Janino is CPU-bound and the application shares the machine with us.
        this.generators = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new GeneratorThreads());
        ((ThreadPoolExecutor) generators).allowCoreThreadTimeOut(true);
        activator.replacementsThrough(this::replaceActive);
    }

    public MethodRegistry registry() {
        return registry;
    }

    @Override
    public Object discovered(int methodId, Class<?> declaringType) {
        MethodRegistry.Registered registered = registry.byId(methodId);
        if (registered == null || declaringType == null) {
            slots.discover(methodId, null);
            return slots.content(methodId);
        }
        List<MethodRegistry.Registered> classmates = registry.classmates(registered);
        PendingActivation pending = options.eagerActivation()
                ? new PendingActivation(registered.spec().className()) : null;
        String classKey = System.identityHashCode(declaringType.getClassLoader()) + "/" + declaringType.getName();
        boolean first = scheduledClasses.add(classKey);
        for (MethodRegistry.Registered mate : classmates) {
            slots.discover(mate.id(), first ? pending : null);
        }
        if (first) {
            try {
                generators.execute(() -> activate(declaringType, classmates, pending));
            } catch (RuntimeException e) {
                PoetLog.suppressed("could not schedule generation for " + declaringType.getName(), e);
                release(classmates, pending);
            }
        }
        return slots.content(methodId);
    }

    private void activate(Class<?> type, List<MethodRegistry.Registered> methods, PendingActivation pending) {
        List<ActiveMethod> active = List.of();
        if (closing) {
            // The JVM is exiting: generation that has not started is not worth delaying the exit for.
            release(methods, pending);
            return;
        }
        boolean store = false;
        try {
            active = activator.activate(type, methods, this);
            // Claimed before the slots are set and the waiting call released: an exit that follows that call
            // then finds the versions being stored and waits for them.
            store = beginStoring();
            for (ActiveMethod method : active) {
                String name = method.context().className() + "." + method.context().methodName();
                String key = method.context().key();
                overlayOperatorParams(method, operatorParamsOf(key));
                if (disabledByOperator(key)) {
                    held.put(key, method);
                    tracked.put(method.context().id(), new Tracked(method));
                    PoetLog.info(name + " " + method.version() + " held back: the operator disabled it; the original"
                            + " runs");
                } else if (slots.activate(method.context().id(), method)) {
                    tracked.put(method.context().id(), new Tracked(method));
                } else {
                    PoetLog.warn(name + " " + method.version() + " not activated: its slot is "
                            + slots.state(method.context().id()));
                }
            }
            for (AwaitingSamples awaiting : activator.takeAwaitingSamples()) {
                startRecording(awaiting);
            }
        } catch (Throwable t) {
            PoetLog.suppressed("activation of " + type.getName() + " failed; the original methods run", t);
        } finally {
            release(methods, pending);
        }
        if (!store) {
            return;
        }
        try {
            activator.persist(active);
        } catch (Throwable t) {
            PoetLog.suppressed("versions of " + type.getName() + " not stored; they run from memory", t);
        } finally {
            endStoring();
        }
    }

    /** False once the JVM is exiting: a version activated that late is not stored (its run ends right away). */
    private boolean beginStoring() {
        synchronized (exitLock) {
            if (closing) {
                return false;
            }
            storing++;
            return true;
        }
    }

    private void endStoring() {
        synchronized (exitLock) {
            storing--;
            exitLock.notifyAll();
        }
    }

    /**
     * Slot transition to the recording state: the method runs its original while its first calls are recorded,
     * see {@link Recording}. Generator thread, before the pending activation (if any) is released.
     */
    private void startRecording(AwaitingSamples awaiting) {
        Recording recording = new Recording(awaiting.samples(),
                awaiting.samples() * EnhancementPipeline.CALLS_PER_SAMPLE);
        recordings.put(awaiting.methodId(), recording);
        if (!slots.startRecording(awaiting.methodId(), recording)) {
            recordings.remove(awaiting.methodId(), recording);
        }
    }

    @Override
    public void recorded(int methodId, Object[] args) {
        try {
            Recording recording = recordings.get(methodId);
            if (recording == null) {
                return;
            }
            int kept = activator.record(methodId, args);
            if ((kept >= recording.samples() || recording.exhausted())
                    && recordings.remove(methodId, recording)) {
                if (closing) {
                    slots.abandonRecording(methodId, recording);
                    return;
                }
                try {
                    generators.execute(() -> finishRecording(methodId, recording));
                } catch (RejectedExecutionException e) {
                    // Shut down between the check and here: the original keeps running, as it should at exit.
                    slots.abandonRecording(methodId, recording);
                }
            }
        } catch (Throwable t) {
            // A bug of ours: this call and the method keep running the original.
            PoetLog.suppressed("recording a call of method " + methodId + " failed; the original runs", t);
        }
    }

    /**
     * Slot transition out of the recording state: to the active method when its version passed verification on
     * the recorded calls, else back to {@code null} (the original). Generator thread.
     */
    private void finishRecording(int methodId, Recording recording) {
        ActiveMethod active = null;
        try {
            if (!closing) {
                active = activator.finishRecording(methodId);
            }
        } catch (Throwable t) {
            PoetLog.suppressed("verification on recorded calls of method " + methodId + " failed; the original runs",
                    t);
        }
        if (active == null) {
            slots.abandonRecording(methodId, recording);
            return;
        }
        overlayOperatorParams(active, operatorParamsOf(active.context().key()));
        if (!slots.finishRecording(methodId, recording, active)) {
            return;
        }
        tracked.put(methodId, new Tracked(active));
        try {
            activator.persist(List.of(active));
        } catch (Throwable t) {
            PoetLog.suppressed("version of method " + methodId + " not stored; it runs from memory", t);
        }
    }

    /** Slots still pending after activation (a method that failed) go empty; then the waiting calls go on. */
    private void release(List<MethodRegistry.Registered> methods, PendingActivation pending) {
        if (pending == null) {
            return;
        }
        for (MethodRegistry.Registered method : methods) {
            slots.abandonPending(method.id(), pending);
        }
        pending.complete();
    }

    @Override
    public ActiveMethod awaitActivation(int methodId, PendingActivation pending) {
        if (GeneratorThreads.isGeneratorThread() || inStaticInitializerOf(pending.declaringClass())) {
            return null;
        }
        try {
            pending.await(options.activationTimeoutMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return slots.active(methodId);
    }

    private static boolean inStaticInitializerOf(String className) {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                frame -> frame.getMethodName().equals("<clinit>") && frame.getClassName().equals(className)));
    }

    @Override
    public void ownFailure(ActiveMethod method, String phase, Throwable failure) {
        int count = failures.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
        lastErrors.put(method.context().key(), method.version() + " " + phase + ": " + failure);
        String name = method.context().className() + "." + method.context().methodName();
        if (count <= options.failureLogLimit()) {
            PoetLog.suppressed(name + " " + method.version() + ": " + phase + " failed (failure " + count
                    + "); the original's behaviour stands", failure);
        }
        if (count >= options.quarantineFailures()
                && slots.quarantine(method.context().id(), method)) {
            PoetLog.warn(name + " " + method.version() + " quarantined after " + count
                    + " failures; the original runs from now on");
            String reason = phase + " failed " + count + " times: " + failure;
            events.versionQuarantined(CandidateFacts.of(method), count, phase, reason);
            activator.quarantined(method, reason);
        }
    }

    /**
     * The one place where a slot that holds an active version is given another version (a background LLM version
     * replacing the template's): compare-and-set, so a version quarantined meanwhile stays out.
     */
    boolean replaceActive(ActiveMethod current, ActiveMethod replacement) {
        int id = current.context().id();
        if (!slots.replace(id, current, replacement)) {
            return false;
        }
        if (current.context().recording().optimizeFor() != null) {
            // Learned values in force stay in force: the replacement was built from the parameters at preparation.
            Params base = baseParams.get(current);
            replacement.context().paramsRef().set(base != null ? base : current.context().params());
        }
        overlayOperatorParams(replacement, operatorParamsOf(current.context().key()));
        tracked.put(id, new Tracked(replacement));
        failures.remove(current);
        return true;
    }

    /** The active methods with {@code optimize-for}: quarantined or replaced-away versions are not among them. */
    @Override
    public List<TrainedMethod> trainedMethods() {
        List<TrainedMethod> trained = new ArrayList<>();
        for (Map.Entry<Integer, Tracked> e : tracked.entrySet()) {
            ActiveMethod m = e.getValue().method();
            if (m == null || m.context().recording().optimizeFor() == null || slots.active(e.getKey()) != m) {
                continue;
            }
            TrainingFacts facts = activator.trainingFacts(e.getKey());
            if (facts == null) {
                continue;
            }
            trained.add(new TrainedMethod(m.context().key(), e.getValue().displayName(), m.context().domain(),
                    facts.optimizeFor(), m.version(), facts.configured(), facts.explicitKeys(), m.context().params()));
        }
        return trained;
    }

    /**
     * Train's one way to change a running method: the active version with optimize-for whose key is
     * {@code methodKey} runs {@code params} from its next call on (its {@link dev.poet.runtime.params.ParamsRef} is
     * swapped); nothing is recompiled, no version is created.
     */
    @Override
    public boolean applyLearned(String methodKey, Params params) {
        for (Map.Entry<Integer, Tracked> e : tracked.entrySet()) {
            ActiveMethod m = e.getValue().method();
            if (m != null && m.context().key().equals(methodKey) && m.context().recording().optimizeFor() != null
                    && slots.active(e.getKey()) == m) {
                baseParams.put(m, params);
                m.context().paramsRef().set(params);
                overlayOperatorParams(m, operatorParamsOf(methodKey));
                return true;
            }
        }
        return false;
    }

    /** The active version with optimize-for whose key is {@code methodKey}, with its slot id; null when none. */
    private Map.Entry<Integer, ActiveMethod> activeTrained(String methodKey) {
        for (Map.Entry<Integer, Tracked> e : tracked.entrySet()) {
            ActiveMethod m = e.getValue().method();
            if (m != null && m.context().key().equals(methodKey) && m.context().recording().optimizeFor() != null
                    && slots.active(e.getKey()) == m) {
                return Map.entry(e.getKey(), m);
            }
        }
        return null;
    }

    private TrainedVersions trainedVersions() {
        return activator instanceof EnhancementPipeline p ? p.trainedVersions() : null;
    }

    /**
     * Train's regeneration: a new version of the active method with optimize-for {@code methodKey}, through the
     * same gate as any version, stored as a candidate; in no slot until {@link #promote}.
     */
    @Override
    public java.util.Optional<CandidateVersion> generateCandidate(String methodKey, Map<String, Object> params,
                                                                  String evidence) {
        TrainedVersions versions = trainedVersions();
        Map.Entry<Integer, ActiveMethod> active = activeTrained(methodKey);
        if (versions == null || active == null || closing) {
            return java.util.Optional.empty();
        }
        try {
            ReplayTarget current = versions.replayOf(active.getValue());
            return versions.regenerate(active.getValue(), params, evidence, this)
                    .map(p -> new CandidateVersion(methodKey, p.version(), p.replay(), current));
        } catch (ActivationFailure | RuntimeException | LinkageError e) {
            PoetLog.suppressed("train: no candidate for " + methodKey, e);
            return java.util.Optional.empty();
        }
    }

    /** Puts the stored candidate {@code version} in the slot of its method and makes it current in the store. */
    @Override
    public boolean promote(String methodKey, String version) {
        TrainedVersions versions = trainedVersions();
        Map.Entry<Integer, ActiveMethod> active = activeTrained(methodKey);
        TrainedVersions.Prepared p = versions == null ? null : versions.takeCandidate(methodKey, version);
        if (p != null && activator instanceof EnhancementPipeline pipeline && pipeline.manualReview()) {
            // poet.review=manual: Train's better candidate waits for a reviewer like any new version.
            try {
                versions.store().markStatus(MethodKey.parse(methodKey), version, VersionStatus.AWAITING_REVIEW,
                        "promotion by Train awaiting review (poet.review=manual)");
                PoetLog.info(methodKey + ": Train's candidate " + version + " awaits review before it runs");
            } catch (java.io.IOException | RuntimeException e) {
                PoetLog.warn(methodKey + ": candidate " + version + " not marked for review: " + e.getMessage());
            }
            return false;
        }
        if (p == null || active == null || !swap(active.getKey(), active.getValue(), p.method())) {
            return false;
        }
        ((EnhancementPipeline) activator).trainedVersionActive(p.method(), p.candidate());
        versions.promoted(p);
        try {
            versions.store().activate(MethodKey.parse(methodKey), version);
        } catch (java.io.IOException | RuntimeException e) {
            PoetLog.warn(methodKey + ": " + version + " runs but is not current in the store: " + e.getMessage());
        }
        return true;
    }

    /** Marks a candidate that was not promoted as rejected, with the reason: it is never activated or reused. */
    @Override
    public void discard(String methodKey, String version, String reason) {
        TrainedVersions versions = trainedVersions();
        if (versions == null) {
            return;
        }
        versions.takeCandidate(methodKey, version);
        try {
            if (versions.store().version(MethodKey.parse(methodKey), version)
                    .map(v -> v.metadata().status() == VersionStatus.AWAITING_REVIEW).orElse(false)) {
                // Held for a reviewer by promote: theirs to approve or reject.
                return;
            }
            versions.store().markStatus(MethodKey.parse(methodKey), version, VersionStatus.REJECTED, reason);
        } catch (java.io.IOException | RuntimeException e) {
            PoetLog.warn(methodKey + ": discarded candidate " + version + " not marked: " + e.getMessage());
        }
    }

    /**
     * Makes the stored version {@code version} of the active method with optimize-for {@code methodKey} run again
     * (through the gate again, as any reused version) and current in the store; the version it replaces is marked
     * {@code rolled_back} with {@code reason}. For Train's automatic undo and for rollback by hand.
     *
     * @return false when it cannot be: no such active method or stored version, not activatable, rejected by the
     *         gate
     */
    @Override
    public boolean rollBack(String methodKey, String version, String reason) {
        TrainedVersions versions = trainedVersions();
        Map.Entry<Integer, ActiveMethod> active = activeTrained(methodKey);
        if (versions == null || active == null) {
            return false;
        }
        MethodKey key = MethodKey.parse(methodKey);
        try {
            if (!versions.store().version(key, version).map(v -> v.metadata().activatable()).orElse(false)) {
                return false;
            }
            TrainedVersions.Prepared p = versions.stored(active.getValue(), version, this);
            if (!swap(active.getKey(), active.getValue(), p.method())) {
                return false;
            }
            ((EnhancementPipeline) activator).trainedVersionActive(p.method(), p.candidate());
            versions.promoted(p);
            String undone = active.getValue().version();
            versions.store().activate(key, version);
            if (!undone.equals(version)) {
                versions.store().markStatus(key, undone, VersionStatus.ROLLED_BACK, reason);
            }
            return true;
        } catch (ActivationFailure | java.io.IOException | RuntimeException e) {
            PoetLog.warn(methodKey + ": rollback to " + version + " failed: " + e.getMessage());
            return false;
        }
    }

    /** Compare-and-set of a slot holding {@code current}; the summary and failure counts follow. */
    private boolean swap(int id, ActiveMethod current, ActiveMethod replacement) {
        overlayOperatorParams(replacement, operatorParamsOf(current.context().key()));
        if (!slots.replace(id, current, replacement)) {
            return false;
        }
        tracked.put(id, new Tracked(replacement));
        failures.remove(current);
        return true;
    }

    /**
     * The method with slot {@code methodId} for the execution recorder: its key, name and the version that runs
     * now. A call recorded just before a version was replaced is attributed to the new one.
     */
    @Override
    public MethodDirectory.MethodInfo describe(int methodId) {
        Tracked t = tracked.get(methodId);
        if (t == null || t.method() == null) {
            return null;
        }
        return new MethodDirectory.MethodInfo(t.method().context().key(), t.displayName(), t.method().version());
    }

    /** One line per method that had an enhancement: calls, retries, failures passed through, violations. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        tracked.values().stream()
                .sorted((a, b) -> a.displayName().compareTo(b.displayName()))
                .forEach(t -> lines.add(t.displayName() + ": calls=" + t.stats().calls.sum()
                        + " retries=" + t.stats().retries.sum()
                        + " failures-passed-through=" + t.stats().failuresPassedThrough.sum()
                        + " deliberate-failures=" + t.stats().deliberateFailures.sum()
                        + " violations=" + t.stats().violations.sum()
                        + " own-failures=" + t.stats().ownFailures.sum()));
        return lines;
    }

    /** Prints {@link #summary()} to standard error; called from a shutdown hook when {@code poet.summary=true}. */
    public void printSummary() {
        List<String> lines = summary();
        if (lines.isEmpty()) {
            return;
        }
        PoetLog.plain("[poet] summary (" + lines.size() + " enhanced method" + (lines.size() == 1 ? "" : "s") + ")");
        for (String line : lines) {
            PoetLog.plain("[poet]   " + line);
        }
    }

    /**
     * For an orderly exit: generations not yet started are dropped, and one still activating is not waited for
     * (the JVM no longer needs it; its daemon thread ends with the JVM and nothing it did is stored). Versions of an
     * activation that completed before the exit are stored: this waits at most {@code millis} for them, so an
     * exit right after an eager activation loses nothing. A version cut short anyway (the bound ran out) is never
     * half visible: every store file is written atomically and {@code metadata.json} last.
     */
    /**
     * Waits until the generator thread has finished what it was doing when {@link #shutdown} was called (an
     * activation in progress is not waited for at exit); for tests that remove {@code poet.home} afterwards.
     */
    boolean awaitGenerators(long millis) throws InterruptedException {
        return generators.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    public void shutdown(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (exitLock) {
            closing = true;
            generators.shutdown();
            try {
                long left;
                while (storing > 0 && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(exitLock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        activator.shutdown(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }


    /** From now on, activations consult {@code policy} (disabled methods, parameter overrides). */
    public void operatedBy(OperatorPolicy policy) {
        this.operator = policy == null ? OperatorPolicy.NONE : policy;
    }

    private boolean disabledByOperator(String key) {
        try {
            return operator.disabled(key);
        } catch (RuntimeException e) {
            PoetLog.suppressed("the operator's state of " + key + " could not be read; it runs enhanced", e);
            return false;
        }
    }

    /** The overrides in force for {@code key}: those set live, else the operator's stored ones. */
    private Map<String, String> operatorParamsOf(String key) {
        Map<String, String> live = operatorParams.get(key);
        if (live != null) {
            return live;
        }
        try {
            Map<String, String> stored = operator.params(key);
            return stored == null ? Map.of() : stored;
        } catch (RuntimeException e) {
            PoetLog.suppressed("the operator's parameters of " + key + " could not be read", e);
            return Map.of();
        }
    }

    /** Lays {@code overrides} over what {@code m} runs without them; none: back to that. */
    private void overlayOperatorParams(ActiveMethod m, Map<String, String> overrides) {
        if (m == null) {
            return;
        }
        Params base = baseParams.get(m);
        if (overrides.isEmpty()) {
            if (base != null) {
                m.context().paramsRef().set(base);
                baseParams.remove(m);
            }
            return;
        }
        if (base == null) {
            base = m.context().params();
            baseParams.put(m, base);
        }
        Map<String, Object> merged = new java.util.LinkedHashMap<>(base.asMap());
        merged.putAll(overrides);
        m.context().paramsRef().set(Params.of(merged));
    }

    /** Slot id and method of every method key this engine prepared, active or held back. */
    private Map.Entry<Integer, ActiveMethod> trackedOf(String methodKey) {
        for (Map.Entry<Integer, Tracked> e : tracked.entrySet()) {
            ActiveMethod m = e.getValue().method();
            if (m != null && m.context().key().equals(methodKey)) {
                return Map.entry(e.getKey(), m);
            }
        }
        return null;
    }

    @Override
    public List<dev.poet.core.operate.EngineControl.Slot> slots() {
        List<dev.poet.core.operate.EngineControl.Slot> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<Integer, Tracked> e : tracked.entrySet()) {
            ActiveMethod m = e.getValue().method();
            if (m == null || !seen.add(m.context().key())) {
                continue;
            }
            String key = m.context().key();
            ActiveMethod inSlot = slots.active(e.getKey());
            String state;
            String version;
            if (held.containsKey(key)) {
                state = "disabled";
                version = held.get(key).version();
            } else if (inSlot != null) {
                state = "active";
                version = inSlot.version();
            } else {
                state = "original";
                version = null;
            }
            out.add(new dev.poet.core.operate.EngineControl.Slot(key, e.getValue().displayName(),
                    m.context().domain(), state, version, null, lastErrors.get(key)));
        }
        if (activator instanceof EnhancementPipeline p) {
            for (Map.Entry<String, Integer> w : p.heldForReview().entrySet()) {
                if (seen.add(w.getKey())) {
                    out.add(new dev.poet.core.operate.EngineControl.Slot(w.getKey(), p.displayNameOf(w.getValue()),
                            null, "original", null, null, lastErrors.get(w.getKey())));
                }
            }
        }
        return out;
    }

    @Override
    public boolean runStored(String methodKey, String version) {
        TrainedVersions versions = trainedVersions();
        if (versions == null || closing) {
            return false;
        }
        try {
            ActiveMethod heldBack = held.get(methodKey);
            Map.Entry<Integer, ActiveMethod> known = trackedOf(methodKey);
            Integer id = known != null ? known.getKey()
                    : ((EnhancementPipeline) activator).heldForReview().get(methodKey);
            if (id == null) {
                return false;
            }
            ActiveMethod inSlot = slots.active(id);
            ActiveMethod running = heldBack != null ? heldBack : inSlot;
            if (running != null && version.equals(running.version())) {
                return true;
            }
            MethodStats stats = running != null ? running.context().stats()
                    : known != null ? known.getValue().context().stats() : new MethodStats();
            TrainedVersions.Prepared p = versions.stored(id, stats, version, this);
            overlayOperatorParams(p.method(), operatorParamsOf(methodKey));
            if (heldBack != null) {
                held.put(methodKey, p.method());
            } else if (inSlot != null ? !slots.replace(id, inSlot, p.method()) : !slots.activate(id, p.method())) {
                PoetLog.warn(methodKey + ": " + version + " not put in its slot: it is " + slots.state(id));
                return false;
            }
            tracked.put(id, new Tracked(p.method()));
            if (inSlot != null) {
                failures.remove(inSlot);
            }
            ((EnhancementPipeline) activator).storedVersionActive(p.method(), p.candidate());
            versions.promoted(p);
            events.versionActivated(CandidateFacts.of(p.candidate(), version), true,
                    running == null ? null : running.version(), null);
            PoetLog.info(methodKey + ": " + version + (heldBack != null ? " ready (the method stays disabled)"
                    : " active") + " by the operator's choice");
            return true;
        } catch (ActivationFailure | java.io.IOException | RuntimeException | LinkageError e) {
            PoetLog.warn(methodKey + ": " + version + " not activated: " + e.getMessage());
            return false;
        }
    }

    @Override
    public boolean setDisabled(String methodKey, boolean disabled) {
        Map.Entry<Integer, ActiveMethod> known = trackedOf(methodKey);
        if (known == null) {
            // Not live here: the policy decides at its activation.
            return true;
        }
        int id = known.getKey();
        if (disabled) {
            if (held.containsKey(methodKey)) {
                return true;
            }
            ActiveMethod inSlot = slots.active(id);
            if (inSlot == null) {
                return true;
            }
            held.put(methodKey, inSlot);
            if (!slots.deactivate(id, inSlot)) {
                held.remove(methodKey, inSlot);
                return false;
            }
            PoetLog.info(methodKey + ": disabled by the operator; the original runs");
            return true;
        }
        ActiveMethod back = held.remove(methodKey);
        if (back == null) {
            return true;
        }
        if (!slots.activate(id, back)) {
            PoetLog.warn(methodKey + ": not enabled again: its slot is " + slots.state(id));
            return false;
        }
        PoetLog.info(methodKey + ": enabled by the operator; " + back.version() + " runs");
        return true;
    }

    @Override
    public boolean setOperatorParams(String methodKey, Map<String, String> params) {
        Map<String, String> copy = params == null ? Map.of() : Map.copyOf(params);
        operatorParams.put(methodKey, copy);
        ActiveMethod heldBack = held.get(methodKey);
        if (heldBack != null) {
            overlayOperatorParams(heldBack, copy);
        }
        for (Map.Entry<Integer, Tracked> e : tracked.entrySet()) {
            ActiveMethod m = slots.active(e.getKey());
            if (m != null && m.context().key().equals(methodKey)) {
                overlayOperatorParams(m, copy);
            }
        }
        return true;
    }
}
