package dev.poet.core.operate;

import java.util.List;
import java.util.Map;

/**
 * What an operator can see and change. One implementation works on the files of a {@code poet.home}; the changes it
 * writes are what runs after a restart, and a running application picks them up within
 * {@code poet.operate.poll-ms}. Every mutation names its {@code actor} (a user name, {@code cli:<user>},
 * {@code http:<address>}), which the {@code config.changed} event of the change carries.
 *
 * <p>Methods are named by {@link #resolve}: a full method key, {@code Class.method} (simple or binary class name),
 * or a unique prefix of a key. Versions are named {@code vN}.
 */
public interface Operations {

    /** Every method the store or the running application knows, sorted by key. */
    List<MethodView> methods() throws OperationException;

    /** One method. */
    MethodView method(String methodKey) throws OperationException;

    /**
     * The key of the method {@code name} names.
     *
     * @throws OperationException {@code UNKNOWN} when none matches, {@code AMBIGUOUS} (listing the matches) when
     *                            more than one does, {@code BAD_REQUEST} for a name that cannot be a method
     */
    String resolve(String name) throws OperationException;

    /** The stored versions of a method, newest first. */
    List<VersionView> versions(String methodKey) throws OperationException;

    /** One stored version with its source, metadata and audit. */
    VersionDetail version(String methodKey, String version) throws OperationException;

    /**
     * Makes {@code version} the one that runs (now, and after a restart, until something newer is promoted); the
     * version it replaces is marked {@code rolled_back}.
     *
     * @throws OperationException {@code CONFLICT} when the version may not run (rejected, quarantined)
     */
    ChangeReceipt rollback(String methodKey, String version, String actor) throws OperationException;

    /**
     * Approves a version that waits for review ({@code poet.review=manual}): it becomes active and current.
     *
     * @throws OperationException {@code CONFLICT} when the version is not awaiting review
     */
    ChangeReceipt approve(String methodKey, String version, String actor) throws OperationException;

    /** Rejects a version that waits for review: it is marked {@code rejected} and never runs. */
    ChangeReceipt reject(String methodKey, String version, String reason, String actor) throws OperationException;

    /** The method's operator parameters (overrides of its configuration), key to value. */
    Map<String, String> params(String methodKey) throws OperationException;

    /**
     * Sets operator parameters (a blank value removes one); each value is checked as the method's configuration
     * would check it. Applied from the next call on, without regeneration.
     *
     * @throws OperationException {@code BAD_REQUEST} naming the key and why its value is wrong
     */
    ChangeReceipt setParams(String methodKey, Map<String, String> values, String actor) throws OperationException;

    /** Enables or disables a method: disabled, its original code runs, also after a restart. */
    ChangeReceipt setEnabled(String methodKey, boolean enabled, String actor) throws OperationException;

    /** The effective {@code poet.methods.include} (the operator's, when one was set, else the configuration's). */
    String selection() throws OperationException;

    /**
     * Replaces {@code poet.methods.include}; newly selected loaded classes are retransformed, deselected methods go
     * back to their original code.
     *
     * @throws OperationException {@code BAD_REQUEST} naming the entry that does not parse
     */
    ChangeReceipt setSelection(String include, String actor) throws OperationException;
}
