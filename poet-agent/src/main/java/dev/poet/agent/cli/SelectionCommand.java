package dev.poet.agent.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code selection [set INCLUDE]}: prints or replaces the effective {@code poet.methods.include}. */
final class SelectionCommand extends OperationsCommand {

    SelectionCommand() {
        super("selection");
    }

    @Override
    String synopsis() {
        return "selection [set <include>]";
    }

    @Override
    String summary() {
        return "print or replace the selected methods (poet.methods.include)";
    }

    @Override
    String details() {
        return String.join("\n",
                "Without operands, prints the effective poet.methods.include: the operator's, when one was set,",
                "else the configuration's. 'set <include>' replaces it, e.g.",
                "  selection set 'com.acme.billing.*[*];com.acme.Pricing[quote]'",
                "(quote it for the shell). A running application enhances newly selected methods and puts",
                "deselected ones back to their original code within seconds.");
    }

    @Override
    Action prepare(Invocation invocation) throws UsageException {
        if (invocation.operands().isEmpty()) {
            return (operations, output) -> {
                String include = operations.selection();
                if (output.json()) {
                    Map<String, Object> doc = new LinkedHashMap<>();
                    doc.put("include", include);
                    output.json(doc);
                } else {
                    output.line(include == null || include.isEmpty() ? "(nothing selected)" : include);
                }
                return 0;
            };
        }
        if (!invocation.operands().get(0).equals("set")) {
            throw new UsageException("unexpected argument '" + Output.printable(invocation.operands().get(0))
                    + "' (selection prints; selection set <include> replaces)");
        }
        String include = invocation.operand(1, "include after 'set' (e.g. 'com.acme.Pricing[quote]')");
        invocation.atMost(2);
        return (operations, output) -> {
            output.receipt(operations.setSelection(include, actor()));
            return 0;
        };
    }
}
