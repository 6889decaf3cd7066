package dev.poet.agent.cli;

/** {@code enable} and {@code disable}: whether a method's enhancement runs, now and after a restart. */
final class EnableCommand extends OperationsCommand {

    private final boolean enable;

    EnableCommand(boolean enable) {
        super(enable ? "enable" : "disable");
        this.enable = enable;
    }

    @Override
    String synopsis() {
        return name() + " <method>";
    }

    @Override
    String summary() {
        return enable ? "run a disabled method's enhancement again"
                : "run a method's original code instead of its enhancement (also after a restart)";
    }

    @Override
    String details() {
        return enable
                ? "Enables the method again: its active version runs from the next call on, within seconds."
                : String.join("\n",
                        "Disables the method: its original code runs instead of the enhancement, within seconds, and",
                        "after a restart, until it is enabled again.");
    }

    @Override
    Action prepare(Invocation invocation) throws UsageException {
        String name = method(invocation);
        invocation.atMost(1);
        return (operations, output) -> {
            output.receipt(operations.setEnabled(operations.resolve(name), enable, actor()));
            return 0;
        };
    }
}
