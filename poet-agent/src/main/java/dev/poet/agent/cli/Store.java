package dev.poet.agent.cli;

import dev.poet.core.operate.OperationException;

/** The command line's way to the files of a {@code poet.home}. */
final class Store {

    static final OperationsOpener OPENER = home -> {
        throw new OperationException(OperationException.Kind.FAILED, "the store's operations are not available yet");
    };

    private Store() {
    }
}
