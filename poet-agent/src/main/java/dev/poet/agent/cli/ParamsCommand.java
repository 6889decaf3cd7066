package dev.poet.agent.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code params <method> [key=value ...]}: prints the operator's parameters of a method, or changes them. */
final class ParamsCommand extends OperationsCommand {

    ParamsCommand() {
        super("params");
    }

    @Override
    String synopsis() {
        return "params <method> [key=value ...]";
    }

    @Override
    String summary() {
        return "print a method's operator parameters, or set them (key= removes one)";
    }

    @Override
    String details() {
        return String.join("\n",
                "Without pairs, prints the method's operator parameters (overrides of its configuration). With",
                "pairs, sets them (retries=5 timeout-ms=2000); key= removes that override. Each value is checked as",
                "the method's configuration would check it; a bad one changes nothing. A running application uses",
                "the new values from its next call on, within seconds, without regenerating.");
    }

    @Override
    Action prepare(Invocation invocation) throws UsageException {
        String name = method(invocation);
        Map<String, String> values = pairs(invocation.operands().subList(1, invocation.operands().size()));
        return (operations, output) -> {
            String key = operations.resolve(name);
            if (!values.isEmpty()) {
                output.receipt(operations.setParams(key, values, actor()));
                return 0;
            }
            Map<String, String> params = operations.params(key);
            if (output.json()) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("method", key);
                doc.put("params", params);
                output.json(doc);
            } else if (params.isEmpty()) {
                output.line(key + ": no operator parameters (the configuration's values apply)");
            } else {
                output.line(key + ":");
                params.forEach((k, v) -> output.line("  " + Output.printable(k) + "=" + Output.printable(v)));
            }
            return 0;
        };
    }

    /** {@code key=value} operands, in order; a blank value removes the key. */
    static Map<String, String> pairs(List<String> operands) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : operands) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("'" + Output.printable(pair) + "' is not key=value (key= removes a parameter)");
            }
            String key = pair.substring(0, eq).trim();
            if (!key.matches("[A-Za-z][A-Za-z0-9._-]*")) {
                throw new UsageException("'" + Output.printable(key) + "' is not a parameter name");
            }
            if (values.put(key, pair.substring(eq + 1)) != null) {
                throw new UsageException(key + " is given twice");
            }
        }
        return values;
    }
}
