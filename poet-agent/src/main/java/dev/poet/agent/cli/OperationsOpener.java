package dev.poet.agent.cli;

import java.nio.file.Path;

import dev.poet.core.operate.OperationException;
import dev.poet.core.operate.Operations;

/** Opens the {@link Operations} of a {@code poet.home}; the command line's one way to the store. */
@FunctionalInterface
interface OperationsOpener {

    /**
     * @throws OperationException {@code FAILED} when the store cannot be read
     */
    Operations open(Path home) throws OperationException;
}
