package dev.poet.bridge;

import dev.poet.bridge.record.RecordingPolicy;
import dev.poet.runtime.event.PhaseEventSink;
import dev.poet.runtime.params.Params;
import dev.poet.runtime.params.ParamsRef;

/**
 * What an enhancement knows about the method it enhances; passed to its constructor. Immutable but for the
 * parameters, which are swapped as a whole through {@link #paramsRef()}.
 */
public final class MethodContext {

    private final int id;
    private final String key;
    private final String className;
    private final String methodName;
    private final String descriptor;
    private final Class<?>[] parameterTypes;
    private final String[] parameterNames;
    private final Class<?> returnType;
    private final Class<?>[] exceptionTypes;
    private final boolean isStatic;
    private final boolean isSynchronized;
    private final String domain;
    private final ParamsRef params;
    private final PhaseEventSink events;
    private final MethodStats stats;
    private final RecordingPolicy recording;

    /** A context whose method has no {@code optimize-for}: its calls are recorded, not measured. */
    public MethodContext(int id, String key, String className, String methodName, String descriptor,
                         Class<?>[] parameterTypes, String[] parameterNames, Class<?> returnType,
                         Class<?>[] exceptionTypes, boolean isStatic, boolean isSynchronized, String domain,
                         ParamsRef params, PhaseEventSink events, MethodStats stats) {
        this(id, key, className, methodName, descriptor, parameterTypes, parameterNames, returnType, exceptionTypes,
                isStatic, isSynchronized, domain, params, events, stats, RecordingPolicy.NONE);
    }

    /** @param recording how much of each call is recorded ({@code optimize-for}, inputs) */
    public MethodContext(int id, String key, String className, String methodName, String descriptor,
                         Class<?>[] parameterTypes, String[] parameterNames, Class<?> returnType,
                         Class<?>[] exceptionTypes, boolean isStatic, boolean isSynchronized, String domain,
                         ParamsRef params, PhaseEventSink events, MethodStats stats, RecordingPolicy recording) {
        this.id = id;
        this.key = key;
        this.className = className;
        this.methodName = methodName;
        this.descriptor = descriptor;
        this.parameterTypes = parameterTypes.clone();
        this.parameterNames = parameterNames.clone();
        this.returnType = returnType;
        this.exceptionTypes = exceptionTypes.clone();
        this.isStatic = isStatic;
        this.isSynchronized = isSynchronized;
        this.domain = domain;
        this.params = params;
        this.events = events;
        this.stats = stats;
        this.recording = recording == null ? RecordingPolicy.NONE : recording;
    }

    public int id() { return id; }

    /** The method key used under {@code .poet/methods/}. */
    public String key() { return key; }

    public String className() { return className; }

    public String methodName() { return methodName; }

    /** The JVM descriptor, e.g. {@code (ILjava/lang/String;)V}. */
    public String descriptor() { return descriptor; }

    public int parameterCount() { return parameterTypes.length; }

    public Class<?> parameterType(int index) { return parameterTypes[index]; }

    /** The parameter's name from the class file, or {@code arg<index>} when it was compiled without them. */
    public String parameterName(int index) { return parameterNames[index]; }

    public Class<?> returnType() { return returnType; }

    public boolean isVoid() { return returnType == void.class; }

    /** Whether the method declares {@code type} (or a supertype of it) in its {@code throws} clause. */
    public boolean declares(Class<?> type) {
        for (Class<?> declared : exceptionTypes) {
            if (declared.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    public boolean isStatic() { return isStatic; }

    /**
     * Whether the method holds a monitor while it runs: the enhancement must not sleep (backoff) or move the body
     * to another thread (deadline).
     */
    public boolean isSynchronized() { return isSynchronized; }

    public String domain() { return domain; }

    /** The current parameter snapshot; read it per call, it may change. */
    public Params params() { return params.get(); }

    public ParamsRef paramsRef() { return params; }

    /** Where this method's phase decisions go (counted in {@link #stats()} and written to the event log). */
    public PhaseEventSink events() { return events; }

    public MethodStats stats() { return stats; }

    /** How much of each call is recorded: whether the method has {@code optimize-for}, and inputs are copied. */
    public RecordingPolicy recording() { return recording; }
}
