package dev.poet.core.operate;

/**
 * Told when the operator's selection ({@code selection.json}) changed in a running application: newly selected
 * loaded classes are to be retransformed, deselected methods to go back to their original code.
 */
@FunctionalInterface
public interface SelectionListener {

    /**
     * @param include the new {@code poet.methods.include}, already checked to parse
     * @param actor   who changed it
     */
    void selectionChanged(String include, String actor);
}
