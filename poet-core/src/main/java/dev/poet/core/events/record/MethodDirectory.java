package dev.poet.core.events.record;

/** What the recorder needs to know of a method by its slot id; the engine implements it. */
public interface MethodDirectory {

    /** A method's identity as events name it. */
    record MethodInfo(String key, String displayName, String version) {
    }

    /** The method with slot {@code methodId}, or {@code null} when unknown (its record is counted, not written). */
    MethodInfo describe(int methodId);
}
