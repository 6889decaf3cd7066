package dev.poet.core.operate;

import java.util.List;
import java.util.Map;

/**
 * What the running engine lets the operator side change, method by method (by key). Each call is a compare-and-set
 * on the method's slot; {@code false} means it could not be done now (the method is not live yet, the version did
 * not pass the gate again) and is retried on the next reconciliation.
 */
public interface EngineControl {

    /**
     * A method the engine knows in this JVM.
     *
     * @param state     {@code active}, {@code original} or {@code disabled}
     * @param version   the version in the slot (or held back while disabled), or null
     * @param lastError the last failure of the enhancement's own code, or null
     */
    record Slot(String key, String displayName, String domain, String state, String version, String generator,
                String lastError) {
    }

    /** Every method that was prepared for enhancement in this JVM. */
    List<Slot> slots();

    /**
     * Puts the stored {@code version} of the method in its slot, through the same gate as any reused version.
     *
     * @return true when it runs (or already ran)
     */
    boolean runStored(String methodKey, String version);

    /** Disabled: the original code runs (the enhancement is held back); enabled: it runs again. */
    boolean setDisabled(String methodKey, boolean disabled);

    /**
     * The operator's parameter overrides, laid over what the method runs otherwise (configured and learned values),
     * from its next call on; an empty map removes them.
     */
    boolean setOperatorParams(String methodKey, Map<String, String> params);
}
