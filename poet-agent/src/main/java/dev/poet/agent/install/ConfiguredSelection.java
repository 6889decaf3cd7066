package dev.poet.agent.install;

import dev.poet.core.config.MethodSelector;
import dev.poet.core.config.PoetConfig;

/** {@link Selection} from {@code poet.methods.include}. */
final class ConfiguredSelection implements Selection {

    private final PoetConfig config;

    ConfiguredSelection(PoetConfig config) {
        this.config = config;
    }

    @Override
    public boolean selectsClass(String className) {
        for (MethodSelector selector : config.methodsInclude()) {
            if (selector.matchesClass(className)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean selectsMethod(String className, String methodName) {
        return config.includes(className, methodName);
    }
}
