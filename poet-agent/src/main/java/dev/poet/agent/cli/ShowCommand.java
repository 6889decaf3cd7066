package dev.poet.agent.cli;

import java.util.List;
import java.util.Map;

import dev.poet.core.operate.MethodView;
import dev.poet.core.operate.OperationException;
import dev.poet.core.operate.Operations;
import dev.poet.core.operate.VersionDetail;
import dev.poet.core.operate.VersionView;

/** {@code show <method> [version]}: one version's metadata, audit, parameters and source. */
final class ShowCommand extends OperationsCommand {

    ShowCommand() {
        super("show");
    }

    @Override
    String synopsis() {
        return "show <method> [version]";
    }

    @Override
    String summary() {
        return "a version's source, metadata and audit (default: the current version)";
    }

    @Override
    String details() {
        return String.join("\n",
                "Prints the version's metadata, its audit (verdict and findings), its parameters and its source.",
                "Without a version: the one the store's current names, else the one that runs, else the newest.");
    }

    @Override
    Action prepare(Invocation invocation) throws UsageException {
        String name = method(invocation);
        String requested = invocation.operands().size() > 1 ? version(invocation, 1) : null;
        invocation.atMost(2);
        return (operations, output) -> {
            String key = operations.resolve(name);
            String version = requested != null ? requested : defaultVersion(operations, key);
            VersionDetail detail = operations.version(key, version);
            if (output.json()) {
                output.json(Output.detail(key, detail));
                return 0;
            }
            VersionView v = detail.version();
            output.line(key + " " + v.name() + (v.current() ? " (current)" : ""));
            output.line("  status:     " + Output.cell(v.status()));
            output.line("  generator:  " + Output.cell(v.generator())
                    + (v.templateVersion() == null ? "" : ", template " + Output.printable(v.templateVersion()))
                    + (v.model() == null ? "" : ", model " + Output.printable(v.model())));
            output.line("  created:    " + Output.cell(v.createdAt()));
            output.line("  reason:     " + Output.cell(v.reason()));
            section(output, "metadata", detail.metadata());
            section(output, "audit", detail.audit());
            section(output, "params", detail.params());
            output.line("source:");
            output.line(detail.source() == null ? "  (no source stored)" : detail.source().stripTrailing());
            return 0;
        };
    }

    /** The current version, else the active one, else the newest: what "this method's code" most likely means. */
    private static String defaultVersion(Operations operations, String key) throws OperationException {
        List<VersionView> versions = operations.versions(key);
        for (VersionView v : versions) {
            if (v.current()) {
                return v.name();
            }
        }
        MethodView method = operations.method(key);
        if (method.activeVersion() != null) {
            return method.activeVersion();
        }
        if (versions.isEmpty()) {
            throw new OperationException(OperationException.Kind.UNKNOWN, key + " has no stored versions");
        }
        return versions.get(0).name();
    }

    private static void section(Output output, String title, Map<String, Object> values) {
        if (values == null || values.isEmpty()) {
            output.line(title + ": -");
            return;
        }
        output.line(title + ":");
        for (Map.Entry<String, Object> e : values.entrySet()) {
            print(output, "  ", Output.printable(e.getKey()), e.getValue());
        }
    }

    private static void print(Output output, String indent, String label, Object value) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            output.line(indent + label + (label.equals("-") ? "" : ":"));
            for (Map.Entry<?, ?> e : map.entrySet()) {
                print(output, indent + "  ", Output.printable(String.valueOf(e.getKey())), e.getValue());
            }
        } else if (value instanceof List<?> list && !list.isEmpty()) {
            output.line(indent + label + (label.equals("-") ? "" : ":"));
            for (Object item : list) {
                print(output, indent + "  ", "-", item);
            }
        } else {
            output.line(indent + label + (label.equals("-") ? " " : ": ") + Output.cell(value));
        }
    }
}
