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
import dev.poet.bridge.MethodStats;
import dev.poet.bridge.PendingActivation;
import dev.poet.bridge.Recording;
import dev.poet.bridge.Slots;
import dev.poet.core.log.PoetLog;

/**
 * The engine behind the bridge: learns which classes are live, has their enhancements generated off the
 * application's threads, activates them, and keeps count of failures, quarantining a version that keeps failing.
 */
public final class PoetEngine implements BridgeHooks {

    private final EngineOptions options;
    private final MethodRegistry registry;
    private final ClassActivator activator;
    private final ExecutorService generators;
    private final Set<String> scheduledClasses = ConcurrentHashMap.newKeySet();
    private final Map<ActiveMethod, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<Integer, Tracked> tracked = new ConcurrentHashMap<>();
    /** Methods in the recording state, by id; removing one is the right to finish it (exactly once). */
    private final Map<Integer, Recording> recordings = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /** A method that had an enhancement at some point, for the summary. */
    record Tracked(String displayName, MethodStats stats) {
    }

    public PoetEngine(EngineOptions options, MethodRegistry registry, ClassActivator activator) {
        this.options = options;
        this.registry = registry;
        this.activator = activator;
        // One generator thread: Janino is CPU-bound and the application shares the machine with us.
        this.generators = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new GeneratorThreads());
        ((ThreadPoolExecutor) generators).allowCoreThreadTimeOut(true);
    }

    public MethodRegistry registry() {
        return registry;
    }

    @Override
    public Object discovered(int methodId, Class<?> declaringType) {
        MethodRegistry.Registered registered = registry.byId(methodId);
        if (registered == null || declaringType == null) {
            Slots.SLOTS.compareAndSet(methodId, Slots.UNDISCOVERED, null);
            return Slots.SLOTS.get(methodId);
        }
        List<MethodRegistry.Registered> classmates = registry.classmates(registered);
        PendingActivation pending = options.eagerActivation()
                ? new PendingActivation(registered.spec().className()) : null;
        String classKey = System.identityHashCode(declaringType.getClassLoader()) + "/" + declaringType.getName();
        boolean first = scheduledClasses.add(classKey);
        for (MethodRegistry.Registered mate : classmates) {
            Slots.SLOTS.compareAndSet(mate.id(), Slots.UNDISCOVERED, first ? pending : null);
        }
        if (first) {
            try {
                generators.execute(() -> activate(declaringType, classmates, pending));
            } catch (RuntimeException e) {
                PoetLog.suppressed("could not schedule generation for " + declaringType.getName(), e);
                for (MethodRegistry.Registered mate : classmates) {
                    Slots.SLOTS.compareAndSet(mate.id(), pending, null);
                }
                if (pending != null) {
                    pending.complete();
                }
            }
        }
        return Slots.SLOTS.get(methodId);
    }

    private void activate(Class<?> type, List<MethodRegistry.Registered> methods, PendingActivation pending) {
        List<ActiveMethod> active = List.of();
        if (closing) {
            // The JVM is exiting: generation that has not started is not worth delaying the exit for.
            release(methods, pending);
            return;
        }
        try {
            active = activator.activate(type, methods);
            for (ActiveMethod method : active) {
                tracked.put(method.context().id(), new Tracked(
                        method.context().className() + "." + method.context().methodName(), method.context().stats()));
                Slots.SLOTS.set(method.context().id(), method);
            }
            for (AwaitingSamples awaiting : activator.takeAwaitingSamples()) {
                startRecording(awaiting);
            }
        } catch (Throwable t) {
            PoetLog.suppressed("activation of " + type.getName() + " failed; the original methods run", t);
        } finally {
            release(methods, pending);
        }
        try {
            activator.persist(active);
        } catch (Throwable t) {
            PoetLog.suppressed("versions of " + type.getName() + " not stored; they run from memory", t);
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
        Slots.SLOTS.set(awaiting.methodId(), recording);
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
                    Slots.SLOTS.compareAndSet(methodId, recording, null);
                    return;
                }
                try {
                    generators.execute(() -> finishRecording(methodId, recording));
                } catch (RejectedExecutionException e) {
                    // Shut down between the check and here: the original keeps running, as it should at exit.
                    Slots.SLOTS.compareAndSet(methodId, recording, null);
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
            Slots.SLOTS.compareAndSet(methodId, recording, null);
            return;
        }
        if (!Slots.SLOTS.compareAndSet(methodId, recording, active)) {
            return;
        }
        tracked.put(methodId, new Tracked(active.context().className() + "." + active.context().methodName(),
                active.context().stats()));
        try {
            activator.persist(List.of(active));
        } catch (Throwable t) {
            PoetLog.suppressed("version of method " + methodId + " not stored; it runs from memory", t);
        }
    }

    private static void release(List<MethodRegistry.Registered> methods, PendingActivation pending) {
        for (MethodRegistry.Registered method : methods) {
            Slots.SLOTS.compareAndSet(method.id(), pending, null);
        }
        if (pending != null) {
            pending.complete();
        }
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
        Object slot = Slots.SLOTS.get(methodId);
        return slot instanceof ActiveMethod ? (ActiveMethod) slot : null;
    }

    private static boolean inStaticInitializerOf(String className) {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(
                frame -> frame.getMethodName().equals("<clinit>") && frame.getClassName().equals(className)));
    }

    @Override
    public void ownFailure(ActiveMethod method, String phase, Throwable failure) {
        int count = failures.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
        String name = method.context().className() + "." + method.context().methodName();
        if (count <= options.failureLogLimit()) {
            PoetLog.suppressed(name + " " + method.version() + ": " + phase + " failed (failure " + count
                    + "); the original's behaviour stands", failure);
        }
        if (count >= options.quarantineFailures()
                && Slots.SLOTS.compareAndSet(method.context().id(), method, null)) {
            PoetLog.warn(name + " " + method.version() + " quarantined after " + count
                    + " failures; the original runs from now on");
            activator.quarantined(method, phase + " failed " + count + " times: " + failure);
        }
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
        System.err.println("[poet] summary (" + lines.size() + " enhanced method" + (lines.size() == 1 ? "" : "s") + ")");
        for (String line : lines) {
            System.err.println("[poet]   " + line);
        }
    }

    /**
     * For an orderly exit: generations not yet started are dropped; the running one may finish and store its
     * versions, waiting at most {@code millis}.
     */
    public void shutdown(long millis) {
        closing = true;
        generators.shutdown();
        try {
            generators.awaitTermination(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
