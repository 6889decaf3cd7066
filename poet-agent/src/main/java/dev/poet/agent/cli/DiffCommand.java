package dev.poet.agent.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.poet.core.operate.VersionDetail;

/** {@code diff <method> vA vB}: the unified diff of two versions' sources. */
final class DiffCommand extends OperationsCommand {

    DiffCommand() {
        super("diff");
    }

    @Override
    String synopsis() {
        return "diff <method> <vA> <vB>";
    }

    @Override
    String summary() {
        return "the unified diff of two versions' sources";
    }

    @Override
    String details() {
        return String.join("\n",
                "Prints the unified diff (3 lines of context) from version vA's source to version vB's; nothing when",
                "they are the same. Exit code 0 either way.");
    }

    @Override
    Action prepare(Invocation invocation) throws UsageException {
        String name = method(invocation);
        String from = version(invocation, 1);
        String to = version(invocation, 2);
        invocation.atMost(3);
        return (operations, output) -> {
            String key = operations.resolve(name);
            VersionDetail a = operations.version(key, from);
            VersionDetail b = operations.version(key, to);
            String diff = LineDiff.unified(a.source(), b.source(), key + "/" + from + "/Enhancement.java",
                    key + "/" + to + "/Enhancement.java");
            if (output.json()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("method", key);
                doc.put("from", from);
                doc.put("to", to);
                doc.put("identical", diff.isEmpty());
                doc.put("diff", diff);
                output.json(doc);
            } else if (!diff.isEmpty()) {
                output.line(diff.stripTrailing());
            }
            return 0;
        };
    }
}
