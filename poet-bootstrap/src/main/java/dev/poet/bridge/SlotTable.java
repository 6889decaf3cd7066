package dev.poet.bridge;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The one owner of every instrumented method's run-time state, and the only writer of the slots the entry hook
 * reads ({@link Slots#SLOTS}). Each slot is in one {@link State}; it changes only through the named transitions
 * below, each of which says which states it leaves from and is refused (returns {@code false}, changes nothing)
 * from any other. A transition that races with another (concurrent first calls, a quarantine against a new
 * activation) is a compare-and-set: exactly one of the racers wins.
 *
 * <pre>
 *   UNUSED --register--&gt; UNDISCOVERED --discover--&gt; PENDING --activate--&gt; ACTIVE(version) --quarantine--&gt; QUARANTINED
 *                                     \--discover--&gt; EMPTY  --activate--&gt; ACTIVE(version)
 *   PENDING --abandonPending--&gt; EMPTY      ACTIVE --activate(another version)--&gt; ACTIVE     ACTIVE --deactivate--&gt; EMPTY
 *   ACTIVE(v) --replace(v, w)--&gt; ACTIVE(w)
 *   EMPTY|PENDING --startRecording--&gt; RECORDING --finishRecording--&gt; ACTIVE   RECORDING --abandonRecording--&gt; EMPTY
 *   any but UNUSED --deselect--&gt; DESELECTED --reselect--&gt; UNDISCOVERED
 * </pre>
 *
 * <p>What the hook sees follows from the state: {@link Slots#UNDISCOVERED} while undiscovered, the
 * {@link PendingActivation} while pending, the {@link Recording} while recording, the {@link ActiveMethod} while
 * active, and {@code null} (run the
 * original, the fast path) in every other state. States that later work adds (a candidate on canary, a version
 * awaiting review, a method disabled by the operator) extend {@link State} and get transitions of their own here.
 *
 * <p>Transitions are rare (a method's first call, activation, quarantine), so they serialise on the table; the
 * hook's read of a slot takes no lock.
 */
public final class SlotTable {

    /** The state of one slot. */
    public enum State {
        /** No method has this id. */
        UNUSED,
        /** Instrumented; its first call will tell the engine that the class is live. */
        UNDISCOVERED,
        /** Live, no enhancement: the original runs (activation is under way, failed, or was not wanted). */
        EMPTY,
        /** Live, its enhancement being generated under eager activation: first calls wait (bounded). */
        PENDING,
        /**
         * A version waits for samples of real calls before it may be activated (no sample of the method's arguments
         * could be synthesised): the original runs, and the first calls hand copies of their arguments over.
         */
        RECORDING,
        /** An enhancement version runs every outermost call. */
        ACTIVE,
        /** Its version failed repeatedly and was withdrawn: the original runs from now on. */
        QUARANTINED,
        /**
         * The selection no longer names the method: its class was retransformed back to its original code, so no
         * hook reads the slot. Selected again, it starts over as undiscovered.
         */
        DESELECTED
    }

    private static final State[] STATES = State.values();

    private static final SlotTable GLOBAL = new SlotTable(Slots.SLOTS);

    private final AtomicReferenceArray<Object> view;
    /** Ordinals of {@link State}; guarded by {@code this}. */
    private final byte[] states;

    /**
     * A table of its own, of {@link Slots#CAPACITY} slots, that no entry hook reads: for tests and harnesses that
     * must not disturb the JVM's table.
     */
    public SlotTable() {
        this(new AtomicReferenceArray<>(Slots.CAPACITY));
    }

    private SlotTable(AtomicReferenceArray<Object> view) {
        this.view = view;
        this.states = new byte[view.length()];
    }

    /** The table behind {@link Slots#SLOTS}, which the entry hooks of this JVM read. */
    public static SlotTable global() {
        return GLOBAL;
    }

    /** How many slots the table has; valid ids are {@code 0 .. capacity() - 1}. */
    public int capacity() {
        return states.length;
    }

    /** The state of slot {@code id}; {@link State#UNUSED} for an id out of range. */
    public synchronized State state(int id) {
        return inRange(id) ? STATES[states[id]] : State.UNUSED;
    }

    /** What the entry hook reads in slot {@code id}, as {@link Slots} describes it; {@code null} out of range. */
    public Object content(int id) {
        return inRange(id) ? view.get(id) : null;
    }

    /** The method active in slot {@code id}, or {@code null} when it is in any other state. */
    public ActiveMethod active(int id) {
        Object content = content(id);
        return content instanceof ActiveMethod ? (ActiveMethod) content : null;
    }

    /** UNUSED → UNDISCOVERED: a method got id {@code id} and its entry hook is about to be woven. */
    public synchronized boolean register(int id) {
        return move(id, State.UNUSED, State.UNDISCOVERED, Slots.UNDISCOVERED);
    }

    /**
     * UNDISCOVERED → PENDING (when {@code pending} is given) or EMPTY: the method's class is live. Of concurrent
     * first calls exactly one gets {@code true}.
     */
    public synchronized boolean discover(int id, PendingActivation pending) {
        return pending != null
                ? move(id, State.UNDISCOVERED, State.PENDING, pending)
                : move(id, State.UNDISCOVERED, State.EMPTY, null);
    }

    /**
     * EMPTY, PENDING or ACTIVE → ACTIVE({@code method}): {@code method} runs every outermost call from now on
     * (for an active slot, it replaces the version there). Refused for a slot not yet discovered, a quarantined
     * one, or a method whose context has another id. Calls waiting on a pending activation are not released
     * here: the activation's owner completes it.
     */
    public synchronized boolean activate(int id, ActiveMethod method) {
        if (method == null || method.context().id() != id || !inRange(id)) {
            return false;
        }
        State now = STATES[states[id]];
        if (now != State.EMPTY && now != State.PENDING && now != State.ACTIVE) {
            return false;
        }
        set(id, State.ACTIVE, method);
        return true;
    }

    /**
     * PENDING({@code pending}) → EMPTY: the activation {@code pending} stood for is over and left nothing active
     * in this slot. Refused when the slot holds anything else (an activation that succeeded, say).
     */
    public synchronized boolean abandonPending(int id, PendingActivation pending) {
        return holds(id, State.PENDING, pending) && set(id, State.EMPTY, null);
    }

    /**
     * EMPTY or PENDING → RECORDING({@code recording}): the method's version may only be activated once it passed
     * verification on copies of real calls, which {@code recording} hands over.
     */
    public synchronized boolean startRecording(int id, Recording recording) {
        if (recording == null || !inRange(id)) {
            return false;
        }
        State now = STATES[states[id]];
        return (now == State.EMPTY || now == State.PENDING) && set(id, State.RECORDING, recording);
    }

    /** RECORDING({@code recording}) → ACTIVE({@code method}): the version passed on the recorded calls. */
    public synchronized boolean finishRecording(int id, Recording recording, ActiveMethod method) {
        return method != null && method.context().id() == id && holds(id, State.RECORDING, recording)
                && set(id, State.ACTIVE, method);
    }

    /** RECORDING({@code recording}) → EMPTY: the version failed on the recorded calls, or the JVM is exiting. */
    public synchronized boolean abandonRecording(int id, Recording recording) {
        return holds(id, State.RECORDING, recording) && set(id, State.EMPTY, null);
    }

    /** ACTIVE({@code method}) → QUARANTINED: that very version is withdrawn; the original runs from now on. */
    public synchronized boolean quarantine(int id, ActiveMethod method) {
        return holds(id, State.ACTIVE, method) && set(id, State.QUARANTINED, null);
    }

    /**
     * ACTIVE({@code current}) → ACTIVE({@code replacement}): a newer version of the same method (an LLM's version
     * replacing the template's) takes over, only if {@code current} is still the one running — a version
     * quarantined or replaced in the meantime is not overtaken.
     */
    public synchronized boolean replace(int id, ActiveMethod current, ActiveMethod replacement) {
        return replacement != null && replacement.context().id() == id && holds(id, State.ACTIVE, current)
                && set(id, State.ACTIVE, replacement);
    }

    /** ACTIVE({@code method}) → EMPTY: that very version is withdrawn without blame (e.g. a rollback to none). */
    public synchronized boolean deactivate(int id, ActiveMethod method) {
        return holds(id, State.ACTIVE, method) && set(id, State.EMPTY, null);
    }

    /**
     * Any state but UNUSED and DESELECTED → DESELECTED: the method left the selection. Whatever the slot held
     * (an active version, a pending activation, a recording) is dropped, so a hook still in place until its
     * class is retransformed reads {@code null} and runs the original; transitions that wait on what was there
     * are refused from now on.
     */
    public synchronized boolean deselect(int id) {
        if (!inRange(id)) {
            return false;
        }
        State now = STATES[states[id]];
        return now != State.UNUSED && now != State.DESELECTED && set(id, State.DESELECTED, null);
    }

    /** DESELECTED → UNDISCOVERED: the method is selected again; its next first call activates it anew. */
    public synchronized boolean reselect(int id) {
        return move(id, State.DESELECTED, State.UNDISCOVERED, Slots.UNDISCOVERED);
    }

    private boolean move(int id, State from, State to, Object content) {
        if (!inRange(id) || STATES[states[id]] != from) {
            return false;
        }
        return set(id, to, content);
    }

    private boolean holds(int id, State state, Object content) {
        return inRange(id) && content != null && STATES[states[id]] == state && view.get(id) == content;
    }

    private boolean set(int id, State state, Object content) {
        states[id] = (byte) state.ordinal();
        view.set(id, content);
        return true;
    }

    private boolean inRange(int id) {
        return id >= 0 && id < states.length;
    }
}
