package dev.poet.agent.install;

import java.util.ArrayList;
import java.util.List;

import dev.poet.core.config.MethodSelector;

/** {@link Selection} from a list of {@code poet.methods.include} entries. Immutable. */
final class ConfiguredSelection implements Selection {

    private final List<MethodSelector> selectors;

    ConfiguredSelection(List<MethodSelector> selectors) {
        this.selectors = List.copyOf(selectors);
    }

    List<MethodSelector> selectors() {
        return selectors;
    }

    @Override
    public boolean selectsClass(String className) {
        for (MethodSelector selector : selectors) {
            if (selector.matchesClass(className)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean selectsMethod(String className, String methodName) {
        for (MethodSelector selector : selectors) {
            if (selector.matchesClass(className) && selector.matchesMethod(methodName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The entries that name {@code className}. Two selections with the same entries for a class route the same
     * methods of it, which is all a change of selection needs to know to leave the class alone.
     */
    List<MethodSelector> entriesFor(String className) {
        List<MethodSelector> matching = new ArrayList<>(1);
        for (MethodSelector selector : selectors) {
            if (selector.matchesClass(className)) {
                matching.add(selector);
            }
        }
        return matching;
    }
}
