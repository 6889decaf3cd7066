package dev.poet.agent.cli;

import java.util.Set;

/**
 * {@code rollback}, {@code approve} and {@code reject}: each names a method and one of its versions and writes the
 * decision to the store, where a running application picks it up within seconds and a restarted one starts with it.
 */
final class ReviewCommand extends OperationsCommand {

    enum Kind { ROLLBACK, APPROVE, REJECT }

    private final Kind kind;

    ReviewCommand(Kind kind) {
        super(kind.name().toLowerCase(java.util.Locale.ROOT));
        this.kind = kind;
    }

    @Override
    String synopsis() {
        return name() + " <method> <version>" + (kind == Kind.REJECT ? " [--reason R]" : "");
    }

    @Override
    String summary() {
        return switch (kind) {
            case ROLLBACK -> "make a stored version the one that runs (also after a restart)";
            case APPROVE -> "activate a version that waits for review (poet.review=manual)";
            case REJECT -> "reject a version that waits for review; it never runs";
        };
    }

    @Override
    String details() {
        return switch (kind) {
            case ROLLBACK -> String.join("\n",
                    "Makes <version> the one that runs, now and after a restart, until something newer is",
                    "promoted; the version it replaces is marked rolled_back. A running application switches within",
                    "seconds (poet.operate.poll-ms).");
            case APPROVE -> String.join("\n",
                    "Approves a version that waits for review: it becomes active and current. A running application",
                    "switches to it within seconds.");
            case REJECT -> String.join("\n",
                    "Rejects a version that waits for review: it is marked rejected and never runs.",
                    "  --reason R   why, kept with the change");
        };
    }

    @Override
    Set<String> valuedOptions() {
        return kind == Kind.REJECT ? Set.of("reason") : Set.of();
    }

    @Override
    Action prepare(Invocation invocation) throws UsageException {
        String name = method(invocation);
        String version = version(invocation, 1);
        invocation.atMost(2);
        String reason = invocation.options().get("reason");
        return (operations, output) -> {
            String key = operations.resolve(name);
            output.receipt(switch (kind) {
                case ROLLBACK -> operations.rollback(key, version, actor());
                case APPROVE -> operations.approve(key, version, actor());
                case REJECT -> operations.reject(key, version, reason, actor());
            });
            return 0;
        };
    }
}
