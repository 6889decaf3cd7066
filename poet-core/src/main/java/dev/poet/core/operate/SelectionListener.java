package dev.poet.core.operate;

/**
 * Told when the operator's selection ({@code poet.methods.include}) changed, in the JVM that runs the methods.
 * Implementations never throw: a selection that does not parse is reported and changes nothing.
 */
public interface SelectionListener {

    /**
     * @param include the new selection in {@code poet.methods.include} syntax (empty: nothing selected by
     *                configuration; {@code @Poet} methods stay selected)
     * @param actor   who changed it, e.g. {@code cli:alice}
     */
    void selectionChanged(String include, String actor);
}
