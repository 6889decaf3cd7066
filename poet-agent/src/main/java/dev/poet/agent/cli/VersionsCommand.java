package dev.poet.agent.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.poet.core.operate.VersionView;

/** {@code versions <method>}: the stored versions of a method, newest first, and which one is current. */
final class VersionsCommand extends OperationsCommand {

    VersionsCommand() {
        super("versions");
    }

    @Override
    String synopsis() {
        return "versions <method>";
    }

    @Override
    String summary() {
        return "the stored versions of a method, newest first";
    }

    @Override
    String details() {
        return String.join("\n",
                "Lists the versions stored for the method, newest first: status (active, awaiting_review, rejected,",
                "rolled_back, ...), whether the store's current names it (*), generator, template version or model,",
                "why it was made and when.");
    }

    @Override
    Action prepare(Invocation invocation) throws UsageException {
        String name = method(invocation);
        invocation.atMost(1);
        return (operations, output) -> {
            String key = operations.resolve(name);
            List<VersionView> versions = operations.versions(key);
            if (output.json()) {
                List<Object> list = new ArrayList<>();
                versions.forEach(v -> list.add(Output.version(v)));
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("method", key);
                doc.put("versions", list);
                output.json(doc);
                return 0;
            }
            output.line(key);
            if (versions.isEmpty()) {
                output.line("no stored versions");
                return 0;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"", "VERSION", "STATUS", "GENERATOR", "TEMPLATE/MODEL", "CREATED", "REASON"});
            for (VersionView v : versions) {
                rows.add(new String[] {v.current() ? "*" : "", Output.cell(v.name()), Output.cell(v.status()),
                        Output.cell(v.generator()), Output.cell(v.model() != null ? v.model() : v.templateVersion()),
                        Output.cell(v.createdAt()), Output.cut(Output.cell(v.reason()), 60)});
            }
            Output.table(rows).forEach(output::line);
            return 0;
        };
    }
}
