package dev.poet.core.engine;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import dev.poet.bridge.SlotTable;
import dev.poet.bridge.Slots;
import dev.poet.core.model.MethodSpec;

/**
 * Assigns each instrumented method its slot id, at transformation time. The same method of the same class loader
 * keeps its id across retransformations; two classes of the same name in different loaders get different ids.
 */
public final class MethodRegistry {

    /** One instrumented method and the loader of its class. */
    public static final class Registered {
        private final int id;
        private final MethodSpec spec;
        private final WeakReference<ClassLoader> loader;
        private final int loaderId;

        Registered(int id, MethodSpec spec, ClassLoader loader, int loaderId) {
            this.id = id;
            this.spec = spec;
            this.loader = new WeakReference<>(loader);
            this.loaderId = loaderId;
        }

        public int id() {
            return id;
        }

        public MethodSpec spec() {
            return spec;
        }

        /** The class loader, or {@code null} once it was collected (or for the bootstrap loader). */
        public ClassLoader loader() {
            return loader.get();
        }

        int loaderId() {
            return loaderId;
        }
    }

    private final AtomicInteger nextId = new AtomicInteger();
    private final Map<String, Registered> byKey = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<Registered> byId = new AtomicReferenceArray<>(Slots.CAPACITY);
    private final Map<String, List<Registered>> byClass = new ConcurrentHashMap<>();
    private final Map<ClassLoader, Integer> loaderIds = new WeakHashMap<>();
    private int nextLoaderId = 1;
    private final SlotTable slots;

    /** A registry of this JVM's methods, whose slots are the ones the entry hooks read. */
    public MethodRegistry() {
        this(SlotTable.global());
    }

    /** A registry over {@code slots}: a table of its own keeps a test off the JVM's slots. */
    public MethodRegistry(SlotTable slots) {
        this.slots = slots;
    }

    /** The slots of the methods this registry numbers. */
    public SlotTable slots() {
        return slots;
    }

    /**
     * A slot that is never set: methods beyond capacity get it, so their advice always runs the original.
     */
    public static final int DEAD_SLOT = Slots.CAPACITY - 1;

    /**
     * The id of {@code spec} in {@code loader}, registering it (and marking its slot undiscovered) the first
     * time; {@link #DEAD_SLOT} when every slot is taken. A method registered before and since deselected keeps its
     * id and its slot goes back to undiscovered, so it is activated again at its next call.
     */
    public int register(ClassLoader loader, MethodSpec spec) {
        int loaderId = loaderId(loader);
        String key = loaderId + "/" + spec.className() + "#" + spec.methodName() + spec.descriptor();
        Registered existing = byKey.get(key);
        if (existing != null) {
            slots.reselect(existing.id);
            return existing.id;
        }
        synchronized (this) {
            existing = byKey.get(key);
            if (existing != null) {
                slots.reselect(existing.id);
                return existing.id;
            }
            int id = nextId.get();
            if (id >= DEAD_SLOT) {
                return DEAD_SLOT;
            }
            nextId.incrementAndGet();
            Registered registered = new Registered(id, spec, loader, loaderId);
            byId.set(id, registered);
            byClass.computeIfAbsent(classKey(loaderId, spec.className()), k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(registered);
            slots.register(id);
            byKey.put(key, registered);
            return id;
        }
    }

    /** The method with slot {@code id}, or {@code null}. */
    public Registered byId(int id) {
        return id < 0 || id >= Slots.CAPACITY ? null : byId.get(id);
    }

    /** Every registered method of the class that declares {@code registered}, in registration order. */
    public List<Registered> classmates(Registered registered) {
        List<Registered> all = byClass.get(classKey(registered.loaderId, registered.spec().className()));
        if (all == null) {
            return List.of(registered);
        }
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /**
     * Every method registered for class {@code className} of {@code loader}, in registration order (empty when
     * none): what a retransformation of that class may leave unrouted.
     */
    public List<Registered> registeredIn(ClassLoader loader, String className) {
        Integer loaderId = loader == null ? Integer.valueOf(0) : knownLoaderId(loader);
        if (loaderId == null) {
            return List.of();
        }
        List<Registered> all = byClass.get(classKey(loaderId, className));
        if (all == null) {
            return List.of();
        }
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /**
     * The method with slot {@code id} left the selection and its class runs its original code: its slot goes to
     * {@link SlotTable.State#DESELECTED}. Its registration stays, so selecting it again gives it the same id.
     *
     * @return whether the slot changed (false when unused or already deselected)
     */
    public boolean deselect(int id) {
        return slots.deselect(id);
    }

    private synchronized Integer knownLoaderId(ClassLoader loader) {
        return loaderIds.get(loader);
    }

    /** How many methods are registered. */
    public int size() {
        return nextId.get();
    }

    private synchronized int loaderId(ClassLoader loader) {
        if (loader == null) {
            return 0;
        }
        Integer id = loaderIds.get(loader);
        if (id == null) {
            id = nextLoaderId++;
            loaderIds.put(loader, id);
        }
        return id;
    }

    private static String classKey(int loaderId, String className) {
        return loaderId + "/" + className;
    }
}
